package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.dev.DevTenants;
import io.tenantctl.pool.PoolTags;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", description = "Get your dev tenant: a ready pool account (no CreateAccount when one is"
    + " ready), tagged with owner and expiry, with the dev stacks deployed like a customer's.")
public final class DevUpCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin DevCommand.Owner owner;

  @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it lives (default dev.ttl.default).")
  String ttl;

  public DevUpCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    Optional<Duration> asked = DevCommand.duration("--ttl", ttl);
    Optional<String> whose = owner.name();
    whose.ifPresent(DevTenants::checkOwner);
    try (var services = Session.open(spec, launch)) {
      Duration lives = DevTenants.ttl(services.manifests().fleet(), asked);
      var dev = services.dev();
      var up = dev.up(dev.owner(whose), lives, services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(up);
      } else {
        printer.line(up.tenant() + ": account " + up.accountId() + " (" + up.how().name().toLowerCase(Locale.ROOT)
            .replace('_', ' ') + "), expires " + PoolTags.instant(up.expires()) + "; " + String.join(", ",
                up.stacks().stream().map(s -> s.stackName() + " " + s.result().name().toLowerCase(Locale.ROOT))
                    .toList()));
      }
      return 0;
    }
  }
}
