package io.tenantctl.rollout;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.core.FanOut;
import io.tenantctl.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The health gate on CloudWatch alarms, read through each account's deploy role in the region of its stack: any
 * alarm in ALARM is red; else any in INSUFFICIENT_DATA waits; a named alarm that is not there, or an account that
 * cannot be read, is unreadable (fail closed). Accounts are read {@code parallelism} at a time, so a wave of
 * hundreds of tenants is read well within the gate's period.
 */
public final class AlarmGate implements HealthGate {
  /** As the account directory's tag reads: enough to hide latency, clear of the STS and CloudWatch rates. */
  public static final int PARALLELISM = 8;
  private final DeployAccess access;
  private final String productionRegion;
  private final Supplier<Optional<String>> production;

  /**
   * @param productionRegion where production's alarms are read: the fleet's region
   * @param production the production account's id, when the organization has one
   */
  public AlarmGate(DeployAccess access, String productionRegion, Supplier<Optional<String>> production) {
    this.access = access;
    this.productionRegion = productionRegion;
    this.production = production;
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
          missing.add(account + "/" + name);
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
      return new Reading(Verdict.UNREADABLE, missing, "no such alarm: " + String.join(", ", missing));
    }
    return waiting.isEmpty() ? Reading.green() : new Reading(Verdict.WAITING, waiting, "");
  }
}
