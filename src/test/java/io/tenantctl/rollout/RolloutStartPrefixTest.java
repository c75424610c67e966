package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.state.Locks;
import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between {@code rollout start}'s first writes — the lock, the plan in the journal, the index record —
 * leaves one of their prefixes (or, from older releases, the lock and the index without a plan). Each is built
 * here, then status, resume, abort, unlock and a new start run on it: none exits 4, none needs a file deleted.
 */
class RolloutStartPrefixTest {
  private static final String ID = "r-20261201-0900-app";
  @TempDir Path repo;
  private Cli cli;
  private SimFleet fleet;
  private Locks.Claimant dead;

  @BeforeEach
  void onboarded() throws Exception {
    cli = Cli.onSamples(repo);
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s"));
    SimCloud cloud = new SimCloud(SimConfig.seeded(23).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cli.withClouds(s -> cloud);
    // the process that started it, killed: it ran on this host and runs no more
    Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version").redirectErrorStream(true).start();
    ended.getInputStream().readAllBytes();
    ended.waitFor();
    Locks.Claimant me = Locks.Claimant.current("");
    dead = new Locks.Claimant(me.user(), me.host(), ended.pid(), "rollout " + ID);
  }

  private void lock() {
    assertTrue(fleet.state().locks().acquire(Rollout.LOCK, dead, Duration.ofMinutes(10)) instanceof Locks.Acquired);
  }

  private void plan() {
    var wave = new RolloutEvent.PlannedWave("canary", List.of("acme"), 1, "0", 0, Duration.ZERO, false, List.of(),
        "", false, false);
    fleet.state().journal(ID, RolloutEvent.class).append("plan", new RolloutEvent.Planned(ID, "app", "all tenants",
        List.of(wave), false, Instant.parse("2026-12-01T09:00:00Z")));
  }

  private void index() {
    fleet.state().records().put("rollouts/" + ID, new Rollout.RolloutListing(ID, "app", RolloutState.RUNNING,
        Instant.parse("2026-12-01T09:00:00Z"), "all tenants"));
  }

  /** Runs a command: never an internal error, whatever the state. */
  private Cli.Result run(String... args) {
    var r = cli.run(args);
    assertNotEquals(4, r.exitCode(), String.join(" ", args) + ": " + r);
    assertFalse(r.err().contains("Exception"), String.join(" ", args) + ": " + r);
    return r;
  }

  /** After the way out each state names, a new rollout starts and runs to its end. */
  private void aNewStartRuns() {
    // the journalled plan above covered only the canary: it is at the target now, later waves are not
    var r = run("rollout", "start", "--stack", "app", "--yes", "--allow-empty-canary");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(fleet.state().locks().current(Rollout.LOCK).isEmpty(), "released");
  }

  @Test
  void onlyTheLockSaysTheStartNeverPlannedAndUnlockLetsANewStartRun() {
    lock();
    var status = run("rollout", "status", ID);
    assertEquals(1, status.exitCode(), status.toString());
    assertTrue(plain(status.err()).contains("rollout " + ID + " never started: its start stopped before it wrote its plan,"
        + " and nothing was deployed"), status.err());
    assertTrue(plain(status.err()).contains("tenantctl rollout unlock --force " + ID), status.err());
    assertEquals(2, run("rollout", "status").exitCode(), "no rollout listed yet");
    assertEquals(1, run("rollout", "resume", ID).exitCode());
    assertEquals(1, run("rollout", "abort", ID).exitCode());
    var start = run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(1, start.exitCode(), start.toString());
    assertTrue(plain(start.err()).contains("whose start stopped before it wrote its plan; that process is no longer"
        + " running"), start.err());
    assertTrue(plain(start.err()).contains("break its lock, then start again: tenantctl rollout unlock --force " + ID),
        start.err());

    var unlock = run("rollout", "unlock", "--force", ID);
    assertEquals(0, unlock.exitCode(), unlock.toString());
    assertTrue(plain(unlock.out()).contains("never started (nothing to resume)"), unlock.out());
    aNewStartRuns();
  }

  @Test
  void theLockAndThePlanAreARolloutToResumeListedFromTheLock() {
    lock();
    plan();
    var status = run("rollout", "status");
    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.out().startsWith("rollout " + ID + " of app: running; its process (pid " + dead.pid()),
        status.out());
    assertEquals(0, run("rollout", "status", ID).exitCode());
    assertTrue(run("--output", "json", "rollout", "ls").out().contains(ID));
    var resume = run("rollout", "resume", ID);
    assertEquals(1, resume.exitCode(), resume.toString());
    assertTrue(plain(resume.err()).contains("tenantctl rollout unlock --force " + ID + " && tenantctl rollout resume " + ID),
        resume.err());

    var unlock = run("rollout", "unlock", "--force", ID);
    assertEquals(0, unlock.exitCode(), unlock.toString());
    assertTrue(plain(unlock.out()).contains("resume with: tenantctl rollout resume " + ID), unlock.out());
    var resumed = run("rollout", "resume", ID);
    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertTrue(run("rollout", "status", ID).out().startsWith("rollout " + ID + " of app: done\n"));
    assertEquals(RolloutState.DONE, fleet.state().records().get("rollouts/" + ID, Rollout.RolloutListing.class)
        .orElseThrow().state(), "listed once resumed");
    aNewStartRuns();
  }

  @Test
  void theLockThePlanAndTheIndexAreAKilledRolloutThatAbortEnds() {
    lock();
    plan();
    index();
    assertEquals(0, run("rollout", "status", ID).exitCode());
    var abort = run("rollout", "abort", ID);
    assertEquals(0, abort.exitCode(), abort.toString());
    assertEquals(0, run("rollout", "unlock", "--force", ID).exitCode());
    var resumed = run("rollout", "resume", ID);
    assertEquals(1, resumed.exitCode(), resumed.toString());
    assertTrue(plain(resumed.out()).contains("rollout " + ID + " aborted"), resumed.out());
    aNewStartRuns();
  }

  @Test
  void anOlderReleasesLockAndIndexWithoutAPlanAreUnderstoodAndCleanedByUnlock() {
    lock();
    index();
    var status = run("rollout", "status");
    assertEquals(1, status.exitCode(), status.toString());
    assertTrue(plain(status.err()).contains("never started"), status.err());
    assertEquals(1, run("--output", "json", "rollout", "status", ID).exitCode());
    assertEquals(1, run("rollout", "resume", ID, "--rollback-on-halt").exitCode());
    assertEquals(1, run("rollout", "abort", ID).exitCode());
    assertEquals(0, run("rollout", "unlock", "--force", ID).exitCode());
    assertFalse(run("rollout", "ls").out().contains(ID), "its index record is gone with its lock");
    aNewStartRuns();
  }

  @Test
  void anOlderReleasesIndexAloneSaysToStartAgain() {
    index();
    var resume = run("rollout", "resume", ID);
    assertEquals(1, resume.exitCode(), resume.toString());
    assertTrue(plain(resume.err()).contains("start a new rollout: tenantctl rollout start --stack app"), resume.err());
    aNewStartRuns();
  }

  @Test
  void aStartTakesTheLockBeforeItChoosesItsIdOrReadsItsPlan() {
    // a second start while the first holds the lock: refused at once, before its id or its plan is shown
    Rollout first = new Rollout(fleet.state(), new FakeStacks(List.of("acme"), Duration.ZERO), HealthGate.NONE,
        new VirtualTime(), Progress.NONE);
    String id = first.reserve("app");
    var second = run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(1, second.exitCode(), second.toString());
    assertFalse(second.out().contains("rollout r-"), "no id printed: " + second.out());
    assertFalse(second.out().contains("wave canary"), "no plan read: " + second.out());
    assertTrue(plain(second.err()).contains("for rollout " + id), second.err());
    // once the first has started and ended, the next start takes another id
    first.start(id, new RolloutPlan("app", "all tenants", List.of(RolloutEngineTest.wave("canary", List.of("acme"), 1,
        Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false));
    var next = run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(0, next.exitCode(), next.toString());
    assertFalse(next.out().startsWith("rollout " + id + "\n"), next.out());
    assertEquals(2, first.list().size());
  }

  /** The text without the global options a fix repeats (--fleet, --tenants), to read it as the user types it. */
  private static String plain(String text) {
    return text.replaceAll("tenantctl (--[a-z-]+ \\S+ )+", "tenantctl ");
  }
}
