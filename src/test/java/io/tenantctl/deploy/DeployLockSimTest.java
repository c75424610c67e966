package io.tenantctl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.state.Leases;
import io.tenantctl.state.Locks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy changes a tenant: it holds the tenant's lock, and waits while another run holds it. */
class DeployLockSimTest {
  @TempDir Path state;

  @Test
  void deployWaitsWhileAnotherRunHoldsTheTenantsLockAndSaysWho() throws Exception {
    var sim = new SimCloud(SimConfig.seeded(31).accountCreationPolls(1).roleNotAssumableFor(1));
    var fleet = new SimFleet(sim, state);
    var acme = fleet.tenant("acme");
    fleet.onboarding().onboard(acme, Progress.NONE);
    var locks = fleet.state().locks();
    var other = new Locks.Claimant("bob", "build-7", 4242, "create acme");
    var held = ((Locks.Acquired) locks.acquire(Leases.tenant("acme"), other, Duration.ofMinutes(5))).lock();
    int writes = sim.writes();
    Steps steps = new Steps();

    var pool = Executors.newSingleThreadExecutor();
    try {
      var deploy = pool.submit(() -> fleet.services().deployment().deploy(acme, Optional.empty(), true, steps));
      Thread.sleep(500);
      assertFalse(deploy.isDone(), "deploy waits for the lock");
      assertEquals(writes, sim.writes(), "nothing written while another run holds the tenant");
      assertTrue(steps.saidStep("acme: waiting for lock tenant-acme, held by bob@build-7 (pid 4242) for create acme"),
          steps::toString);

      locks.release(held);
      deploy.get(30, TimeUnit.SECONDS);
      assertTrue(locks.current(Leases.tenant("acme")).isEmpty(), "released after the deploy");
    } finally {
      pool.shutdownNow();
    }
  }
}
