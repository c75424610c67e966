package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.CloudException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Every simulated call passes here: it is counted, delayed, maybe throttled, and maybe crashed after. */
final class SimCalls {
  /** The operations that change the cloud. */
  static final Set<String> WRITES = Set.of("createOrganization", "createUnit", "tag", "move", "createAccount",
      "create", "createChangeSet", "deleteChangeSet", "executeChangeSet", "update", "continueUpdateRollback", "delete",
      "protect",
      "enablePolicyType", "createPolicy", "updatePolicy", "attachPolicy");

  private final SimConfig config;
  private final Random throttle;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** CPU time spent simulating AWS, so a benchmark can tell it from tenantctl's own. */
  private final java.util.concurrent.atomic.LongAdder cpu = new java.util.concurrent.atomic.LongAdder();

  SimCalls(SimConfig config) {
    this.config = config;
    // its own stream, so turning throttling on does not change the ids the simulation draws
    this.throttle = new Random(config.seed() ^ 0x5DEECE66DL);
  }

  <T> T call(String operation, Supplier<T> body) {
    counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    sleep(config.latency(operation));
    if (throttled()) {
      throw new CloudException("Throttling", operation + " failed: Rate exceeded (Throttling)", null);
    }
    long before = THREADS.getCurrentThreadCpuTime();
    T result;
    try {
      result = body.get();
    } finally {
      cpu.add(THREADS.getCurrentThreadCpuTime() - before);
    }
    if (config.crashNow(operation)) {
      throw new SimulatedCrash(operation);
    }
    return result;
  }

  void run(String operation, Runnable body) {
    call(operation, () -> {
      body.run();
      return null;
    });
  }

  long cpuNanos() {
    return cpu.sum();
  }

  int count(String operation) {
    AtomicInteger n = counts.get(operation);
    return n == null ? 0 : n.get();
  }

  Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private boolean throttled() {
    double p = config.throttling();
    if (p <= 0) {
      return false;
    }
    synchronized (throttle) {
      return throttle.nextDouble() < p;
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("RequestAborted", "interrupted while waiting", e);
    }
  }
}
