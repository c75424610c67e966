package io.tenantctl.rollout;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The health gate on CloudWatch alarms, read through each account's deploy role: any alarm in ALARM is red; else
 * any in INSUFFICIENT_DATA waits; a named alarm that is not there, or an account that cannot be read, is
 * unreadable (fail closed).
 */
public final class AlarmGate implements HealthGate {
  private final DeployAccess access;
  private final String region;
  private final Supplier<Optional<String>> production;

  /** @param production the production account's id, when the organization has one */
  public AlarmGate(DeployAccess access, String region, Supplier<Optional<String>> production) {
    this.access = access;
    this.region = region;
    this.production = production;
  }

  @Override
  public Reading read(Spec gate, List<String> accountIds) {
    List<String> accounts = new ArrayList<>(accountIds);
    if (gate.production()) {
      accounts.add(production.get().orElseThrow(() -> new IllegalStateException("no production account to read")));
    }
    List<String> red = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String account : accounts) {
      List<Alarms.Alarm> found = access.open(account, Progress.NONE).alarms(region)
          .describe(gate.alarms(), Optional.of(gate.alarmPrefix()).filter(p -> !p.isEmpty()));
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
    if (!missing.isEmpty()) {
      return new Reading(Verdict.UNREADABLE, missing, "no such alarm: " + String.join(", ", missing));
    }
    return waiting.isEmpty() ? Reading.green() : new Reading(Verdict.WAITING, waiting, "");
  }
}
