package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.dev.DevTenants;
import io.tenantctl.pool.PoolTags;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "extend", description = "Give your dev tenant longer, up to dev.ttl.max from now.")
public final class DevExtendCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin DevCommand.Owner owner;

  @Option(names = "--ttl", paramLabel = "DURATION", description = "How much longer (default dev.ttl.default).")
  String ttl;

  public DevExtendCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    Optional<Duration> asked = DevCommand.duration("--ttl", ttl);
    Optional<String> whose = owner.name();
    whose.ifPresent(DevTenants::checkOwner);
    try (var services = Session.open(spec, launch)) {
      Duration more = DevTenants.ttl(services.manifests().fleet(), asked);
      var dev = services.dev();
      var done = dev.extend(dev.owner(whose), more, services.progress());
      Session.printer(spec, launch).line(done.tenant() + ": expires " + done.expires().map(PoolTags::instant)
          .orElse("-"));
      return 0;
    }
  }
}
