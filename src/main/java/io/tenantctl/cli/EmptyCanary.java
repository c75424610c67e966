package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import io.tenantctl.rollout.WavePlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A first wave that changes nothing while later waves do proves nothing about the release (a canary tenant that pins
 * the old version): said loudly, and refused where no one can read it and decide.
 */
final class EmptyCanary {
  private EmptyCanary() {}

  /**
   * @param atTarget each wave's tenants already at the target
   * @param mayGoOn a person can read the warning and decide (a terminal), or it was allowed, or nothing is started
   * @throws Fault (exit 2) when the first wave changes nothing, later waves change tenants and {@code mayGoOn} is false
   */
  static void check(List<WavePlan> waves, Map<String, Long> atTarget, boolean mayGoOn, PrintWriter err) {
    if (waves.size() < 2) {
      return;
    }
    WavePlan first = waves.get(0);
    long later = waves.subList(1, waves.size()).stream()
        .mapToLong(w -> w.tenants().size() - atTarget.get(w.name())).sum();
    if (first.tenants().isEmpty() || atTarget.get(first.name()) < first.tenants().size() || later == 0) {
      return;
    }
    String what = "the first wave, " + first.name() + " (" + String.join(", ", first.tenants()) + "), changes"
        + " nothing: its tenants are already at the target, while later waves change " + later + " tenant(s); the"
        + " release would reach them untried";
    String fix = "check what holds the first wave's tenants back (a parameter pinned in their manifests, e.g. "
        + "tenants/" + first.tenants().get(0) + ".yaml), or pass --allow-empty-canary to start anyway";
    if (!mayGoOn) {
      throw Fault.invalid(what, fix);
    }
    err.println("WARNING: " + what + "\n  " + fix);
  }
}
