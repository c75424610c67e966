package io.tenantctl.rollout;

import io.tenantctl.manifest.Fleet;
import java.util.List;

/** One wave of a rollout: its tenants in order, and how many of them may fail before it halts. */
public record WavePlan(String name, List<String> tenants, int concurrency, Fleet.Tolerance tolerance,
    java.time.Duration bake, java.util.Optional<Fleet.Gate> gate, Fleet.OnHalt onHalt) {

  public WavePlan {
    tenants = List.copyOf(tenants);
  }

  static WavePlan of(Fleet.Wave wave, List<String> tenants) {
    return new WavePlan(wave.name(), tenants, wave.concurrency(), wave.tolerance(), wave.bake(), wave.gate(),
        wave.onHalt());
  }

  /** Failures tolerated; the next one halts the wave. */
  public int tolerated() {
    return tolerance.tolerated(tenants.size());
  }

  /** Whether {@code failures} halt the wave. */
  public boolean halts(int failures) {
    return failures > tolerated();
  }

  /**
   * The tolerance arithmetic as the operator reads it: {@code 40 tenants, tolerance 10% → 4 failures tolerated,
   * halts on the 5th; up to 9 more may already be in flight}.
   */
  public String arithmetic() {
    int n = tenants.size();
    int t = tolerated();
    String head = n + (n == 1 ? " tenant" : " tenants") + ", tolerance " + tolerance + " → ";
    if (t >= n) {
      return head + t + (t == 1 ? " failure" : " failures") + " tolerated: never halts on failures";
    }
    int inFlight = Math.min(concurrency - 1, n - t - 1);
    return head + t + (t == 1 ? " failure" : " failures") + " tolerated, halts on the " + ordinal(t + 1)
        + (inFlight > 0 ? "; up to " + inFlight + " more may already be in flight" : "");
  }

  static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }
}
