package io.tenantctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.state.Leases;
import io.tenantctl.state.Locks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One discipline for every flow that changes a tenant: it holds the tenant's claim ({@code tenant-<name>}), so it
 * waits, writing nothing, while another run holds it, says who that is, and releases the claim when done.
 */
class TenantClaimSimTest {
  @TempDir Path state;

  static Stream<Arguments> flows() {
    Consumer<SimFleet> nothing = f -> { };
    Consumer<SimFleet> acmeOnboarded = f -> f.onboarding().onboard(f.tenant("acme"), Progress.NONE);
    Consumer<SimFleet> aliceUp = f -> {
      var dev = f.services().dev();
      dev.up("alice", dev.ttl(Optional.empty()), Progress.NONE);
    };
    return Stream.of(
        Arguments.of("create", "acme", nothing,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.onboarding().onboard(f.tenant("acme"), s)),
        Arguments.of("deploy", "acme", acmeOnboarded,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.services().deployment().deploy(f.tenant("acme"),
                Optional.empty(), true, s)),
        Arguments.of("delete", "acme", acmeOnboarded,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.services().offboarding().delete("acme",
                Optional.of(f.tenant("acme")), false, s)),
        Arguments.of("dev up", "dev-alice", nothing,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.services().dev().up("alice", Duration.ofHours(1), s)),
        Arguments.of("dev extend", "dev-alice", aliceUp,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.services().dev().extend("alice", Duration.ofHours(1), s)),
        Arguments.of("dev down", "dev-alice", aliceUp,
            (BiConsumer<SimFleet, Steps>) (f, s) -> f.services().dev().down("alice", s)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flows")
  void everyFlowThatChangesATenantHoldsItsClaim(String flow, String tenant, Consumer<SimFleet> before,
      BiConsumer<SimFleet, Steps> run) throws Exception {
    var sim = new SimCloud(SimConfig.seeded(41).accountCreationPolls(1).roleNotAssumableFor(1));
    var fleet = new SimFleet(sim, state);
    before.accept(fleet);
    var locks = fleet.state().locks();
    var other = new Locks.Claimant("bob", "build-7", 4242, "deploy " + tenant);
    var held = ((Locks.Acquired) locks.acquire(Leases.tenant(tenant), other, Duration.ofMinutes(5))).lock();
    int writes = sim.writes();
    Steps steps = new Steps();

    var pool = Executors.newSingleThreadExecutor();
    try {
      var running = pool.submit(() -> run.accept(fleet, steps));
      String waiting = tenant + ": waiting for lock tenant-" + tenant + ", held by bob@build-7 (pid 4242) for deploy "
          + tenant;
      for (int i = 0; i < 200 && !steps.saidStep(waiting) && !running.isDone(); i++) {
        Thread.sleep(50);
      }
      assertTrue(steps.saidStep(waiting), steps::toString);
      Thread.sleep(300);
      assertFalse(running.isDone(), flow + " waits for the tenant's claim");
      assertEquals(writes, sim.writes(), flow + " writes nothing while another run holds the tenant");

      locks.release(held);
      running.get(30, TimeUnit.SECONDS);
      assertTrue(sim.writes() > writes, flow + " did its work once the claim was free");
      assertTrue(locks.current(Leases.tenant(tenant)).isEmpty(), flow + " released the claim");
    } finally {
      pool.shutdownNow();
    }
  }
}
