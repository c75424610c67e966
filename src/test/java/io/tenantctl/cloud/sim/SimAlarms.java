package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.Alarms;
import io.tenantctl.cloud.CloudException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * CloudWatch alarms per account, whose states are scripted over time: {@code at(when, account, name, state)}.
 * Time is the test's ({@link #clock}), so a gate read during a virtual-time bake sees the state of that moment.
 */
public final class SimAlarms {
  private final Map<String, TreeMap<Instant, Alarms.State>> timelines = new ConcurrentHashMap<>();
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
  private volatile Supplier<Instant> clock = Instant::now;

  public SimAlarms clock(Supplier<Instant> now) {
    this.clock = now;
    return this;
  }

  /** The alarm {@code name} in {@code account} is in {@code state} from {@code when} on. */
  public synchronized SimAlarms at(Instant when, String account, String name, Alarms.State state) {
    timelines.computeIfAbsent(account + "/" + name, k -> new TreeMap<>()).put(when, state);
    return this;
  }

  /** The alarm is in {@code state} from the beginning of time. */
  public SimAlarms set(String account, String name, Alarms.State state) {
    return at(Instant.EPOCH, account, name, state);
  }

  /** Reading the account's alarms is refused (AccessDenied). */
  public SimAlarms unreadable(String account) {
    unreadable.add(account);
    return this;
  }

  synchronized List<Alarms.Alarm> describe(String account, List<String> names, Optional<String> prefix) {
    if (unreadable.contains(account)) {
      throw new CloudException("AccessDenied", "User is not authorized to perform: cloudwatch:DescribeAlarms in "
          + account, null);
    }
    Instant now = clock.get();
    List<Alarms.Alarm> out = new ArrayList<>();
    timelines.forEach((key, timeline) -> {
      if (!key.startsWith(account + "/")) {
        return;
      }
      String name = key.substring(account.length() + 1);
      var state = timeline.floorEntry(now);
      if (state != null && (names.contains(name) || prefix.filter(p -> !p.isEmpty()).map(name::startsWith)
          .orElse(false))) {
        out.add(new Alarms.Alarm(name, state.getValue()));
      }
    });
    out.sort(java.util.Comparator.comparing(Alarms.Alarm::name));
    return out;
  }
}
