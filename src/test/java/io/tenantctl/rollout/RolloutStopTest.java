package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a rollout: an abort that takes effect during a bake, a signal mid-wave, and a bake that keeps talking. */
class RolloutStopTest {
  @TempDir Path dir;
  private final VirtualTime time = new VirtualTime();

  private StateStore store() {
    return new FileStateStore(dir, new StateScope("o-test", "aws"));
  }

  private static RolloutPlan plan(Duration canaryBake, Optional<Fleet.Gate> gate, int general, int concurrency) {
    return new RolloutPlan("app", "all tenants", List.of(
        RolloutEngineTest.wave("canary", List.of("c0"), 1, Fleet.Tolerance.count(0), canaryBake, gate),
        RolloutEngineTest.wave("general", RolloutEngineTest.tenants("g", general), concurrency,
            Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
  }

  private static List<String> all(RolloutPlan plan) {
    return plan.waves().stream().flatMap(w -> w.tenants().stream()).toList();
  }

  @Test
  void anAbortDuringATenMinuteBakeEndsTheRolloutWithinSeconds() {
    RolloutPlan plan = plan(Duration.ofMinutes(10), RolloutEngineTest.GATE, 3, 1);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    Instant abortAt = time.now().plus(Duration.ofMinutes(2));
    AtomicReference<Instant> aborted = new AtomicReference<>();
    // the operator's abort, from another process (its own view of the state), two minutes into the bake
    time.afterSleep = () -> {
      if (aborted.get() == null && !time.now().isBefore(abortAt)) {
        aborted.set(time.now());
        new Rollout(store(), null, HealthGate.NONE, time, Progress.NONE).abort("r-1", "ops");
      }
    };
    var summary = new Rollout(store(), stacks, (s, a) -> HealthGate.Reading.green(), time, Progress.NONE)
        .start("r-1", plan);

    assertEquals(RolloutState.ABORTED, summary.state());
    Duration took = Duration.between(aborted.get(), time.now());
    assertTrue(took.compareTo(Duration.ofSeconds(5)) <= 0, "ended " + took + " after the abort (virtual time)");
    assertFalse(summary.record().waveBaked("canary"), "the bake did not run to its end");
    assertEquals(List.of("c0"), stacks.started, "no tenant of the next wave started");
    assertTrue(store().locks().current(Rollout.LOCK).isEmpty(), "the lock is released");
  }

  @Test
  void aSignalMidWaveLetsTenantsInFlightFinishJournalsTheStopReleasesTheLockAndAResumeGoesOn() throws Exception {
    RolloutPlan plan = plan(Duration.ZERO, Optional.empty(), 10, 3);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ofMillis(20));
    Rollout rollout = new Rollout(store(), stacks, HealthGate.NONE, time, Progress.NONE);
    stacks.beforeDeploy = () -> {
      if (stacks.started.size() == 3) {
        rollout.interrupt("SIGTERM");
      }
    };
    var summary = rollout.start("r-1", plan);

    assertEquals(Optional.of("SIGTERM"), summary.interruptedBy());
    assertEquals(Optional.of(143), summary.signalExitCode());
    assertEquals(RolloutState.RUNNING, summary.state(), "not ended: resumable");
    int started = stacks.started.size();
    assertTrue(started < 11, "no tenant started once the signal came: " + stacks.started);
    var record = store().journal("r-1", RolloutEvent.class).entries();
    for (String t : stacks.started) {
      assertEquals(RolloutRecord.TenantState.DEPLOYED, summary.record().tenant(t), t + " in flight finished");
    }
    assertEquals(new RolloutEvent.Interrupted("SIGTERM"), record.get(record.size() - 1).event());
    assertTrue(store().locks().current(Rollout.LOCK).isEmpty(), "the lock is released");

    stacks.beforeDeploy = () -> { };
    var resumed = new Rollout(store(), stacks, HealthGate.NONE, time, Progress.NONE).resume("r-1", false);
    assertEquals(RolloutState.DONE, resumed.state());
    all(plan).forEach(t -> assertEquals(1, stacks.deploys(t), t + " deployed once"));
  }

  @Test
  void aSignalDuringABakeStopsItWithinASecondAndTheResumedBakeWaitsOnlyWhatWasLeft() {
    RolloutPlan plan = plan(Duration.ofMinutes(30), Optional.empty(), 1, 1);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    AtomicReference<Rollout> running = new AtomicReference<>();
    AtomicReference<Instant> signalled = new AtomicReference<>();
    Instant start = time.now();
    time.afterSleep = () -> {
      if (signalled.get() == null && Duration.between(start, time.now()).compareTo(Duration.ofMinutes(5)) >= 0) {
        signalled.set(time.now());
        running.get().interrupt("SIGINT");
      }
    };
    running.set(new Rollout(store(), stacks, HealthGate.NONE, time, Progress.NONE));
    var summary = running.get().start("r-1", plan);

    assertEquals(Optional.of(130), summary.signalExitCode());
    assertTrue(Duration.between(signalled.get(), time.now()).compareTo(Duration.ofSeconds(1)) <= 0);
    assertFalse(summary.record().waveBaked("canary"));
    time.sleeps.clear();
    time.afterSleep = () -> { };
    assertEquals(RolloutState.DONE, new Rollout(store(), stacks, HealthGate.NONE, time, Progress.NONE)
        .resume("r-1", false).state());
    assertEquals(Duration.ofMinutes(25), time.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  @Test
  void withoutATerminalABakeSaysHowLongItHasLeftAtLeastEveryMinute() {
    RolloutPlan plan = plan(Duration.ofMinutes(10), Optional.empty(), 1, 1);
    FakeStacks stacks = new FakeStacks(all(plan), Duration.ZERO);
    List<Instant> lines = new CopyOnWriteArrayList<>();
    Progress progress = e -> {
      if (e instanceof ProgressEvent.WaveBaking) {
        lines.add(time.now());
      }
    };
    Instant start = time.now();
    assertEquals(RolloutState.DONE, new Rollout(store(), stacks, HealthGate.NONE, time, progress).start("r-1", plan)
        .state());
    assertTrue(lines.size() >= 10, lines.toString());
    Instant last = start;
    for (Instant at : lines) {
      assertTrue(Duration.between(last, at).compareTo(Duration.ofMinutes(1)) <= 0, "a line at " + at + ", the one"
          + " before at " + last);
      last = at;
    }
  }
}
