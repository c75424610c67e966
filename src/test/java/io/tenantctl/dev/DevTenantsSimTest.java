package io.tenantctl.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Fault;
import io.tenantctl.pool.PoolTags;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev up/ls/extend/down/gc} on the simulated cloud. */
class DevTenantsSimTest {
  @TempDir Path state;
  SimCloud sim;
  SimFleet fleet;

  @BeforeEach
  void setUp() {
    sim = new SimCloud(SimConfig.seeded(8).accountCreationPolls(2));
    fleet = new SimFleet(sim, state);
  }

  private DevTenants dev() {
    return fleet.services().dev();
  }

  private DevTenants.Up up(String owner) {
    var dev = dev();
    return dev.up(dev.owner(Optional.ofNullable(owner)), dev.ttl(Optional.empty()), new Steps());
  }

  @Test
  void upTakesAPooledAccountWithoutCreateAccountAndDeploysTheBaseline() {
    fleet.services().pool().fill(Optional.empty(), new Steps());
    int created = sim.calls("createAccount");

    var up = up(null);

    assertEquals(created, sim.calls("createAccount"), "no CreateAccount when the pool has a ready account");
    assertEquals("dev-sim-operator", up.tenant(), "owner from the caller's identity");
    assertEquals(DevTenants.How.FROM_POOL, up.how());
    assertEquals("/Dev", sim.ouPath(up.accountId()));
    Map<String, String> tags = sim.accountTags(up.accountId());
    assertEquals("dev-sim-operator", tags.get("tenantctl:tenant"));
    assertEquals("sim-operator", tags.get(PoolTags.OWNER));
    assertEquals("claimed", tags.get(PoolTags.STATE));
    Instant expires = Instant.parse(tags.get(PoolTags.EXPIRES));
    assertTrue(expires.isAfter(Instant.now().plus(Duration.ofHours(7))), "the default ttl, 8h");
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), sim.stackStatus(up.accountId(), "us-east-1",
        "tenantctl-dev-sim-operator-baseline"));

    var listed = dev().list();
    assertEquals(1, listed.size());
    assertEquals(Optional.of(expires), listed.get(0).expires());

    var again = up(null);
    assertEquals(DevTenants.How.ALREADY_UP, again.how());
    assertEquals(up.accountId(), again.accountId());
  }

  @Test
  void withAnEmptyPoolUpCreatesAnAccountAndSaysHowLongItTakes() {
    var dev = dev();
    Steps steps = new Steps();
    var up = dev.up("carol", Duration.ofHours(1), steps);
    assertEquals(DevTenants.How.CREATED, up.how());
    assertTrue(steps.saidStep("dev-carol: no ready pool account for carol: creating one, which usually 1 to 5 minutes"),
        steps::toString);
    assertFalse(steps.toString().contains("kept for"), steps::toString);
    assertEquals("claimed", sim.accountTags(up.accountId()).get(PoolTags.STATE));
  }

  @Test
  void downDeletesTheStacksAndReturnsTheAccountToThePoolForTheSameOwner() {
    fleet.services().pool().fill(Optional.of(1), new Steps());
    var up = up("alice");
    var down = dev().down("alice", new Steps());

    assertTrue(down.returned());
    assertEquals(List.of("tenantctl-dev-alice-baseline"), down.deletedStacks());
    assertEquals(Optional.empty(), sim.stackStatus(up.accountId(), "us-east-1", "tenantctl-dev-alice-baseline"));
    Map<String, String> tags = sim.accountTags(up.accountId());
    assertEquals("ready", tags.get(PoolTags.STATE));
    assertEquals("alice", tags.get(PoolTags.LAST_OWNER));
    assertFalse(tags.containsKey("tenantctl:tenant"));
    assertFalse(tags.containsKey(PoolTags.EXPIRES));
    assertEquals("/Pool", sim.ouPath(up.accountId()));
    assertEquals(List.of(), dev().list());

    // same-owner reuse: bob does not get alice's account, and is told why a new one is made; alice does
    var dev = dev();
    Steps told = new Steps();
    var bob = dev.up("bob", dev.ttl(Optional.empty()), told);
    assertNotEquals(up.accountId(), bob.accountId());
    assertEquals(DevTenants.How.CREATED, bob.how());
    assertTrue(told.saidStep("dev-bob: the pool's ready account is kept for the developer who gave it back"
        + " (dev.reuse: same-owner), not handed to bob: " + up.accountId() + " (alice)"), told::toString);
    assertTrue(told.saidStep("dev-bob: no ready pool account for bob: creating one"), told::toString);
    assertFalse(told.saidStep("no ready account in the pool"), told::toString);
    var alice = up("alice");
    assertEquals(up.accountId(), alice.accountId());
    assertEquals(DevTenants.How.FROM_POOL, alice.how());
  }

  @Test
  void aFailingCleanupSendsTheAccountToQuarantineWithItsReasonNeverBackToThePool() {
    fleet.services().pool().fill(Optional.of(1), new Steps());
    var up = up("dave");
    sim.config().deleteFailure("tenantctl-dev-dave-baseline", "DataBucket", "The bucket you tried to delete is not"
        + " empty");

    var down = dev().down("dave", new Steps());

    assertFalse(down.returned());
    String reason = down.quarantineReason().orElseThrow();
    assertTrue(reason.contains("DELETE_FAILED"), reason);
    assertTrue(reason.contains("tenantctl-dev-dave-baseline-DataBucket"), reason);
    Map<String, String> tags = sim.accountTags(up.accountId());
    assertEquals("quarantined", tags.get(PoolTags.STATE));
    assertTrue(tags.get(PoolTags.REASON).contains("DELETE_FAILED"), tags.toString());
    assertEquals("/Quarantine", sim.ouPath(up.accountId()));
    assertEquals(List.of(), dev().list(), "no longer a dev tenant: gc will not try it again");
    assertEquals(DevTenants.How.CREATED, up("dave").how(), "a quarantined account is never handed out");
  }

  @Test
  void aStackWhoseProtectionCannotBeTurnedOffIsReportedAndTheAccountQuarantined() {
    // AWS refuses to delete a protected stack; the delete is tried anyway, for moto, which does not enforce it
    fleet.services().pool().fill(Optional.of(1), new Steps());
    var up = up("ivan");
    sim.config().protectFails(true);
    var down = dev().down("ivan", new Steps());
    assertFalse(down.returned());
    assertTrue(down.quarantineReason().orElseThrow().contains("cannot be deleted while TerminationProtection is"
        + " enabled"), down.toString());
    assertTrue(sim.stackStatus(up.accountId(), "us-east-1", "tenantctl-dev-ivan-baseline").isPresent());
    assertEquals("quarantined", sim.accountTags(up.accountId()).get(PoolTags.STATE));
  }

  @Test
  void gcRemovesExpiredTenantsLeavesTheOthersAndQuarantinesWhatWillNotDelete() {
    fleet.services().pool().fill(Optional.empty(), new Steps());
    var erin = up("erin");
    var frank = up("frank");
    var gina = up("gina");
    String past = PoolTags.instant(Instant.now().minus(Duration.ofMinutes(5)));
    sim.organization().tag(erin.accountId(), Map.of(PoolTags.EXPIRES, past));
    sim.organization().tag(gina.accountId(), Map.of(PoolTags.EXPIRES, past));
    sim.config().deleteFailure("tenantctl-dev-gina-baseline", "DataBucket", "not empty");

    var gc = dev().gc(Duration.ofMinutes(10), new Steps());

    assertEquals(2, gc.removed().size());
    assertEquals(1, gc.unexpired());
    assertEquals("ready", sim.accountTags(erin.accountId()).get(PoolTags.STATE));
    assertEquals("quarantined", sim.accountTags(gina.accountId()).get(PoolTags.STATE));
    assertEquals("claimed", sim.accountTags(frank.accountId()).get(PoolTags.STATE));
    assertEquals(List.of("dev-frank"), dev().list().stream().map(DevTenants.DevTenant::tenant).toList());

    var second = dev().gc(Duration.ofMinutes(10), new Steps());
    assertEquals(List.of(), second.removed(), "gc never loops on the quarantined account");
  }

  @Test
  void extendIsCappedAtTheMaximumAndAnExcessiveTtlIsRefusedBeforeAnyCall() {
    var dev = dev();
    Fault f = assertThrows(Fault.class, () -> dev.ttl(Optional.of(Duration.ofHours(100))));
    assertEquals(io.tenantctl.core.ExitCode.INVALID, f.exitCode());
    assertEquals("--ttl 100h is beyond dev.ttl.max (72h) in fleet.yaml", f.getMessage());

    up("hank");
    var extended = dev().extend("hank", Duration.ofHours(70), new Steps());
    Instant cap = Instant.now().plus(Duration.ofHours(72));
    assertTrue(!extended.expires().orElseThrow().isAfter(cap.plusSeconds(5)), extended.toString());
    assertTrue(extended.expires().orElseThrow().isAfter(cap.minusSeconds(60)), extended.toString());
  }

  @Test
  void ownersAreNormalisedFromTheCallersArn() {
    assertEquals("alice", DevTenants.fromArn("arn:aws:sts::123456789012:assumed-role/Dev/alice@example.com"));
    assertEquals("bob-smith", DevTenants.fromArn("arn:aws:iam::123456789012:user/ops/Bob.Smith"));
    assertEquals("root", DevTenants.fromArn("arn:aws:iam::123456789012:root"));
    assertEquals(28, DevTenants.fromArn("arn:aws:iam::1:user/" + "x".repeat(40)).length());
    Fault f = assertThrows(Fault.class, () -> dev().owner(Optional.of("A")));
    assertEquals(io.tenantctl.core.ExitCode.INVALID, f.exitCode());
  }

  @Test
  void twentyConcurrentFillsAndUpsWithCrashesNeverOvershootNorClaimTwice() throws Exception {
    sim.config().serviceQuotasReadable(true).accountQuota(100)
        .crashAt("createAccount", 3).crashAt("tag", 5).crashAt("move", 2);
    List<Thread> runs = new java.util.ArrayList<>();
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      String owner = "dev" + i;
      boolean fill = i % 2 == 0;
      runs.add(new Thread(() -> {
        try {
          if (fill) {
            fleet.services().pool().fill(Optional.empty(), new Steps());
          } else {
            var dev = fleet.services().dev();
            dev.up(owner, Duration.ofHours(1), new Steps());
          }
        } catch (io.tenantctl.cloud.sim.SimulatedCrash crash) {
          // a run dies; the next converges
        } catch (Throwable t) {
          unexpected.add(t);
        }
      }));
    }
    runs.forEach(Thread::start);
    for (Thread t : runs) {
      t.join();
    }
    assertEquals(List.of(), unexpected);
    // re-runs after the crashes converge; a crash the concurrent runs did not reach (they may finish first) is disarmed
    sim.config().noMoreCrashes();
    fleet.services().pool().fill(Optional.empty(), new Steps());
    for (int i = 1; i < 20; i += 2) {
      up("dev" + i);
    }
    fleet.services().pool().fill(Optional.empty(), new Steps());

    var accounts = sim.organization().accounts();
    Map<String, Long> owners = new java.util.HashMap<>();
    int ready = 0;
    for (var a : accounts) {
      Map<String, String> tags = sim.accountTags(a.id());
      if ("ready".equals(tags.get(PoolTags.STATE))) {
        ready++;
      }
      String tenant = tags.get("tenantctl:tenant");
      if (tenant != null && tenant.startsWith("dev-")) {
        owners.merge(tenant, 1L, Long::sum);
        assertEquals("claimed", tags.get(PoolTags.STATE));
      }
    }
    assertEquals(3, ready, "the pool holds its target, no more");
    assertEquals(10, owners.size(), "every dev tenant is up");
    owners.forEach((tenant, n) -> assertEquals(1L, n, tenant + " has exactly one account"));
    // every account is a pool account, a dev tenant's, management or production: none leaked
    assertEquals(2 + 3 + 10, accounts.size(), "no leaked account");
  }
}
