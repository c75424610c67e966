package io.tenantctl.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.org.AccountEvent;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.stacks.StackDeployer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create} on the simulated cloud: slow account creation, a role that is late, the baseline stack. */
class OnboardingSimTest {
  private static final String EMAIL = "aws+acme@example.com";

  @TempDir Path state;
  SimCloud sim;
  SimFleet fleet;

  @BeforeEach
  void setUp() {
    sim = new SimCloud(SimConfig.seeded(11).accountCreationPolls(4).roleNotAssumableFor(3));
    fleet = new SimFleet(sim, state);
  }

  @Test
  void onboardsAcmeThroughSlowAccountCreationAndALateRole() {
    Steps steps = new Steps();

    var done = fleet.onboarding().onboard(fleet.tenant("acme"), steps);

    String id = done.accountId();
    assertEquals(AccountVendor.How.CREATED, done.how());
    assertEquals(Optional.of("/"), done.movedFrom());
    assertEquals(StackDeployer.Result.CREATED, done.baseline().result());
    assertEquals(5, sim.calls("accountRequest"), "four polls IN_PROGRESS, then SUCCEEDED");
    assertEquals(4, sim.calls("verify"), "the role was refused three times");

    var accounts = sim.accountsWithEmail(EMAIL);
    assertEquals(1, accounts.size());
    assertEquals(id, accounts.get(0).id());
    assertTrue(id.matches("\\d{12}"), id);
    assertEquals("/Tenants/Enterprise", sim.ouPath(id));
    Map<String, String> tags = sim.accountTags(id);
    assertEquals("acme", tags.get("tenantctl:tenant"));
    assertEquals("canary", tags.get("tenantctl:wave"));
    assertEquals("4711", tags.get("cost-center"));

    String stack = fleet.baselineStack("acme");
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), sim.stackStatus(id, "us-east-1", stack));
    assertTrue(sim.terminationProtected(id, "us-east-1", stack), "tenant stacks are protected from deletion");
    List<StackEvent> bucket = sim.stackEvents(id, "us-east-1", stack).stream()
        .filter(e -> e.logicalId().equals("DataBucket")).toList();
    assertEquals(List.of("CREATE_IN_PROGRESS", "CREATE_COMPLETE"), bucket.stream().map(StackEvent::status).toList());

    assertTrue(steps.saidStep("acme: creating account tenant-acme <" + EMAIL + ">"), steps::toString);
    assertTrue(steps.saidStep("/Tenants/Enterprise: creating organizational unit"), steps::toString);
    assertTrue(steps.saidStep("acme: account " + id + " is ready"), steps::toString);
    assertTrue(steps.saidStep("acme: moving account " + id + " from / to /Tenants/Enterprise"), steps::toString);
    assertTrue(steps.saidStep(id + ": waiting for role OrganizationAccountAccessRole to become assumable"),
        steps::toString);
    assertEquals(1, steps.steps.stream().filter(s -> s.contains("waiting for role")).count(), "said once");
    assertTrue(steps.saidStep(stack + ": creating stack in us-east-1"), steps::toString);
    assertTrue(steps.saidStep(stack + ": DataBucket AWS::S3::Bucket CREATE_COMPLETE"), steps::toString);
  }

  @Test
  void aReRunChangesNothingAndSaysNothing() {
    fleet.onboarding().onboard(fleet.tenant("acme"), new Steps());
    int writes = sim.writes();
    Steps steps = new Steps();

    var again = fleet.onboarding().onboard(fleet.tenant("acme"), steps);

    assertEquals(writes, sim.writes(), "no mutating call: " + sim.calls());
    assertEquals(AccountVendor.How.FOUND_BY_TAG, again.how());
    assertEquals(StackDeployer.Result.UNCHANGED, again.baseline().result());
    assertFalse(again.changedAnything());
    assertEquals(List.of(), steps.steps);
    assertEquals(1, sim.accountsWithEmail(EMAIL).size());
  }

  @Test
  void aResumedRequestThatMadeTheProductionAccountIsRefusedBeforeAnyTagOrMove() {
    // the production account made by bootstrap's request; a journal (e.g. written by an older tenantctl that keyed
    // requests by name alone) hands that request to tenant acme
    var sim = new SimCloud(SimConfig.seeded(12).accountCreationPolls(0));
    var request = sim.organization().createAccount("production", SimFleet.samples().fleet().production().email()
        .orElseThrow(), Map.of());
    sim.settleAccountRequests();
    String production = sim.organization().accountRequest(request.requestId()).accountId().orElseThrow();
    var fleet = new SimFleet(sim, state, production);
    fleet.state().journal(AccountVendor.JOURNAL, AccountEvent.class).append("TENANT:acme",
        new AccountEvent.Requested(AccountVendor.Purpose.TENANT, "acme", request.requestId()));

    var fault = assertThrows(Fault.class, () -> fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE));

    assertEquals(ExitCode.ISOLATION, fault.exitCode());
    assertTrue(fault.getMessage().contains("account " + production + " is the production account"),
        fault.getMessage());
    assertEquals(Map.of(), sim.accountTags(production), "production was not tagged");
    assertEquals("/", sim.ouPath(production), "production was not moved");
    assertEquals(0, sim.calls("tag") + sim.calls("move") + sim.calls("createUnit"), sim.calls()::toString);
  }

  @Test
  void twoRunsOnboardingOneTenantAtOnceMakeOneAccount() throws Exception {
    // two processes on one checkout: each its own services, one state directory; CreateAccount is slow to answer
    sim.config().latency("createAccount", java.time.Duration.ofMillis(300));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var runs = List.of(pool.submit(() -> fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE)),
          pool.submit(() -> fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE)));
      String first = runs.get(0).get().accountId();
      String second = runs.get(1).get().accountId();

      assertEquals(first, second);
      assertEquals(1, sim.calls("createAccount"), "one CreateAccount: " + sim.calls());
      assertEquals(1, sim.accountsWithEmail(EMAIL).size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAccountWithTheTenantsEmailIsMovedAndTaggedNotDuplicated() {
    String existing = sim.addAccount("globex-legacy", "aws+globex@example.com", "/", Map.of());
    Steps steps = new Steps();

    var done = fleet.onboarding().onboard(fleet.tenant("globex"), steps);

    assertEquals(existing, done.accountId());
    assertEquals(AccountVendor.How.FOUND_BY_EMAIL, done.how());
    assertTrue(done.tagged());
    assertEquals(0, sim.calls("createAccount"));
    assertEquals("/Tenants/Standard", sim.ouPath(existing));
    assertEquals("globex", sim.accountTags(existing).get("tenantctl:tenant"));
    assertTrue(steps.saidStep("globex: tagging account " + existing), steps::toString);
  }
}
