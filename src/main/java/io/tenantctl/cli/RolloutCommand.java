package io.tenantctl.cli;

import io.tenantctl.app.Services;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.rollout.RolloutReport;
import io.tenantctl.rollout.RolloutTimeline;
import io.tenantctl.rollout.TenantSelector;
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

  /** Where a rollout's report and its picture were written, as a JSON line on stderr. */
  record ReportJson(String type, String id, String report, String picture) {}

  /** Ends a run: writes the report and its picture, names them on stderr, prints the outcome; exit 0 only when done. */
  static int finish(CommandSpec spec, Services services, Rollout rollout, Rollout.Summary summary) {
    var entries = rollout.journalOf(summary.id());
    Path report = RolloutReport.write(services.reportDir(), summary.id(), entries);
    Path picture = RolloutTimeline.write(services.reportDir(), summary.id(), entries);
    if (Session.json(spec)) {
      // stderr is JSON lines with --output json; stdout's last line stays the rollout's summary
      new io.tenantctl.output.ResultPrinter(spec.commandLine().getErr(), new io.tenantctl.output.Json(
          new io.tenantctl.core.Secrets())).jsonLine(new ReportJson("report", summary.id(), report.toString(),
              picture.toString()));
    } else {
      spec.commandLine().getErr().println("report: " + report);
      spec.commandLine().getErr().println("picture: " + picture);
    }
    if (summary.signalExitCode().isPresent()) {
      if (!Session.json(spec)) {
        spec.commandLine().getOut().println(Pasteable.of(spec).text("rollout " + summary.id() + " interrupted ("
            + summary.interruptedBy().orElseThrow() + "): tenants in flight finished, the lock is released\n  resume"
            + " it: tenantctl rollout resume " + summary.id()));
      }
      return summary.signalExitCode().get();
    }
    if (!Session.json(spec)) {
      // a new rollout targets the tenants this one did: the same selector
      String select = summary.record().plan().selector();
      String how = switch (summary.state()) {
        case DONE -> "done";
        case HALTED -> "halted: " + summary.record().halt().map(h -> h.reason()).orElse("") + "\n  roll back what"
            + " it changed: tenantctl rollout resume " + summary.id() + " --rollback-on-halt\n  or fix the cause and"
            + " start a new rollout: tenantctl rollout start --stack " + summary.stack()
            + (select.equals(TenantSelector.ALL.toString()) ? "" : " --select " + select);
        case ROLLED_BACK -> "halted and rolled back: " + summary.record().halt().map(h -> h.reason()).orElse("");
        default -> summary.state().label();
      };
      spec.commandLine().getOut().println(Pasteable.of(spec).text("rollout " + summary.id() + " " + how));
    }
    return summary.state().isSucceeded() ? 0 : 1;
  }
}
