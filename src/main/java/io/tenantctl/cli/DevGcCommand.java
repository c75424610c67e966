package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gc", description = "`dev down` every expired dev tenant; unexpired ones are left alone. Safe on a"
    + " schedule: bounded in time, and an account that will not clean up is quarantined, never retried.")
public final class DevGcCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--max-time", paramLabel = "DURATION", description = "Start no new cleanup after this"
      + " (default 30m); the rest waits for the next run.")
  String maxTime;

  public DevGcCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    Duration budget = DevCommand.duration("--max-time", maxTime).orElse(Duration.ofMinutes(30));
    if (budget.isZero() || budget.compareTo(DevCommand.MAX_GC_TIME) > 0) {
      throw Fault.invalid("--max-time " + maxTime + " must be positive and at most 24h", "give gc a time such as"
          + " --max-time 30m; what is left waits for the next run");
    }
    try (var services = Session.open(spec, launch)) {
      var gc = services.dev().gc(budget, services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(gc);
      } else {
        gc.removed().forEach(d -> printer.line(DevCommand.line(d)));
        gc.failed().forEach(f -> printer.line("failed: " + f));
        printer.line(gc.removed().size() + " expired removed (" + gc.removed().stream().filter(d -> !d.returned())
            .count() + " quarantined), " + gc.unexpired() + " unexpired left alone"
            + (gc.notReached().isEmpty() ? "" : ", " + gc.notReached().size() + " left for the next run (time"
                + " ran out): " + String.join(", ", gc.notReached())));
      }
      return gc.failed().isEmpty() ? 0 : 1;
    }
  }
}
