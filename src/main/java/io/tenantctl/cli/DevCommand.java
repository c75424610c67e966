package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import io.tenantctl.dev.DevTenants;
import io.tenantctl.manifest.DurationText;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dev", description = "Personal developer tenants dev-<owner>, from the account pool, deployed like"
    + " customers, with a time to live.",
    subcommands = {DevUpCommand.class, DevLsCommand.class, DevExtendCommand.class, DevDownCommand.class,
        DevGcCommand.class})
public final class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** The longest a {@code dev gc} run may be given: it is meant for a schedule. */
  static final Duration MAX_GC_TIME = Duration.ofHours(24);

  /** Whose dev tenant: {@code dev up alice} or {@code dev up --owner alice}; neither is the caller. */
  public static final class Owner {
    @Parameters(paramLabel = "OWNER", arity = "0..1", description = "Whose tenant (default: the caller's identity).")
    String positional;

    @Option(names = "--owner", paramLabel = "NAME", description = "The same as OWNER.")
    String option;

    Optional<String> name() {
      if (positional != null && option != null && !positional.equals(option)) {
        throw Fault.invalid("two owners given: " + positional + " and --owner " + option, "name the owner once,"
            + " e.g. `tenantctl dev up " + positional + "`");
      }
      return Optional.ofNullable(positional != null ? positional : option);
    }
  }

  static Optional<Duration> duration(String option, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(DurationText.parse(text).orElseThrow(() -> Fault.invalid(option + " " + text
        + " is not a duration", "write hours and minutes, e.g. " + option + " 8h or " + option + " 1h30m")));
  }

  /** A dev tenant taken down, in one line. */
  static String line(DevTenants.Down down) {
    return down.tenant() + ": deleted " + (down.deletedStacks().isEmpty() ? "no stack"
        : String.join(", ", down.deletedStacks())) + "; account " + down.accountId()
        + down.quarantineReason().map(r -> " quarantined: " + r).orElse(" back in the pool, ready");
  }
}
