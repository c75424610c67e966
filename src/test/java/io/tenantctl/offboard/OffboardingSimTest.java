package io.tenantctl.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.cloud.sim.SimulatedCrash;
import io.tenantctl.core.Fault;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code delete}: refusals, reverse-order deletion, quarantine, closure within the quota, crash and re-run. */
class OffboardingSimTest {
  @TempDir Path state;

  private static final String APP = "tenantctl-acme-app";
  private static final String BASELINE = "tenantctl-acme-baseline";

  /** acme onboarded with both its stacks. */
  private String onboardAcme(SimFleet fleet) {
    String id = fleet.onboarding().onboard(fleet.tenant("acme"), new Steps()).accountId();
    fleet.services().deployment().deploy(fleet.tenant("acme"), Optional.empty(), new Steps());
    return id;
  }

  private Offboarding.Deleted delete(SimFleet fleet, boolean close, Steps steps) {
    return fleet.services().offboarding().delete("acme", Optional.of(fleet.tenant("acme")), close, steps);
  }

  @Test
  void deletesTheStacksInReverseOrderAndQuarantinesTheTaggedAccount() {
    SimCloud sim = new SimCloud(SimConfig.seeded(21));
    SimFleet fleet = new SimFleet(sim, state);
    String id = onboardAcme(fleet);
    assertTrue(sim.terminationProtected(id, "us-east-1", APP));
    Steps steps = new Steps();

    var done = delete(fleet, false, steps);

    assertEquals(List.of(APP, BASELINE), done.deletedStacks(), "the last deployed is deleted first");
    assertTrue(steps.saidStep("acme: will delete stacks " + APP + ", " + BASELINE + " (in that order), move account "
        + id + " to /Quarantine and tag it"), steps::toString);
    assertEquals(Optional.empty(), sim.stackStatus(id, "us-east-1", APP));
    assertEquals(Optional.empty(), sim.stackStatus(id, "us-east-1", BASELINE));
    assertEquals("/Quarantine", sim.ouPath(id));
    Map<String, String> tags = sim.accountTags(id);
    assertTrue(tags.containsKey(Offboarding.OFFBOARDED_AT));
    assertEquals("arn:aws:iam::" + sim.managementAccountId() + ":user/sim-operator",
        tags.get(Offboarding.OFFBOARDED_BY));
    assertEquals("ACTIVE", done.accountStatus());
    assertFalse(tags.containsKey("tenantctl:pool-state"), "a customer's account never goes to the pool");
  }

  @Test
  void closesTheAccountWithinTheQuota() {
    SimCloud sim = new SimCloud(SimConfig.seeded(22));
    SimFleet fleet = new SimFleet(sim, state);
    String id = onboardAcme(fleet);
    var done = delete(fleet, true, new Steps());
    assertEquals("PENDING_CLOSURE", done.accountStatus(), "waited until it left ACTIVE");
    assertEquals("SUSPENDED", sim.organization().accountStatus(id));
    assertTrue(sim.accountTags(id).containsKey(ClosureQuota.CLOSED_AT));
    assertEquals(1, sim.calls("closeAccount"));

    var again = delete(fleet, true, new Steps());
    assertTrue(again.alreadyDone());
    assertEquals(1, sim.calls("closeAccount"), "a re-run closes nothing twice");
  }

  @Test
  void aClosureBeyondTheQuotaIsRefusedWithTheFiguresBeforeAnythingChanges() {
    SimCloud sim = new SimCloud(SimConfig.seeded(23));
    SimFleet fleet = new SimFleet(sim, state);
    String id = onboardAcme(fleet);
    Instant earliest = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      String other = sim.addAccount("old-" + i, "old-" + i + "@example.com", "/Quarantine", Map.of());
      sim.organization().closeAccount(other);
      if (i == 0) {
        sim.organization().tag(other, Map.of(ClosureQuota.CLOSED_AT, earliest.toString()));
      }
    }
    // one closed 40 days ago no longer counts
    String old = sim.addAccount("older", "older@example.com", "/Quarantine", Map.of());
    sim.organization().closeAccount(old);
    sim.organization().tag(old, Map.of(ClosureQuota.CLOSED_AT, Instant.now().minus(Duration.ofDays(40)).toString()));

    Fault f = assertThrows(Fault.class, () -> delete(fleet, true, new Steps()));

    assertEquals("closing account " + id + " would exceed the organization's closure quota: 10 closed in the last 30"
        + " days (suspended accounts count) of 10 allowed (10% of 13 member accounts, at least 10, at most 1,000); a"
        + " slot frees at " + earliest.plus(Duration.ofDays(30)), f.getMessage());
    assertEquals(0, sim.calls("closeAccount") - 11);
    assertTrue(sim.stackStatus(id, "us-east-1", APP).isPresent(), "refused before anything was deleted");
  }

  @Test
  void quotaArithmetic() {
    var accounts = new java.util.ArrayList<io.tenantctl.cloud.Organization.Account>();
    accounts.add(new io.tenantctl.cloud.Organization.Account("000000000000", "mgmt", "m@x", "ACTIVE"));
    for (int i = 0; i < 250; i++) {
      accounts.add(new io.tenantctl.cloud.Organization.Account(String.format("%012d", i + 1), "a", "a@x",
          i < 24 ? "SUSPENDED" : "ACTIVE"));
    }
    var q = ClosureQuota.of(accounts, Map.of(), "000000000000", "", Instant.now());
    assertEquals(250, q.members(), "suspended accounts are still members");
    assertEquals(25, q.limit());
    assertEquals(24, q.used());
    assertTrue(q.allowsOne());
  }

  @ParameterizedTest
  @ValueSource(strings = {"protect", "delete", "move", "tag", "closeAccount", "accountStatus", "resources"})
  void aCrashAtAnyStepFollowedByAReRunFinishesTheJob(String operation) {
    SimCloud sim = new SimCloud(SimConfig.seeded(24));
    SimFleet fleet = new SimFleet(sim, state);
    String id = onboardAcme(fleet);
    sim.config().crashAt(operation, 1);
    assertThrows(SimulatedCrash.class, () -> delete(fleet, true, new Steps()));

    var done = delete(fleet, true, new Steps());

    assertEquals("SUSPENDED", sim.organization().accountStatus(id));
    assertEquals("/Quarantine", sim.ouPath(id));
    assertEquals(Optional.empty(), sim.stackStatus(id, "us-east-1", APP));
    assertEquals(Optional.empty(), sim.stackStatus(id, "us-east-1", BASELINE));
    assertTrue(sim.accountTags(id).containsKey(Offboarding.OFFBOARDED_AT));
    assertEquals(1, sim.calls("closeAccount"), "closed once");
    assertFalse(done.accountStatus().equals("ACTIVE"));
  }

  @Test
  void refusesManagementProductionAndUnmanagedAccounts() {
    SimCloud sim = new SimCloud(SimConfig.seeded(25));
    SimFleet fleet = new SimFleet(sim, state);
    var off = fleet.services().offboarding();
    String stranger = sim.addAccount("stranger", "stranger@example.com", "/", Map.of());

    Fault management = assertThrows(Fault.class, () -> off.delete(sim.managementAccountId(), Optional.empty(), true,
        new Steps()));
    assertEquals("refusing to delete " + sim.managementAccountId() + ": account " + sim.managementAccountId()
        + " is the organization's management account", management.getMessage());
    Fault production = assertThrows(Fault.class, () -> off.delete(fleet.productionAccountId, Optional.empty(),
        false, new Steps()));
    assertTrue(production.getMessage().endsWith("is production, which every tenant reads from"),
        production.getMessage());
    Fault unmanaged = assertThrows(Fault.class, () -> off.delete(stranger, Optional.empty(), false, new Steps()));
    assertEquals("refusing to delete " + stranger + ": account " + stranger + " has no tenantctl:tenant tag, so"
        + " tenantctl does not manage it", unmanaged.getMessage());
    Fault unknown = assertThrows(Fault.class, () -> off.delete("globex", Optional.empty(), false, new Steps()));
    assertEquals("refusing to delete globex: no account in this organization is tagged tenantctl:tenant=globex",
        unknown.getMessage());
    assertEquals(0, sim.calls("closeAccount") + sim.calls("move") + sim.calls("delete"));
  }

  @Test
  void withoutTheExactConfirmationNothingIsDoneAndItExitsTwo(@TempDir Path dir) {
    Cli cli = Cli.onSamples(dir).forbidCloud();
    var wrong = cli.run("delete", "acme", "--confirm", "acm");
    assertEquals(2, wrong.exitCode(), wrong::toString);
    assertTrue(wrong.err().contains("--confirm acm does not match acme: nothing was done"), wrong::toString);
    var missing = cli.run("delete", "acme");
    assertEquals(2, missing.exitCode(), missing::toString);
    assertTrue(missing.err().contains("--confirm"), missing::toString);
    assertEquals(0, cli.cloudsRequested());
  }
}
