package io.tenantctl.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's {@code create} and a developer's {@code dev up} at once, on a pool of one ready account: before the
 * pool's claim was the only way to take a pool account, both took it (a customer's baseline landed in a developer's
 * account).
 */
class PoolClaimRaceSimTest {
  @TempDir Path state;

  @Test
  void aCreateAndADevUpAtOnceNeverShareThePoolsOneAccount() throws Exception {
    // a slow tag write widens the window between reading an account as ready and marking it taken
    SimCloud sim = new SimCloud(SimConfig.seeded(21).accountCreationPolls(1).latency("tag", Duration.ofSeconds(2)));
    SimFleet fleet = new SimFleet(sim, state);
    List<String> pooled = fleet.services().pool().fill(Optional.of(1), new Steps()).created();
    assertEquals(1, pooled.size());
    String poolAccount = pooled.get(0);

    CyclicBarrier together = new CyclicBarrier(2);
    var create = CompletableFuture.supplyAsync(at(together,
        () -> fleet.onboarding().onboard(fleet.tenant("acme"), new Steps()).accountId()));
    var devUp = CompletableFuture.supplyAsync(at(together, () -> {
      var dev = fleet.services().dev();
      return dev.up("alice", dev.ttl(Optional.empty()), new Steps()).accountId();
    }));
    String acme = create.get(60, TimeUnit.SECONDS);
    String alice = devUp.get(60, TimeUnit.SECONDS);

    assertNotEquals(acme, alice, "one account for both tenants");
    assertTrue(List.of(acme, alice).contains(poolAccount), "one of them got the pool's account");
    assertEquals("acme", sim.accountTags(acme).get(AccountDirectory.TENANT_TAG));
    assertEquals("dev-alice", sim.accountTags(alice).get(AccountDirectory.TENANT_TAG));
    assertEquals("claimed", sim.accountTags(poolAccount).get(PoolTags.STATE));
  }

  @Test
  void createTakesAnAccountPutInThePoolByHandThroughTheClaimAndMarksItClaimed() {
    SimCloud sim = new SimCloud(SimConfig.seeded(22).accountCreationPolls(1));
    SimFleet fleet = new SimFleet(sim, state);
    sim.addAccount("taken", "pool-1@example.com", "/Pool", java.util.Map.of(AccountDirectory.TENANT_TAG, "globex"));
    String free = sim.addAccount("by-hand", "pool-2@example.com", "/Pool", java.util.Map.of());
    int created = sim.calls("createAccount");
    Steps steps = new Steps();

    var plan = fleet.onboarding().plan(List.of(fleet.tenant("acme")), 1, steps);
    var done = fleet.onboarding().onboard(fleet.tenant("acme"), steps);

    assertEquals(io.tenantctl.onboard.OnboardingPlan.AccountStep.FROM_POOL, plan.tenants().get(0).account(),
        "the plan says what happens");
    assertEquals(free, done.accountId());
    assertEquals(io.tenantctl.org.AccountVendor.How.FROM_POOL, done.how());
    assertEquals(created, sim.calls("createAccount"));
    assertEquals("claimed", sim.accountTags(free).get(PoolTags.STATE));
    assertTrue(steps.saidStep("claiming pool account " + free), steps::toString);
  }

  private static <T> Supplier<T> at(CyclicBarrier barrier, Supplier<T> body) {
    return () -> {
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return body.get();
    };
  }
}
