package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.state.Leases;
import io.tenantctl.state.Locks;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tenant a rollout deploys or restores is changed under its claim, as every other flow's. */
class RolloutTenantClaimSimTest {
  @TempDir Path state;
  @TempDir Path repo;
  private SimFleet fleet;
  private final VirtualTime time = new VirtualTime();

  @BeforeEach
  void onboarded() throws Exception {
    Cli.copyTree(Samples.DIR, repo);
    fleet = new SimFleet(new SimCloud(SimConfig.seeded(71).accountCreationPolls(1).roleNotAssumableFor(1)), state);
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    // no gates: this test is about claims, not alarms
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("(?m)^\\s+gate:.*$", ""));
  }

  private Services services(Progress progress) {
    var settings = Settings.of(repo.resolve("fleet.yaml"), repo.resolve("tenants")).withPollDelay(Duration.ZERO)
        .withStateDir(state);
    return new Services(settings, new Launch(Map.of(), s -> fleet.cloud), progress);
  }

  private String version(String tenant) {
    return services(Progress.NONE).rolloutStacks("app").current(tenant).parameters().get("AppVersion");
  }

  @Test
  void aTenantAnotherRunHoldsWaitsForItsClaimAndIsDeployedOnceItIsFree() throws Exception {
    var locks = fleet.state().locks();
    var bob = new Locks.Claimant("bob", "build-7", 4242, "deploy globex");
    var held = ((Locks.Acquired) locks.acquire(Leases.tenant("globex"), bob, Duration.ofMinutes(5))).lock();
    Steps steps = new Steps();

    var run = CompletableFuture.supplyAsync(() -> {
      Services s = services(steps);
      var plan = RolloutPlan.of(s.manifests().fleet(), s.manifests().tenants(), "app", TenantSelector.ALL, false);
      return s.rollout("app", time).start("r-claims", plan);
    });
    String waiting = "globex: waiting for lock tenant-globex, held by bob@build-7 (pid 4242) for deploy globex";
    for (int i = 0; i < 400 && !steps.saidStep(waiting) && !run.isDone(); i++) {
      Thread.sleep(50);
    }
    assertTrue(steps.saidStep(waiting), steps::toString);
    assertFalse(run.isDone(), "the rollout waits for globex");
    assertEquals(null, version("globex"), "globex is not deployed while bob holds it");

    locks.release(held);
    var summary = run.get(60, TimeUnit.SECONDS);

    assertEquals(RolloutState.DONE, summary.state());
    assertEquals("1.0.0", version("globex"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      assertTrue(locks.current(Leases.tenant(t)).isEmpty(), t + "'s claim released");
    }
  }
}
