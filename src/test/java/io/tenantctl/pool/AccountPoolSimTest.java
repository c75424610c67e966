package io.tenantctl.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Fault;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool fill} and {@code pool ls} on the simulated cloud: slow creation, crashes, concurrent runs. */
class AccountPoolSimTest {
  @TempDir Path state;

  static List<String> poolAccounts(SimCloud sim, PoolTags.State s) {
    return sim.organization().accounts().stream().map(Organization.Account::id)
        .filter(id -> s.tag().equals(sim.accountTags(id).get(PoolTags.STATE))).toList();
  }

  @Test
  void fillsToTheTargetThroughSlowCreationAndNoFurther() {
    SimCloud sim = new SimCloud(SimConfig.seeded(3).accountCreationPolls(3));
    SimFleet fleet = new SimFleet(sim, state);

    var fill = fleet.services().pool().fill(Optional.empty(), new Steps());

    assertEquals(3, fill.created().size());
    List<String> ready = poolAccounts(sim, PoolTags.State.READY);
    assertEquals(3, ready.size());
    ready.forEach(id -> assertEquals("/Pool", sim.ouPath(id)));
    ready.forEach(id -> assertTrue(sim.accountTags(id).containsKey(PoolTags.SINCE)));

    var again = fleet.services().pool().fill(Optional.empty(), new Steps());
    assertEquals(List.of(), again.created());
    assertEquals(3, poolAccounts(sim, PoolTags.State.READY).size());

    var listing = fleet.services().pool().list();
    assertEquals(3, listing.count(PoolTags.State.READY));
    // sample fleet: accountQuota 10; management, production and 3 pool accounts
    assertEquals(Optional.of(5), listing.quota().headroom());
  }

  @Test
  void anExplicitNBoundsTheRunAndTheTargetBoundsEveryRun() {
    SimCloud sim = new SimCloud(SimConfig.seeded(4));
    SimFleet fleet = new SimFleet(sim, state);
    assertEquals(1, fleet.services().pool().fill(Optional.of(1), new Steps()).created().size());
    assertEquals(2, fleet.services().pool().fill(Optional.of(5), new Steps()).created().size());
    assertEquals(3, poolAccounts(sim, PoolTags.State.READY).size());
  }

  @Test
  void twentyConcurrentFillsWithCrashesNeverOvershoot() throws Exception {
    SimCloud sim = new SimCloud(SimConfig.seeded(20).accountCreationPolls(2)
        .crashAt("createAccount", 2).crashAt("move", 1).crashAt("accountRequest", 4));
    SimFleet fleet = new SimFleet(sim, state);
    List<Thread> runs = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger crashed = new java.util.concurrent.atomic.AtomicInteger();
    List<Long> overshoots = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(new Thread(() -> {
        try {
          fleet.services().pool().fill(Optional.empty(), new Steps());
        } catch (io.tenantctl.cloud.sim.SimulatedCrash e) {
          crashed.incrementAndGet();
        }
        // at every moment: never more ready or in-flight pool accounts than the target
        long inFlight = sim.organization().accountRequests().stream()
            .filter(r -> r.state() == Organization.AccountRequest.State.IN_PROGRESS).count();
        long seen = poolAccounts(sim, PoolTags.State.READY).size() + inFlight;
        if (seen > 3) {
          overshoots.add(seen);
        }
      }));
    }
    runs.forEach(Thread::start);
    for (Thread t : runs) {
      t.join();
    }
    assertEquals(List.of(), overshoots);
    assertTrue(crashed.get() >= 1, "crashes were injected");
    sim.config().noMoreCrashes(); // a crash the concurrent runs did not reach must not hit the converging run
    fleet.services().pool().fill(Optional.empty(), new Steps());
    assertEquals(3, poolAccounts(sim, PoolTags.State.READY).size());
    assertEquals(3, sim.organization().accountRequests().size(), "exactly three CreateAccount calls in all");
    poolAccounts(sim, PoolTags.State.READY).forEach(id -> assertEquals("/Pool", sim.ouPath(id)));
  }

  @Test
  void aCrashRightAfterCreateAccountIsResumedNotRepeated() {
    SimCloud sim = new SimCloud(SimConfig.seeded(5).accountCreationPolls(2).crashAt("createAccount", 1));
    SimFleet fleet = new SimFleet(sim, state);
    assertThrows(io.tenantctl.cloud.sim.SimulatedCrash.class, () -> fleet.services().pool().fill(Optional.empty(), new Steps()));
    var fill = fleet.services().pool().fill(Optional.empty(), new Steps());
    assertEquals(1, fill.resumed().size());
    assertEquals(2, fill.created().size());
    assertEquals(3, sim.organization().accountRequests().size());
    assertEquals(3, poolAccounts(sim, PoolTags.State.READY).size());
  }

  @Test
  void aFillBeyondTheAccountQuotaIsRefusedWithTheFigures() {
    SimCloud sim = new SimCloud(SimConfig.seeded(6).accountQuota(4).serviceQuotasReadable(true));
    SimFleet fleet = new SimFleet(sim, state);
    Fault f = assertThrows(Fault.class, () -> fleet.services().pool().fill(Optional.empty(), new Steps()));
    assertEquals("pool fill would create 3 accounts, beyond the organization's account quota: 2 accounts of 4"
        + " allowed (Service Quotas): 2 left", f.getMessage());
    assertEquals(0, sim.calls("createAccount"));
    assertEquals(List.of(), poolAccounts(sim, PoolTags.State.READY));
  }

  @Test
  void withoutServiceQuotasTheFleetFilesQuotaHolds() {
    SimCloud sim = new SimCloud(SimConfig.seeded(7));
    SimFleet fleet = new SimFleet(sim, state);
    for (int i = 0; i < 6; i++) {
      sim.addAccount("other-" + i, "other-" + i + "@example.com", "/", java.util.Map.of());
    }
    Fault f = assertThrows(Fault.class, () -> fleet.services().pool().fill(Optional.empty(), new Steps()));
    assertTrue(f.getMessage().endsWith("8 accounts of 10 allowed (the fleet file's accountQuota): 2 left"),
        f.getMessage());
  }

  @Test
  void aPoolAccountACustomerTookCountsAsClaimedAndIsReplaced() {
    SimCloud sim = new SimCloud(SimConfig.seeded(9));
    SimFleet fleet = new SimFleet(sim, state);
    fleet.services().pool().fill(Optional.empty(), new Steps());
    var acme = fleet.onboarding().onboard(fleet.tenant("acme"), new Steps());
    assertEquals(io.tenantctl.org.AccountVendor.How.FROM_POOL, acme.how());

    assertEquals(1, fleet.services().pool().list().count(PoolTags.State.CLAIMED));
    assertEquals(1, fleet.services().pool().fill(Optional.empty(), new Steps()).created().size());
  }
}
