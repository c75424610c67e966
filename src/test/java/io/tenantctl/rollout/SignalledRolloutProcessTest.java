package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.file.FileStateStore;
import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollout start} in a process of its own (the whole CLI, on the simulated cloud), sent SIGTERM while the
 * canary's stack is being changed: the tenant in flight finishes, the journal says where it stopped, the lock is
 * released, and the process says how to resume and exits 143.
 */
class SignalledRolloutProcessTest {
  @TempDir Path repo;

  /** The process: onboards the sample tenants, then rolls {@code app} out with each stack taking 3 s. */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]);
    Cli cli = Cli.onSamples(repo);
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s"));
    SimCloud cloud = new SimCloud(SimConfig.seeded(22).accountCreationPolls(1).roleNotAssumableFor(1));
    SimFleet fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    if (args.length > 1 && args[1].equals("plan")) {
      // the plan's reads are slow: signalled while it shows the plan, before anything is journalled
      cloud.config().latency("describe", Duration.ofSeconds(3));
    } else {
      cloud.config().latency("executeChangeSet", Duration.ofSeconds(3)).latency("create", Duration.ofSeconds(3));
    }
    var r = cli.withClouds(s -> cloud).run("rollout", "start", "--stack", "app", "--yes");
    System.out.print(r.out());
    System.out.print(r.err());
    System.out.flush();
    System.exit(r.exitCode());
  }

  private Optional<Path> find(java.util.function.Predicate<Path> which) throws Exception {
    Path state = repo.resolve(".tenantctl");
    if (!Files.isDirectory(state)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(state)) {
      return walk.filter(which).findFirst();
    }
  }

  private Process child(String mode) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SignalledRolloutProcessTest.class.getName(), repo.toString(), mode)
        .redirectErrorStream(true).redirectOutput(repo.resolve("said.txt").toFile()).start();
  }

  @Test
  void sigtermWhileThePlanIsReadReleasesTheLockTheStartTook() throws Exception {
    Process p = child("plan");
    Path lock = null;
    for (int i = 0; i < 1200 && p.isAlive() && lock == null; i++) {
      Optional<Path> l = find(f -> f.getFileName().toString().equals("rollout.json")
          && f.getParent().endsWith("locks"));
      if (l.isPresent() && Files.readString(l.get()).contains("\"purpose\":\"rollout r-")) {
        lock = l.get();
      }
      Thread.sleep(100);
    }
    if (lock == null) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the start did not take the lock: " + Files.readString(repo.resolve("said.txt")));
    }
    p.destroy();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ended");
    assertEquals(143, p.exitValue(), Files.readString(repo.resolve("said.txt")));
    var state = new FileStateStore(lock.getParent().getParent(), new StateScope("o-test", "aws"));
    assertTrue(state.locks().current(Rollout.LOCK).isEmpty(), "no lock left: " + Files.readString(lock));
    assertTrue(find(f -> f.getFileName().toString().matches("r-.*\\.jsonl")).isEmpty(), "nothing journalled");
  }

  @Test
  void sigtermMidWaveLetsTheTenantInFlightFinishReleasesTheLockAndExits143() throws Exception {
    Process p = child("wave");
    Path journal = null;
    // until the canary's previous version is journalled: its stack is being changed now (bounded, not timed)
    for (int i = 0; i < 1200 && p.isAlive(); i++) {
      Optional<Path> j = find(f -> f.getFileName().toString().matches("r-.*\\.jsonl"));
      if (j.isPresent() && Files.readString(j.get()).contains("\"previous-recorded\"")) {
        journal = j.get();
        break;
      }
      Thread.sleep(100);
    }
    if (journal == null) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the rollout did not reach the canary's stack: "
          + Files.readString(repo.resolve("said.txt")));
    }
    p.destroy();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ended");
    String said = Files.readString(repo.resolve("said.txt"));

    assertEquals(143, p.exitValue(), said);
    assertTrue(said.contains("SIGTERM: stopping; tenants in flight finish"), said);
    assertTrue(said.contains("interrupted (SIGTERM): tenants in flight finished, the lock is released"), said);
    // the fix repeats the run's options (--fleet, --tenants): read as the user types it without them
    assertTrue(said.replaceAll("tenantctl (--[a-z-]+ \\S+ )+", "tenantctl ").contains(
        "resume it: tenantctl rollout resume r-"), said);
    String lines = Files.readString(journal);
    assertTrue(lines.contains("\"type\":\"tenant-deployed\",\"tenant\":\"acme\""), lines);
    assertTrue(lines.strip().endsWith("{\"type\":\"interrupted\",\"signal\":\"SIGTERM\"}}"), lines);
    assertFalse(lines.contains("\"tenant-started\",\"wave\":\"early\""),
        "no tenant of the next wave started: " + lines);
    Path locks = find(f -> f.getFileName().toString().equals("locks") && Files.isDirectory(f)).orElseThrow();
    var state = new FileStateStore(locks.getParent(), new StateScope("o-test", "aws"));
    assertTrue(state.locks().current(Rollout.LOCK).isEmpty(), "no lock left");
  }
}
