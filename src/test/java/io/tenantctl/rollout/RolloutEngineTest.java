package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.rollout.HealthGate.Reading;
import io.tenantctl.rollout.HealthGate.Verdict;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout engine over tenants' stacks in memory, on real journal and lock files, in virtual time. */
class RolloutEngineTest {
  @TempDir Path dir;

  private final VirtualTime time = new VirtualTime();

  private StateStore store() {
    return new FileStateStore(dir, new StateScope("o-test", "aws"));
  }

  static List<String> tenants(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  static WavePlan wave(String name, List<String> tenants, int concurrency, Fleet.Tolerance tolerance,
      Duration bake, Optional<Fleet.Gate> gate) {
    return new WavePlan(name, tenants, concurrency, tolerance, bake, gate, Fleet.OnHalt.STOP);
  }

  static final Optional<Fleet.Gate> GATE = Optional.of(new Fleet.Gate(List.of("app-5xx"), Optional.empty(), false));

  private Rollout rollout(FakeStacks stacks, HealthGate gate) {
    return new Rollout(store(), stacks, gate, time, Progress.NONE);
  }

  private static List<String> all(RolloutPlan plan) {
    return plan.waves().stream().flatMap(w -> w.tenants().stream()).toList();
  }

  @Test
  void wavesRunInOrderAndNeverExceedTheirConcurrency() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 1), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(10), Optional.empty()),
        wave("early", tenants("e", 12), 3, Fleet.Tolerance.count(0), Duration.ofMinutes(30), Optional.empty()),
        wave("general", tenants("g", 40), 7, Fleet.Tolerance.percent(10), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ofMillis(3));
    var summary = rollout(stacks, HealthGate.NONE).start("r-1", plan);

    assertEquals(RolloutState.DONE, summary.state());
    List<String> order = stacks.started;
    assertEquals(53, order.size());
    assertEquals("c0", order.get(0));
    assertTrue(order.subList(1, 13).stream().allMatch(t -> t.startsWith("e")), order.toString());
    assertTrue(order.subList(13, 53).stream().allMatch(t -> t.startsWith("g")), order.toString());
    for (WavePlan w : plan.waves()) {
      int max = w.tenants().stream().mapToInt(stacks.inFlightAtStart::get).max().orElseThrow();
      assertTrue(max <= w.concurrency(), w.name() + ": " + max + " in flight, concurrency " + w.concurrency());
    }
    int generalMax = plan.waves().get(2).tenants().stream().mapToInt(stacks.inFlightAtStart::get).max().orElseThrow();
    assertTrue(generalMax > 1, "the general wave ran tenants in parallel");
    all(plan).forEach(t -> assertEquals(1, stacks.deploys(t), t));
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps.stream().distinct().toList(),
        "bakes wait in steps of a second, so that an abort is seen at once");
    assertEquals(Duration.ofMinutes(40), time.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  /** size, tolerance, failing tenants (by index), how many tenants are tried before the halt (0: all, no halt). */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} tenants, tolerance {1}, failing {2}")
  @org.junit.jupiter.params.provider.CsvSource({
      "10, 2, 2 5 7 9, 8",
      "10, 0, 3, 4",
      "20, 10%, 1 2 3 4, 4",
      "19, 10%, 0 1, 2",
      "10, 100%, 0 1 2 3 4 5 6 7 8 9, 0",
      "10, 3, 0 1 2, 0",
  })
  void toleranceHaltsOnExactlyTheRightFailureAndNoLaterWaveStarts(int size, String tolerance, String failing,
      int triedBeforeHalt) {
    Fleet.Tolerance t = tolerance.endsWith("%")
        ? Fleet.Tolerance.percent(Integer.parseInt(tolerance.replace("%", ""))) : Fleet.Tolerance.count(
        Integer.parseInt(tolerance));
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("general", tenants("g", size), 1, t, Duration.ZERO, Optional.empty()),
        wave("late", tenants("l", 3), 1, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    for (String i : failing.split(" ")) {
      stacks.failing.add("g" + i);
    }
    var summary = rollout(stacks, HealthGate.NONE).start("r-1", plan);
    if (triedBeforeHalt == 0) {
      assertEquals(RolloutState.DONE, summary.state());
      assertEquals(size + 3, stacks.started.size());
    } else {
      assertEquals(RolloutState.HALTED, summary.state());
      assertEquals(tenants("g", triedBeforeHalt), stacks.started, "tenants tried before the halt");
      assertTrue(summary.record().halt().orElseThrow().reason().contains("failed; tolerance " + tolerance),
          summary.record().halt().toString());
    }
  }

  @Test
  void aHaltStopsStartingTenantsButLetsThoseInFlightFinish() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("general", tenants("g", 30), 5, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ofMillis(5));
    stacks.failing.add("g0");
    var summary = rollout(stacks, HealthGate.NONE).start("r-1", plan);
    assertEquals(RolloutState.HALTED, summary.state());
    assertTrue(stacks.started.size() < 30, "no new tenant starts after the halt: " + stacks.started.size());
    for (String t : stacks.started) {
      var s = summary.record().tenant(t);
      assertTrue(s == RolloutRecord.TenantState.DEPLOYED || s == RolloutRecord.TenantState.FAILED,
          t + " finished: " + s);
    }
  }

  @Test
  void anAlarmGoingRedDuringTheBakeHaltsAndRollsBackEveryChangedTenant() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 3), 2, Fleet.Tolerance.count(0), Duration.ofMinutes(30), GATE),
        wave("general", tenants("g", 5), 2, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), true);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    stacks.versions.put("c1", FakeStacks.TARGET);
    Instant red = time.now().plus(Duration.ofMinutes(12));
    HealthGate gate = (spec, accounts) -> time.now().isBefore(red) ? Reading.green()
        : new Reading(Verdict.RED, List.of("acct-c0/app-5xx"), "");

    var summary = rollout(stacks, gate).start("r-1", plan);

    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    assertEquals("v1", stacks.versions.get("c0"));
    assertEquals("v1", stacks.versions.get("c2"));
    assertEquals(FakeStacks.TARGET, stacks.versions.get("c1"), "a tenant already at the target was not changed");
    assertEquals(0, stacks.restores("c1"));
    assertEquals(1, stacks.restores("c0"));
    tenants("g", 5).forEach(t -> assertEquals(0, stacks.deploys(t), "no later wave starts"));
    assertTrue(summary.record().halt().orElseThrow().reason()
        .startsWith("alarm in ALARM during the bake of wave canary: acct-c0/app-5xx"));
    assertTrue(time.now().isBefore(red.plus(Duration.ofSeconds(31))), "the gate was read at least every 30 s");
  }

  @Test
  void alarmsAlreadyRedBlockTheWaveBeforeItChangesAnything() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 2), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(5), GATE)), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    var summary = rollout(stacks, (spec, accounts) -> new Reading(Verdict.RED, List.of("acct-c0/app-5xx"), ""))
        .start("r-1", plan);
    assertEquals(RolloutState.HALTED, summary.state());
    assertEquals("alarms already in ALARM before wave canary started: acct-c0/app-5xx",
        summary.record().halt().orElseThrow().reason());
    assertTrue(stacks.started.isEmpty());
    assertEquals(0, stacks.reads.get());
  }

  @Test
  void insufficientDataWaitsAndFailsWhenTheBakeEndsSo() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 1), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(10), GATE)), false);
    var insufficient = new Reading(Verdict.WAITING, List.of("acct-c0/app-5xx"), "");
    var summary = rollout(new FakeStacks(all(plan), Duration.ZERO), (spec, accounts) -> insufficient)
        .start("r-1", plan);
    assertEquals(RolloutState.HALTED, summary.state());
    assertEquals("the bake of wave canary ended with alarms in INSUFFICIENT_DATA: acct-c0/app-5xx",
        summary.record().halt().orElseThrow().reason());
  }

  @Test
  void insufficientDataThatTurnsGreenPasses() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 1), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(10), GATE)), false);
    Instant green = time.now().plus(Duration.ofMinutes(3));
    var summary = rollout(new FakeStacks(all(plan), Duration.ZERO), (spec, accounts) -> time.now().isBefore(green)
        ? new Reading(Verdict.WAITING, List.of("acct-c0/app-5xx"), "") : Reading.green()).start("r-1", plan);
    assertEquals(RolloutState.DONE, summary.state());
    assertEquals(List.of("waiting", "green"), summary.record().verdicts().stream()
        .map(e -> ((RolloutEvent.GateVerdict) e.event()).verdict()).toList());
  }

  @Test
  void anUnreadableGateFailsClosed() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 1), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(10), GATE)), false);
    int[] reads = {0};
    var summary = rollout(new FakeStacks(all(plan), Duration.ZERO), (spec, accounts) -> {
      if (reads[0]++ == 0) {
        return Reading.green();
      }
      throw Fault.failed("AccessDenied: cloudwatch:DescribeAlarms", "grant it");
    }).start("r-1", plan);
    assertEquals(RolloutState.HALTED, summary.state());
    assertEquals("the gate of wave canary cannot be read (fail closed): AccessDenied: cloudwatch:DescribeAlarms",
        summary.record().halt().orElseThrow().reason());
  }

  @Test
  void aSecondRolloutIsRefusedAtOnceNamingTheHolderAndUnlockForceFreesADeadOne() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 2), 1, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    Rollout first = rollout(stacks, HealthGate.NONE).afterEachStep(e -> {
      if (e instanceof RolloutEvent.TenantDeployed) {
        throw new Crash();
      }
    });
    assertThrows(Crash.class, () -> first.start("r-1", plan));

    Fault busy = assertThrows(Fault.class, () -> rollout(stacks, HealthGate.NONE).start("r-2", plan));
    assertEquals(1, busy.exitCode().code());
    Locks.Claimant me = Locks.Claimant.current("x");
    assertTrue(busy.getMessage().startsWith("another rollout holds the fleet's lock: " + me.user() + "@" + me.host()
        + " (pid " + me.pid() + ") for rollout r-1 since "), busy.getMessage());
    assertEquals(Optional.of("wait for it to finish; if that process is gone, break its lock: tenantctl rollout"
        + " unlock --force r-1"), busy.fix());
    assertThrows(Fault.class, () -> rollout(stacks, HealthGate.NONE).resume("r-1", false));

    Fault alive = assertThrows(Fault.class, () -> rollout(stacks, HealthGate.NONE).unlock("r-1", me));
    assertTrue(alive.getMessage().contains("is still running here"), alive.getMessage());
    Locks.Claimant ops = new Locks.Claimant("ops", "another-host", 1, "unlock");
    // from another host, a fresh heartbeat is a live holder: refused, nothing journalled
    Fault fresh = assertThrows(io.tenantctl.state.LockAlive.class,
        () -> rollout(stacks, HealthGate.NONE).unlock("r-1", ops));
    assertTrue(fresh.getMessage().contains("that run is alive; nothing was broken"), fresh.getMessage());
    assertTrue(store().journal("r-1", RolloutEvent.class).latest("lock").isEmpty(), "no LockBroken journalled");
    // a whole lease later, its holder is gone
    rollout(stacks, HealthGate.NONE).unlock("r-1", ops, java.time.Instant.now().plus(java.time.Duration.ofMinutes(11)));
    assertTrue(store().journal("r-1", RolloutEvent.class).latest("lock").orElseThrow().event()
        instanceof RolloutEvent.LockBroken);

    var summary = rollout(stacks, HealthGate.NONE).resume("r-1", false);
    assertEquals(RolloutState.DONE, summary.state());
    all(plan).forEach(t -> assertEquals(1, stacks.deploys(t), t));
    assertTrue(store().locks().current(Rollout.LOCK).isEmpty(), "released at the end");
  }

  @Test
  void abortStopsStartingTenantsAndThoseInFlightFinish() throws Exception {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("general", tenants("g", 10), 2, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    var entered = new java.util.concurrent.CountDownLatch(2);
    var proceed = new java.util.concurrent.CountDownLatch(1);
    stacks.beforeDeploy = () -> {
      entered.countDown();
      try {
        proceed.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    var result = new java.util.concurrent.atomic.AtomicReference<Rollout.Summary>();
    Thread run = new Thread(() -> result.set(rollout(stacks, HealthGate.NONE).start("r-1", plan)));
    run.start();
    entered.await();
    RolloutRecord aborting = rollout(stacks, HealthGate.NONE).abort("r-1", "ops");
    assertEquals(RolloutState.ABORTING, aborting.state());
    proceed.countDown();
    run.join();
    assertEquals(RolloutState.ABORTED, result.get().state());
    assertEquals(2, stacks.started.size(), "the two in flight finished; no other started");
    assertEquals(RolloutRecord.TenantState.DEPLOYED, result.get().record().tenant(stacks.started.get(0)));
  }

  @Test
  void aResumedBakeWaitsOnlyWhatWasLeft() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 1), 1, Fleet.Tolerance.count(0), Duration.ofMinutes(30), Optional.empty()),
        wave("general", tenants("g", 2), 1, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    Rollout first = rollout(stacks, HealthGate.NONE).afterEachStep(e -> {
      if (e instanceof RolloutEvent.BakeStarted) {
        throw new Crash();
      }
    });
    assertThrows(Crash.class, () -> first.start("r-1", plan));
    time.advance(Duration.ofMinutes(20));
    store().locks().breakLock(Rollout.LOCK, Locks.Claimant.current("test"), "the process died");
    time.sleeps.clear();
    assertEquals(RolloutState.DONE, rollout(stacks, HealthGate.NONE).resume("r-1", false).state());
    assertEquals(Duration.ofMinutes(10), time.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  @Test
  void aRunWhoseLockWasBrokenStopsBeforeItsNextStep() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 3), 1, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    Rollout run = rollout(stacks, HealthGate.NONE).renewEvery(Duration.ZERO).afterEachStep(e -> {
      if (e instanceof RolloutEvent.TenantDeployed d && d.tenant().equals("c0")) {
        store().locks().breakLock(Rollout.LOCK, new Locks.Claimant("ops", "elsewhere", 1, "unlock"), "presumed dead");
      }
    });
    assertThrows(io.tenantctl.state.LockLost.class, () -> run.start("r-1", plan));
    assertEquals(List.of("c0"), stacks.started, "nothing after the lock was lost");
  }

  /** The process dies right after a journal step. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aHaltedRolloutIsRolledBackOnlyWhenAsked() {
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(
        wave("canary", tenants("c", 3), 1, Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    stacks.failing.add("c1");
    assertEquals(RolloutState.HALTED, rollout(stacks, HealthGate.NONE).start("r-1", plan).state());
    assertEquals(FakeStacks.TARGET, stacks.versions.get("c0"));
    assertEquals(RolloutState.HALTED, rollout(stacks, HealthGate.NONE).resume("r-1", false).state());
    assertEquals(RolloutState.ROLLED_BACK, rollout(stacks, HealthGate.NONE).resume("r-1", true).state());
    assertEquals("v1", stacks.versions.get("c0"));
    assertEquals(1, stacks.restores("c1"), "the failed tenant is put back too");
    assertEquals(0, stacks.deploys("c2"));
  }

}
