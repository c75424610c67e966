package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.rollout.RolloutRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Where a rollout stands, tenant by tenant (default: the latest).")
public final class RolloutStatusCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "The rollout (default: the latest).")
  Optional<String> id;

  public RolloutStatusCommand(Launch launch) {
    this.launch = launch;
  }

  record TenantJson(String tenant, String wave, String state, String reason) {}

  record StatusJson(String id, String stack, String state, String started, List<TenantJson> tenants) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var rollouts = services.rollouts();
      String which = id.or(rollouts::latest).orElseThrow(() -> Fault.invalid("no rollout yet",
          "start one: tenantctl rollout start --stack NAME"));
      RolloutRecord r = rollouts.record(which);
      List<TenantJson> tenants = new ArrayList<>();
      r.plan().waves().forEach(w -> w.tenants().forEach(t -> tenants.add(new TenantJson(t, w.name(),
          r.tenant(t).name().toLowerCase(Locale.ROOT).replace('_', '-'), r.reason(t).orElse(null)))));
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(new StatusJson(which, r.plan().stack(), r.state(), r.plan().started().toString(), tenants));
      } else {
        printer.line("rollout " + which + " of " + r.plan().stack() + ": " + r.state()
            + r.halt().map(h -> " (" + h.reason() + ")").orElse(""));
        printer.table(List.of("TENANT", "WAVE", "STATE", "REASON"), tenants.stream().map(t -> List.of(t.tenant(),
            t.wave(), t.state(), Optional.ofNullable(t.reason()).orElse(""))).toList());
      }
    }
    return 0;
  }
}
