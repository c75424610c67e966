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
 * Alarms are regional, as CloudWatch's are: without a region, an alarm is in {@link #DEFAULT_REGION}.
 */
public final class SimAlarms {
  private final Map<String, TreeMap<Instant, Alarms.State>> timelines = new ConcurrentHashMap<>();
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
  private volatile Supplier<Instant> clock = Instant::now;
  public static final String DEFAULT_REGION = "us-east-1";

  public SimAlarms clock(Supplier<Instant> now) {
    this.clock = now;
    return this;
  }

  /** The alarm {@code name} in {@code account} is in {@code state} from {@code when} on. */
  public SimAlarms at(Instant when, String account, String name, Alarms.State state) {
    return at(when, account, DEFAULT_REGION, name, state);
  }

  /** The alarm {@code name} in {@code account}'s {@code region} is in {@code state} from {@code when} on. */
  public synchronized SimAlarms at(Instant when, String account, String region, String name, Alarms.State state) {
    timelines.computeIfAbsent(account + "/" + region + "/" + name, k -> new TreeMap<>()).put(when, state);
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

  synchronized List<Alarms.Alarm> describe(String account, String region, List<String> names,
      Optional<String> prefix) {
    if (unreadable.contains(account)) {
      throw new CloudException("AccessDenied", "User is not authorized to perform: cloudwatch:DescribeAlarms in "
          + account, null);
    }
    Instant now = clock.get();
    List<Alarms.Alarm> out = new ArrayList<>();
    timelines.forEach((key, timeline) -> {
      String where = account + "/" + region + "/";
      if (!key.startsWith(where)) {
        return;
      }
      String name = key.substring(where.length());
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
