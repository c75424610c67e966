package io.tenantctl.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.tenant.TenantBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that can create an account checks the organization's account quota before it makes one, and the
 * plan it shows is what it does: pool accounts it counts on are claimed, new accounts it lists are made.
 */
class AccountQuotaSimTest {
  @TempDir Path state;

  private SimFleet fleet(int quota) {
    // Service Quotas answers: management and production exist, so quota - 2 accounts are left
    return new SimFleet(new SimCloud(SimConfig.seeded(51).accountCreationPolls(1).roleNotAssumableFor(1)
        .accountQuota(quota).serviceQuotasReadable(true)), state);
  }

  @Test
  void createsPlanRefusesMoreNewAccountsThanTheQuotaLeavesNamingQuotaAndHeadroom() {
    SimFleet fleet = fleet(3);
    var tenants = List.of(fleet.tenant("acme"), fleet.tenant("globex"), fleet.tenant("initech"));

    Fault f = assertThrows(Fault.class, () -> fleet.onboarding().plan(tenants, 1, Progress.NONE));

    assertEquals(ExitCode.FAILED, f.exitCode());
    assertTrue(f.getMessage().startsWith("create would create 3 accounts, beyond the organization's account quota:"),
        f.getMessage());
    assertTrue(f.getMessage().endsWith("2 accounts of 3 allowed (Service Quotas): 1 left"), f.getMessage());
    assertTrue(f.fix().orElseThrow().contains("raise the quota"), f.fix().orElseThrow());
    assertEquals(0, fleet.cloud.calls("createAccount"));
  }

  @Test
  void aPoolAccountTheClaimCanTakeIsNotCountedAgainstTheQuota() {
    SimFleet fleet = fleet(4);
    fleet.cloud.addAccount("by-hand", "pool-1@example.com", "/Pool", Map.of());

    var plan = fleet.onboarding().plan(List.of(fleet.tenant("acme"), fleet.tenant("globex")), 1, Progress.NONE);

    assertEquals(1, plan.accountsCreated(), "one from the pool, one new: 3 of 4, within the quota");
  }

  @Test
  void devUpRefusesToCreateAnAccountBeyondTheQuota() {
    SimFleet fleet = fleet(2);
    var dev = fleet.services().dev();

    Fault f = assertThrows(Fault.class, () -> dev.up("alice", Duration.ofHours(1), new Steps()));

    assertTrue(f.getMessage().startsWith("dev up would create 1 account, beyond the organization's account quota"),
        f.getMessage());
    assertEquals(0, fleet.cloud.calls("createAccount"));
  }

  @Test
  void aTenantThePlanShowedTakingAPoolAccountNeverCreatesOneWhenOthersTookThemAll() {
    SimFleet fleet = fleet(100);
    String free = fleet.cloud.addAccount("by-hand", "pool-1@example.com", "/Pool", Map.of());
    var acme = fleet.tenant("acme");
    var plan = fleet.onboarding().plan(List.of(acme), 1, Progress.NONE);
    assertEquals(OnboardingPlan.AccountStep.FROM_POOL, plan.tenants().get(0).account());
    var dev = fleet.services().dev();
    dev.up("alice", Duration.ofHours(1), new Steps()); // takes the pool's one account meanwhile
    assertEquals("dev-alice", fleet.cloud.accountTags(free).get("tenantctl:tenant"));
    int created = fleet.cloud.calls("createAccount");

    Fault f = assertThrows(Fault.class,
        () -> fleet.onboarding().onboard(plan, List.of(acme), new TenantBatch(1), new Steps()));

    assertTrue(f.getMessage().contains("the plan took an account from the pool"), f.getMessage());
    assertEquals(created, fleet.cloud.calls("createAccount"), "nothing the operator did not see is created");
  }

  @Test
  void aTenantThePlanShowedCreatingAnAccountDoesNotTakeOneThatReachedThePoolMeanwhile() {
    SimFleet fleet = fleet(100);
    var acme = fleet.tenant("acme");
    var plan = fleet.onboarding().plan(List.of(acme), 1, Progress.NONE);
    assertEquals(OnboardingPlan.AccountStep.CREATE, plan.tenants().get(0).account());
    String arrived = fleet.cloud.addAccount("by-hand", "pool-1@example.com", "/Pool", Map.of());

    var done = fleet.onboarding().onboard(plan, List.of(acme), new TenantBatch(1), new Steps());

    assertEquals(AccountVendor.How.CREATED, done.outcomes().get(0).result().orElseThrow().how());
    assertEquals(Optional.empty(), Optional.ofNullable(fleet.cloud.accountTags(arrived).get("tenantctl:tenant")));
  }
}
