package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --yes} and {@code --dry-run}: the plan is shown before anything changes, a person at a terminal is
 * asked, and without one a change that cannot be undone (an account made, a resource removed or replaced)
 * needs {@code --yes}.
 */
public final class Confirm {
  @Option(names = "--yes", description = "Go ahead without asking. Needed where there is no terminal to ask on, when"
      + " the plan creates an account or removes or replaces a resource (a rollout: always).")
  boolean yes;

  @Option(names = "--dry-run", description = "Show the plan and change nothing: no AWS write but a change set made"
      + " and deleted again, no state written.")
  boolean dryRun;

  private int stopped;

  /**
   * Shows the plan and says whether to go ahead. A dry run prints the plan as the command's result and stops;
   * otherwise a plan that changes something is shown on stderr, then asked about when there is a terminal.
   *
   * @throws Fault exit 2, when the plan cannot be undone, nobody can be asked, and {@code --yes} was not given
   */
  boolean proceed(CommandSpec spec, Launch launch, Plans.Shown plan) {
    if (dryRun) {
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(plan.json());
      } else {
        plan.lines().forEach(printer::line);
        printer.line("dry run: nothing was changed");
      }
      stopped = 0;
      return false;
    }
    if (!plan.changes()) {
      return true;
    }
    PrintWriter err = spec.commandLine().getErr();
    plan.lines().forEach(err::println);
    err.flush();
    if (yes) {
      return true;
    }
    var confirmation = launch.confirmation();
    if (confirmation.interactive()) {
      if (confirmation.confirm(plan.irreversible().isEmpty() ? "Go ahead?"
          : "Go ahead, including what cannot be undone (marked ! above)?")) {
        return true;
      }
      err.println("nothing was changed");
      err.flush();
      stopped = 1;
      return false;
    }
    if (!plan.irreversible().isEmpty()) {
      throw Fault.invalid("the plan above " + String.join("; ", plan.irreversible())
          + ", and there is no terminal to confirm that on; nothing was changed",
          "check the plan, then pass --yes to go ahead (or --dry-run to only show the plan)");
    }
    return true;
  }

  /**
   * For a command whose plan is its result on stdout, always confirmed (a rollout): refuses before any AWS call
   * when nobody can be asked and {@code --yes} was not given.
   *
   * @throws Fault exit 2
   */
  void requireAnswer(Launch launch, String command) {
    if (!dryRun && !yes && !launch.confirmation().interactive()) {
      throw Fault.invalid(command + " asks for confirmation, and there is no terminal to ask on",
          "check the plan with --dry-run, then re-run with --yes");
    }
  }

  /** After such a plan was printed: false after a dry run (exit 0) or a no (exit 1, "not started" said). */
  boolean confirmed(CommandSpec spec, Launch launch, String question) {
    stopped = 0;
    if (dryRun) {
      return false;
    }
    if (yes || launch.confirmation().confirm(question)) {
      return true;
    }
    spec.commandLine().getOut().println("not started");
    stopped = 1;
    return false;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** The exit code when {@link #proceed} said no: 0 after a dry run, 1 when the person declined. */
  int stopped() {
    return stopped;
  }
}
