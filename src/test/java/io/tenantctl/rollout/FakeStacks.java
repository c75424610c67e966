package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tenants' stacks in memory: each at a version ({@code v1} before, {@code v2} the target), counting every deploy,
 * restore and read, and measuring how many deploys were in flight at once.
 */
final class FakeStacks implements TenantStacks {
  static final String TARGET = "v2";

  final Map<String, String> versions = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> deploys = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> restores = new ConcurrentHashMap<>();
  final AtomicInteger reads = new AtomicInteger();
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  private final Duration latency;
  /** The tenants in the order their deploys started, and how many were in flight as each started. */
  final List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
  final Map<String, Integer> inFlightAtStart = new ConcurrentHashMap<>();
  volatile Runnable beforeDeploy = () -> { };

  FakeStacks(List<String> tenants, Duration latency) {
    tenants.forEach(t -> versions.put(t, "v1"));
    this.latency = latency;
  }

  int deploys(String tenant) {
    return deploys.getOrDefault(tenant, new AtomicInteger()).get();
  }

  int restores(String tenant) {
    return restores.getOrDefault(tenant, new AtomicInteger()).get();
  }

  void resetMax() {
    maxInFlight.set(0);
  }

  @Override
  public boolean atTarget(String tenant) {
    reads.incrementAndGet();
    return TARGET.equals(versions.get(tenant));
  }

  @Override
  public PreviousVersion current(String tenant) {
    return new PreviousVersion(tenant, "tenantctl-" + tenant + "-app", "us-east-1", true,
        "Version: " + versions.get(tenant), Map.of("AppVersion", versions.get(tenant)));
  }

  @Override
  public void deploy(String tenant) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    started.add(tenant);
    inFlightAtStart.merge(tenant, now, Math::max);
    try {
      beforeDeploy.run();
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
      deploys.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
      if (failing.contains(tenant)) {
        throw Fault.failed("stack tenantctl-" + tenant + "-app failed: UPDATE_ROLLBACK_COMPLETE: Bucket"
            + " (AWS::S3::Bucket): access denied", "fix the resource named above, then re-run");
      }
      versions.put(tenant, TARGET);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void restore(String tenant, PreviousVersion previous) {
    restores.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
    versions.put(tenant, previous.parameters().get("AppVersion"));
  }

  @Override
  public List<HealthGate.Place> places(List<String> tenants) {
    return tenants.stream().map(t -> new HealthGate.Place("acct-" + t, "us-east-1")).toList();
  }
}
