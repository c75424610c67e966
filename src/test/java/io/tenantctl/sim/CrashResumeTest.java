package io.tenantctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.cloud.sim.SimulatedCrash;
import io.tenantctl.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code create} stopped at every step, then run again by a fresh process on the same cloud and journal:
 * it converges, and never makes a second account.
 */
class CrashResumeTest {
  private static final int POLLS = 3;

  @TempDir Path state;

  private SimFleet fleet(SimConfig config) {
    return new SimFleet(new SimCloud(config.accountCreationPolls(POLLS).roleNotAssumableFor(2)), state);
  }

  @ParameterizedTest(name = "crash after {0} #{1}, cloud settled meanwhile: {2}")
  @CsvSource({
      "createAccount, 1, false",
      "createAccount, 1, true",
      "accountRequest, 1, false",
      "accountRequest, 1, true",
      "accountRequest, 4, false",
      "createUnit, 1, false",
      "createUnit, 2, false",
      "move, 1, false",
      "verify, 1, false",
      "create, 1, false"})
  void aNewTenantConvergesToOneAccount(String operation, int occurrence, boolean settled) {
    var fleet = fleet(SimConfig.seeded(3).crashAt(operation, occurrence));
    var acme = fleet.tenant("acme");

    assertThrows(SimulatedCrash.class, () -> fleet.onboarding().onboard(acme, Progress.NONE));
    if (settled) {
      fleet.cloud.settleAccountRequests();
    }
    var done = fleet.onboarding().onboard(acme, Progress.NONE);

    assertOnboarded(fleet, "acme", "aws+acme@example.com", "/Tenants/Enterprise", done.accountId());
    assertEquals(1, fleet.cloud.calls("createAccount"), "one CreateAccount in all: " + fleet.cloud.calls());
  }

  @ParameterizedTest(name = "crash after {0} #{1}, settled meanwhile: {2}, journal kept: {3}")
  @CsvSource({
      "createAccount, 1, false, true",
      "createAccount, 1, false, false",
      "createAccount, 1, true, true",
      "createAccount, 1, true, false",
      "accountRequest, 1, false, false",
      "accountRequest, 4, false, false",
      "accountRequest, 4, true, false"})
  void aCrashWhileTheAccountIsMadeNeverLeadsToASecondCreateAccountJournalOrNot(String operation, int occurrence,
      boolean settled, boolean journalKept) throws IOException {
    // a new account is listed only a while after its request succeeded, as on AWS
    var fleet = fleet(SimConfig.seeded(6).newAccountsUnlistedFor(3).crashAt(operation, occurrence));
    var acme = fleet.tenant("acme");

    assertThrows(SimulatedCrash.class, () -> fleet.onboarding().onboard(acme, Progress.NONE));
    if (settled) {
      fleet.cloud.settleAccountRequests();
    }
    if (!journalKept) {
      deleteContents(state);
    }
    var done = fleet.onboarding().onboard(acme, Progress.NONE);

    assertEquals(1, fleet.cloud.calls("createAccount"), "one CreateAccount in all: " + fleet.cloud.calls());
    assertOnboarded(fleet, "acme", "aws+acme@example.com", "/Tenants/Enterprise", done.accountId());
  }

  private static void deleteContents(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  @ParameterizedTest(name = "crash after {0}")
  @CsvSource({"move", "tag", "create"})
  void anAccountFoundByEmailConverges(String operation) {
    var fleet = fleet(SimConfig.seeded(4).crashAt(operation, 1));
    String existing = fleet.cloud.addAccount("globex-legacy", "aws+globex@example.com", "/", Map.of());
    var globex = fleet.tenant("globex");

    assertThrows(SimulatedCrash.class, () -> fleet.onboarding().onboard(globex, Progress.NONE));
    var done = fleet.onboarding().onboard(globex, Progress.NONE);

    assertEquals(existing, done.accountId());
    assertOnboarded(fleet, "globex", "aws+globex@example.com", "/Tenants/Standard", existing);
    assertEquals(0, fleet.cloud.calls("createAccount"));
  }

  @Test
  void aPoolAccountCrashedAfterTaggingIsFoundAgain() {
    var fleet = fleet(SimConfig.seeded(5).crashAt("tag", 1));
    String pooled = fleet.cloud.addAccount("pool-1", "pool-1@example.com", "/Pool", Map.of());
    var acme = fleet.tenant("acme");

    assertThrows(SimulatedCrash.class, () -> fleet.onboarding().onboard(acme, Progress.NONE));
    var done = fleet.onboarding().onboard(acme, Progress.NONE);

    assertEquals(pooled, done.accountId());
    assertOnboarded(fleet, "acme", "pool-1@example.com", "/Tenants/Enterprise", pooled);
    assertEquals(0, fleet.cloud.calls("createAccount"));
  }

  @Test
  void aPoolAccountCrashedAfterTheMoveIsNotOrphaned() {
    var fleet = fleet(SimConfig.seeded(5).crashAt("move", 1));
    String pooled = fleet.cloud.addAccount("pool-1", "pool-1@example.com", "/Pool", Map.of());
    var acme = fleet.tenant("acme");

    assertThrows(SimulatedCrash.class, () -> fleet.onboarding().onboard(acme, Progress.NONE));
    var done = fleet.onboarding().onboard(acme, Progress.NONE);

    assertEquals(pooled, done.accountId(), "the pool account the first run took");
    assertEquals(0, fleet.cloud.calls("createAccount"), "no second account");
    assertOnboarded(fleet, "acme", "pool-1@example.com", "/Tenants/Enterprise", pooled);
  }

  private static void assertOnboarded(SimFleet fleet, String tenant, String email, String ou, String accountId) {
    SimCloud sim = fleet.cloud;
    var withEmail = sim.accountsWithEmail(email);
    assertEquals(1, withEmail.size(), "exactly one account with " + email);
    assertEquals(accountId, withEmail.get(0).id());
    List<String> tagged = sim.allAccounts().stream()
        .filter(a -> tenant.equals(sim.accountTags(a.id()).get("tenantctl:tenant"))).map(a -> a.id()).toList();
    assertEquals(List.of(accountId), tagged, "exactly one account tagged for " + tenant);
    assertEquals(ou, sim.ouPath(accountId));
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), sim.stackStatus(accountId, "us-east-1", fleet.baselineStack(tenant)));
    assertEquals(true, sim.terminationProtected(accountId, "us-east-1", fleet.baselineStack(tenant)));
  }
}
