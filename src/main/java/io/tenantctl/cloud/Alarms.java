package io.tenantctl.cloud;

import java.util.List;
import java.util.Optional;

/** CloudWatch alarms in one account and region, as a rollout's health gate reads them. */
public interface Alarms {

  /** The alarms named in {@code names}, and every alarm whose name starts with {@code prefix}, with their states. */
  List<Alarm> describe(List<String> names, Optional<String> prefix);

  /**
   * Sets the alarm's state ({@code SetAlarmState}), first creating it as a metric alarm on a metric of its own name
   * when there is none of that name: how a gate is tried on the local emulator. True when it was created.
   */
  default boolean set(String name, State state, String reason) {
    throw new UnsupportedOperationException("setting an alarm's state is not supported here");
  }

  record Alarm(String name, State state) {}

  /** CloudWatch's three alarm states. */
  enum State { OK, ALARM, INSUFFICIENT_DATA }
}
