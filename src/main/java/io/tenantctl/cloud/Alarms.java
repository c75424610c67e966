package io.tenantctl.cloud;

import java.util.List;
import java.util.Optional;

/** CloudWatch alarms in one account and region, as a rollout's health gate reads them. */
public interface Alarms {

  /** The alarms named in {@code names}, and every alarm whose name starts with {@code prefix}, with their states. */
  List<Alarm> describe(List<String> names, Optional<String> prefix);

  record Alarm(String name, State state) {}

  /** CloudWatch's three alarm states. */
  enum State { OK, ALARM, INSUFFICIENT_DATA }
}
