package io.tenantctl.cli;

import io.tenantctl.app.Services;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.rollout.RolloutReport;
import io.tenantctl.rollout.RolloutTimeline;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollout",
    description = "Roll a stack out across the fleet in canary waves: bounded concurrency, tolerance, bake and"
        + " health gates, fleet rollback; journalled, resumable, one at a time.",
    subcommands = {RolloutStartCommand.class, RolloutStatusCommand.class, RolloutListCommand.class,
        RolloutResumeCommand.class, RolloutAbortCommand.class, RolloutUnlockCommand.class,
        RolloutReportCommand.class})
public final class RolloutCommand {

  /** Ends a run: writes the report and its picture, names them on stderr, prints the outcome; exit 0 only when done. */
  static int finish(CommandSpec spec, Services services, Rollout rollout, Rollout.Summary summary) {
    var entries = rollout.journalOf(summary.id());
    Path report = RolloutReport.write(services.reportDir(), summary.id(), entries);
    Path picture = RolloutTimeline.write(services.reportDir(), summary.id(), entries);
    spec.commandLine().getErr().println("report: " + report);
    spec.commandLine().getErr().println("picture: " + picture);
    if (!Session.json(spec)) {
      String how = switch (summary.state()) {
        case "done" -> "done";
        case "halted" -> "halted: " + summary.record().halt().map(h -> h.reason()).orElse("") + "\n  roll back what"
            + " it changed: tenantctl rollout resume " + summary.id() + " --rollback-on-halt\n  or fix the cause and"
            + " start a new rollout: tenantctl rollout start --stack " + summary.stack();
        case "rolled-back" -> "halted and rolled back: " + summary.record().halt().map(h -> h.reason()).orElse("");
        default -> summary.state();
      };
      spec.commandLine().getOut().println("rollout " + summary.id() + " " + how);
    }
    return summary.state().equals("done") ? 0 : 1;
  }
}
