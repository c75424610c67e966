package io.tenantctl.rollout;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.core.FanOut;
import io.tenantctl.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The health gate on CloudWatch alarms, read through each account's deploy role in the region of its stack: any
 * alarm in ALARM is red; else any in INSUFFICIENT_DATA waits; a named alarm that is not there, or an account that
 * cannot be read, is unreadable (fail closed) and says how to make it. A missing alarm that the template being rolled
 * out declares is the rollout's to create: it waits (INSUFFICIENT_DATA), so the check before a wave does not fail on
 * it and a bake that ends without it does. Accounts are read {@code parallelism} at a time, so a wave of
 * hundreds of tenants is read well within the gate's period.
 */
public final class AlarmGate implements HealthGate {
  /** As the account directory's tag reads: enough to hide latency, clear of the STS and CloudWatch rates. */
  public static final int PARALLELISM = 8;
  private final DeployAccess access;
  private final String productionRegion;
  private final Supplier<Optional<String>> production;
  private final Set<String> declared;

  public AlarmGate(DeployAccess access, String productionRegion, Supplier<Optional<String>> production) {
    this(access, productionRegion, production, Set.of());
  }

  /**
   * @param productionRegion where production's alarms are read: the fleet's region
   * @param production the production account's id, when the organization has one
   * @param declared the alarms the template rolled out makes (its literal {@code AlarmName}s)
   */
  public AlarmGate(DeployAccess access, String productionRegion, Supplier<Optional<String>> production,
      Set<String> declared) {
    this.access = access;
    this.productionRegion = productionRegion;
    this.production = production;
    this.declared = Set.copyOf(declared);
  }

  @Override
  public Reading read(Spec gate, List<Place> tenants) {
    List<Place> places = new ArrayList<>(tenants);
    if (gate.production()) {
      places.add(new Place(production.get().orElseThrow(() -> new IllegalStateException(
          "no production account to read")), productionRegion));
    }
    Optional<String> prefix = Optional.of(gate.alarmPrefix()).filter(p -> !p.isEmpty());
    var read = FanOut.each(places, PARALLELISM, p -> access.open(p.account(), Progress.NONE).alarms(p.region())
        .describe(gate.alarms(), prefix));
    List<String> red = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    java.util.Map<String, String> where = new java.util.HashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (var outcome : read) {
      String account = outcome.item().account();
      if (outcome.failure().isPresent()) {
        unreadable.add(account + " (" + outcome.item().region() + "): " + outcome.failure().get().getMessage());
        continue;
      }
      List<Alarms.Alarm> found = outcome.result().orElse(List.of());
      for (String name : gate.alarms()) {
        if (found.stream().noneMatch(a -> a.name().equals(name))) {
          if (declared.contains(name)) {
            waiting.add(account + "/" + name + " (not created yet: the template rolled out declares it; the local"
                + " emulator skips a template's alarms: tenantctl --local emulator alarm " + account + " " + name
                + " OK makes it there)");
          } else {
            missing.add(account + "/" + name);
            where.putIfAbsent(account, outcome.item().region());
          }
        }
      }
      for (Alarms.Alarm a : found) {
        if (a.state() == Alarms.State.ALARM) {
          red.add(account + "/" + a.name());
        } else if (a.state() == Alarms.State.INSUFFICIENT_DATA) {
          waiting.add(account + "/" + a.name());
        }
      }
    }
    if (!red.isEmpty()) {
      return new Reading(Verdict.RED, red, "");
    }
    if (!unreadable.isEmpty()) {
      return new Reading(Verdict.UNREADABLE, List.of(), "cannot read alarms in " + String.join("; ", unreadable));
    }
    if (!missing.isEmpty()) {
      String[] first = missing.get(0).split("/", 2);
      return new Reading(Verdict.UNREADABLE, missing, "no such alarm: " + String.join(", ", missing) + " (account "
          + first[0] + " has no alarm " + first[1] + " in " + where.get(first[0]) + ": create it there, declare it in"
          + " the stack's template, or take it out of the wave's gate in the fleet file; on the local emulator:"
          + " tenantctl --local emulator alarm " + first[0] + " " + first[1] + " OK)");
    }
    return waiting.isEmpty() ? Reading.green() : new Reading(Verdict.WAITING, waiting, "");
  }
}
