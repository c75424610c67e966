package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rollout will do, before anything is written: the stack, and the target tenants grouped into the fleet's
 * waves in order (canary first). Pure: made from the manifests alone.
 *
 * @param rollbackOnHalt {@code --rollback-on-halt}: roll back on a halt whatever the waves say
 */
public record RolloutPlan(String stack, String selector, List<WavePlan> waves, boolean rollbackOnHalt) {

  public RolloutPlan {
    waves = List.copyOf(waves);
  }

  public static RolloutPlan of(Fleet fleet, List<Tenant> tenants, String stack, TenantSelector selector,
      boolean rollbackOnHalt) {
    if (!fleet.stacks().containsKey(stack)) {
      throw Fault.invalid("no stack named " + stack + " in the fleet file",
          "use one of: " + String.join(", ", fleet.stacks().keySet()));
    }
    List<Tenant> targets = tenants.stream().filter(t -> selector.matches(t.labels())).toList();
    if (targets.isEmpty()) {
      throw Fault.invalid("--select " + selector + " matches no tenant",
          "check the labels in the tenant manifests, e.g. --select tier=enterprise");
    }
    List<WavePlan> waves = new ArrayList<>();
    for (Fleet.Wave wave : fleet.waves()) {
      List<String> names = targets.stream().filter(t -> wave.name().equals(t.wave())).map(Tenant::name).toList();
      if (!names.isEmpty()) {
        waves.add(WavePlan.of(wave, names));
      }
    }
    return new RolloutPlan(stack, selector.toString(), waves, rollbackOnHalt);
  }

  public int tenantCount() {
    return waves.stream().mapToInt(w -> w.tenants().size()).sum();
  }

  /** Whether a halt of {@code wave} rolls back the tenants this rollout changed. */
  public boolean rollsBack(WavePlan wave) {
    return rollbackOnHalt || wave.onHalt() == Fleet.OnHalt.ROLLBACK;
  }
}
