package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "emulator",
    description = "Start, stop or show the local AWS emulator that --local uses (moto, installed on first use);"
        + " `emulator alarm` sets an alarm in a tenant's account on it.",
    subcommands = EmulatorAlarmCommand.class)
public final class EmulatorCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  enum Action { start, stop, status }

  // optional to picocli, so that `emulator alarm …` is not asked for one; required below
  @Parameters(paramLabel = "ACTION", arity = "0..1", description = "start, stop or status.")
  Action action;

  public EmulatorCommand(Launch launch) {
    this.launch = launch;
  }

  /** {@code emulator … --output json}: whether it runs afterwards, and where. */
  record EmulatorJson(boolean running, String endpoint, String home) {}

  @Override
  public Integer call() {
    if (action == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Missing required parameter: 'ACTION' (start, stop, status or alarm)");
    }
    var emulator = launch.emulator();
    Optional<URI> endpoint;
    boolean stopped = false;
    try (var progress = Session.progress(spec, launch)) {
      endpoint = switch (action) {
        case start -> Optional.of(emulator.ensureRunning(progress));
        case stop -> {
          stopped = emulator.stop();
          yield Optional.empty();
        }
        case status -> emulator.running();
      };
    }
    var out = Session.printer(spec, launch);
    if (Session.json(spec)) {
      out.json(new EmulatorJson(endpoint.isPresent(), endpoint.map(URI::toString).orElse(null),
          emulator.home().toString()));
    } else if (action == Action.stop) {
      out.line(stopped ? "emulator stopped" : "no emulator was running");
    } else {
      out.line(endpoint.map(u -> "emulator running at " + u).orElse("emulator not running"));
    }
    return 0;
  }
}
