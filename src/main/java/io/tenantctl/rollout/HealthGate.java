package io.tenantctl.rollout;

import java.util.List;

/** Reads a wave's health: CloudWatch alarms by name or prefix in the given accounts, each in its stack's region. */
@FunctionalInterface
public interface HealthGate {

  Reading read(Spec gate, List<Place> places);

  /** Where a tenant's alarms are read: its account, in the region its stack lives in. */
  record Place(String account, String region) {}

  /** What to read: alarms by name, and every alarm starting with {@code alarmPrefix} (empty: none). */
  record Spec(List<String> alarms, String alarmPrefix, boolean production) {}

  /** The gate is tri-state, and unreadable fails it (fail closed). */
  enum Verdict {
    GREEN, WAITING, RED, UNREADABLE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A verdict, the alarms behind it ({@code account/name}) and, when unreadable, why. */
  record Reading(Verdict verdict, List<String> alarms, String detail) {
    public static Reading green() {
      return new Reading(Verdict.GREEN, List.of(), "");
    }
  }

  HealthGate NONE = (gate, places) -> Reading.green();
}
