package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.dev.DevTenants;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down", description = "Delete your dev tenant's stacks (reverse order), check nothing is left, and"
    + " give the account back to the pool; if cleanup fails, the account goes to quarantine with the reason.")
public final class DevDownCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin DevCommand.Owner owner;

  public DevDownCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    Optional<String> whose = owner.name();
    whose.ifPresent(DevTenants::checkOwner);
    try (var services = Session.open(spec, launch)) {
      var dev = services.dev();
      var down = dev.down(dev.owner(whose), services.progress());
      Session.printer(spec, launch).line(DevCommand.line(down));
      return down.returned() ? 0 : 1;
    }
  }
}
