package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.output.Json;
import io.tenantctl.output.ProgressDisplay;
import io.tenantctl.output.ResultPrinter;
import io.tenantctl.output.Terminal;
import java.time.Clock;
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
    return new Services(settings, launch, ProgressDisplay.rewording(progress(spec, launch), Pasteable.of(spec)::text));
  }

  /**
   * For a long-running command: with {@code --output json}, every progress event also as a JSON line on stdout,
   * its result stream (as on stderr).
   */
  static Services openStreaming(CommandSpec spec, Launch launch, UnaryOperator<Settings> adjust) {
    var settings = adjust.apply(GlobalOptions.of(spec).settings());
    ProgressDisplay shown = progress(spec, launch);
    if (json(spec)) {
      shown = ProgressDisplay.both(ProgressDisplay.jsonLines(spec.commandLine().getOut(), new Json(launch.secrets()),
          Clock.systemUTC()), shown);
    }
    return new Services(settings, launch, ProgressDisplay.rewording(shown, Pasteable.of(spec)::text));
  }

  /**
   * Progress on stderr, so stdout stays the result: with {@code --output json} as JSON lines, else live on a
   * terminal and plain timestamped lines otherwise.
   */
  static ProgressDisplay progress(CommandSpec spec, Launch launch) {
    if (json(spec)) {
      return ProgressDisplay.jsonLines(spec.commandLine().getErr(), new Json(launch.secrets()), Clock.systemUTC());
    }
    var terminal = Terminal.detect(launch.console(), launch.env());
    return ProgressDisplay.forTerminal(terminal, spec.commandLine().getErr(), launch.secrets(),
        Clock.systemDefaultZone());
  }

  /** The command's result on stdout, as text or JSON; this run's secrets are masked before serialisation. */
  static ResultPrinter printer(CommandSpec spec, Launch launch) {
    return new ResultPrinter(spec.commandLine().getOut(), new Json(launch.secrets()));
  }

  static boolean json(CommandSpec spec) {
    return GlobalOptions.of(spec).json();
  }
}
