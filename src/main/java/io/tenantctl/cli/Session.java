package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/** Turns a command's options into the run's {@link Settings} and opens the composition root on them. */
final class Session {
  private Session() {}

  static Services open(CommandSpec spec, Launch launch) {
    return open(spec, launch, UnaryOperator.identity());
  }

  /** @param adjust the command's own options applied to the global ones */
  static Services open(CommandSpec spec, Launch launch, UnaryOperator<Settings> adjust) {
    var settings = adjust.apply(GlobalOptions.of(spec).settings());
    return new Services(settings, launch, new ConsoleProgress(spec.commandLine().getErr()));
  }

  static Printer printer(CommandSpec spec) {
    return new Printer(spec.commandLine().getOut());
  }

  static boolean json(CommandSpec spec) {
    return GlobalOptions.of(spec).json();
  }
}
