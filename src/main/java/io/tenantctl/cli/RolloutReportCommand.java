package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.rollout.RolloutReport;
import io.tenantctl.rollout.RolloutTimeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", description = {"Write a rollout's report from its journal, for any journalled rollout (default:"
    + " the latest): rollout-ID.md and the picture rollout-ID.html (waves as bands, each tenant a bar coloured by"
    + " outcome, bakes, gate reads, the halt and the rollback; one file, nothing fetched), in the state directory.",
    "--open shows the picture in the desktop's browser."})
public final class RolloutReportCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "The rollout (default: the latest).")
  Optional<String> id;

  @Option(names = "--open", description = "Open the picture with xdg-open (open on macOS).")
  boolean open;

  public RolloutReportCommand(Launch launch) {
    this.launch = launch;
  }

  record ReportJson(String id, String report, String picture) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var rollouts = services.rollouts();
      String which = id.or(rollouts::latest).orElseThrow(() -> Fault.invalid("no rollout yet",
          "start one: tenantctl rollout start --stack NAME"));
      var entries = rollouts.journalOf(which);
      if (entries.isEmpty()) {
        throw Fault.invalid("no rollout " + which + " in this organization's state",
            "`tenantctl rollout ls` lists the rollouts");
      }
      Path report = RolloutReport.write(services.reportDir(), which, entries);
      Path picture = RolloutTimeline.write(services.reportDir(), which, entries);
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(new ReportJson(which, report.toString(), picture.toString()));
      } else {
        printer.line("report: " + report);
        printer.line("picture: " + picture);
      }
      if (open) {
        open(picture);
      }
    }
    return 0;
  }

  /** Hands the file to the desktop; without one, says so (the file is written either way). */
  private void open(Path file) {
    String opener = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")
        ? "open" : "xdg-open";
    try {
      new ProcessBuilder(List.of(opener, file.toAbsolutePath().toString())).inheritIO().start();
    } catch (IOException e) {
      throw new Fault(io.tenantctl.core.ExitCode.FAILED, "cannot open " + file + " (" + opener + ": "
          + e.getMessage() + ")", "open the file in a browser");
    }
  }
}
