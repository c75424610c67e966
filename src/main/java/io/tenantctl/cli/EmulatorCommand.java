package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "emulator",
    description = "Start, stop or show the local AWS emulator that --local uses (moto, installed on first use).")
public final class EmulatorCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  enum Action { start, stop, status }

  @Parameters(paramLabel = "ACTION", description = "start, stop or status.")
  Action action;

  public EmulatorCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    var emulator = launch.emulator();
    var out = new Printer(spec.commandLine().getOut());
    var progress = new ConsoleProgress(spec.commandLine().getErr());
    switch (action) {
      case start -> out.line("emulator running at " + emulator.ensureRunning(progress));
      case stop -> out.line(emulator.stop() ? "emulator stopped" : "no emulator was running");
      case status -> out.line(emulator.running().map(u -> "emulator running at " + u).orElse("emulator not running"));
    }
    return 0;
  }
}
