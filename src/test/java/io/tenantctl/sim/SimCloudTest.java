package io.tenantctl.sim;

import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.Stacks.Replacement;
import io.tenantctl.cloud.Stacks.ChangeAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Organization.AccountRequest;
import io.tenantctl.cloud.Organization.AccountRequest.State;
import io.tenantctl.cloud.RoleNotAssumableException;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.ChangeSet;
import io.tenantctl.cloud.Stacks.ChangeSetRequest;
import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.cloud.sim.SimulatedCrash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The simulation's own lifecycles, checked against what AWS does. */
class SimCloudTest {
  private static final Cloud.DeployRoleRef ROLE = new Cloud.DeployRoleRef("OrganizationAccountAccessRole",
      Optional.empty());
  private static final String V1 = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
      + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: v, Value: '1'}]\n";
  private static final String V2 = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
      + "    Properties:\n      Tags: [{Key: v, Value: '2'}]\n  Topic:\n    Type: AWS::SNS::Topic\n";

  @Test
  void theSameSeedGivesTheSameIdsAndADifferentSeedOthers() {
    var a = new SimCloud(SimConfig.seeded(1));
    var b = new SimCloud(SimConfig.seeded(1));
    assertEquals(a.managementAccountId(), b.managementAccountId());
    assertEquals(a.organization().rootId(), b.organization().rootId());
    assertEquals(a.addAccount("x", "x@example.com", "/A/B", Map.of()), b.addAccount("x", "x@example.com", "/A/B",
        Map.of()));
    assertNotEquals(a.managementAccountId(), new SimCloud(SimConfig.seeded(2)).managementAccountId());
    assertTrue(a.managementAccountId().matches("\\d{12}"));
    assertEquals("/A/B", a.ouPath(a.accountsWithEmail("x@example.com").get(0).id()));
  }

  @Test
  void organizationUnitsAndMovesFailLikeAws() {
    var sim = new SimCloud(SimConfig.seeded(1));
    var org = sim.organization();
    String root = org.rootId();
    var tenants = org.createUnit(root, "Tenants");
    var nested = org.createUnit(tenants.id(), "Enterprise");
    assertEquals(List.of(nested), org.childUnits(tenants.id()));
    assertEquals("DuplicateOrganizationalUnitException",
        assertThrows(CloudException.class, () -> org.createUnit(root, "Tenants")).errorCode());

    String id = sim.addAccount("a", "a@example.com", "/", Map.of());
    assertEquals("SourceParentNotFoundException",
        assertThrows(CloudException.class, () -> org.move(id, tenants.id(), nested.id())).errorCode());
    org.move(id, root, nested.id());
    assertEquals(nested.id(), org.parentOf(id));
    assertEquals("/Tenants/Enterprise", sim.ouPath(id));
    org.tag(id, Map.of("k", "v"));
    org.tag(id, Map.of("k2", "v2"));
    assertEquals(Map.of("k", "v", "k2", "v2"), org.tags(id));
  }

  @Test
  void withoutAnOrganizationOnlyDescribeAndCreateWork() {
    var sim = new SimCloud(SimConfig.seeded(1).withoutOrganization());
    var org = sim.organization();
    assertEquals(Optional.empty(), org.describe());
    assertEquals("AWSOrganizationsNotInUseException",
        assertThrows(CloudException.class, org::accounts).errorCode());
    var info = org.create();
    assertEquals(sim.managementAccountId(), info.managementAccountId());
    assertEquals(List.of(sim.managementAccountId()), org.accounts().stream().map(a -> a.id()).toList());
    assertEquals("AlreadyInOrganizationException", assertThrows(CloudException.class, org::create).errorCode());
  }

  @Test
  void anAccountRequestStaysInProgressForTheConfiguredPolls() {
    var sim = new SimCloud(SimConfig.seeded(1).accountCreationPolls(2));
    var org = sim.organization();
    var request = org.createAccount("t", "t@example.com", Map.of("tenantctl:tenant", "t"));
    assertEquals(State.IN_PROGRESS, request.state());
    assertEquals(State.IN_PROGRESS, org.accountRequest(request.requestId()).state());
    assertEquals(State.IN_PROGRESS, org.accountRequest(request.requestId()).state());
    assertTrue(sim.accountsWithEmail("t@example.com").isEmpty(), "not there while in progress");
    AccountRequest done = org.accountRequest(request.requestId());
    assertEquals(State.SUCCEEDED, done.state());
    assertEquals(List.of(done), org.accountRequests());
    String id = done.accountId().orElseThrow();
    assertEquals(Map.of("tenantctl:tenant", "t"), org.tags(id));
    assertEquals(org.rootId(), org.parentOf(id));
  }

  @Test
  void accountRequestsFailWithAwsReasons() {
    var sim = new SimCloud(SimConfig.seeded(1).accountCreationPolls(0).emailTakenOutsideOrganization("out@x.com"));
    var org = sim.organization();
    sim.addAccount("in", "in@x.com", "/", Map.of());
    assertEquals(Optional.of("EMAIL_ALREADY_EXISTS"), settle(org, "out@x.com").failureReason());
    assertEquals(Optional.of("EMAIL_ALREADY_EXISTS"), settle(org, "IN@x.com").failureReason());
    sim.config().failNextAccountCreation("CONCURRENT_ACCOUNT_MODIFICATION");
    assertEquals(Optional.of("CONCURRENT_ACCOUNT_MODIFICATION"), settle(org, "c@x.com").failureReason());
    sim.config().accountQuota(3);
    assertEquals(State.SUCCEEDED, settle(org, "third@x.com").state());
    assertEquals(Optional.of("ACCOUNT_LIMIT_EXCEEDED"), settle(org, "fourth@x.com").failureReason());
  }

  private static AccountRequest settle(io.tenantctl.cloud.Organization org, String email) {
    return org.accountRequest(org.createAccount(email, email, Map.of()).requestId());
  }

  @Test
  void aNewAccountsRoleIsRefusedAFewTimesAndOtherRolesAlways() {
    var sim = new SimCloud(SimConfig.seeded(1).accountCreationPolls(0).roleNotAssumableFor(2));
    var org = sim.organization();
    String id = settle(org, "n@x.com").accountId().orElseThrow();
    var account = sim.account(id, ROLE);
    assertThrows(RoleNotAssumableException.class, account::verify);
    assertThrows(RoleNotAssumableException.class, account::verify);
    assertEquals(id, account.verify().accountId());
    assertThrows(RoleNotAssumableException.class,
        () -> sim.account(id, new Cloud.DeployRoleRef("Other", Optional.empty())).verify());
    assertThrows(RoleNotAssumableException.class, () -> sim.account("123456789012", ROLE).verify());
    assertThrows(RoleNotAssumableException.class, () -> sim.account(sim.managementAccountId(), ROLE).verify());
  }

  @Test
  void changeSetsListWhatIsAddedModifiedAndRemoved() {
    var sim = new SimCloud(SimConfig.seeded(1));
    String account = sim.addAccount("a", "a@x.com", "/", Map.of());
    Stacks stacks = sim.account(account, ROLE).stacks("eu-west-1");
    List<Stacks.StackEvent> events = new ArrayList<>();
    var created = stacks.create(request("s", "c1", false, V1), events::add);
    assertEquals(StackStatus.CREATE_COMPLETE, created.status());
    assertEquals(List.of("s CREATE_IN_PROGRESS", "Queue CREATE_IN_PROGRESS", "Queue CREATE_COMPLETE",
        "Bucket CREATE_IN_PROGRESS", "Bucket CREATE_COMPLETE", "s CREATE_COMPLETE"),
        events.stream().map(e -> e.logicalId() + " " + e.status()).toList());

    ChangeSet cs = stacks.createChangeSet(request("s", "c2", false, V2));
    assertEquals(ChangeSet.Status.READY, cs.status());
    assertEquals(List.of(new ResourceChange(ChangeAction.MODIFY, "Bucket", "AWS::S3::Bucket", Replacement.NEVER),
        new ResourceChange(ChangeAction.ADD, "Topic", "AWS::SNS::Topic", Replacement.NEVER),
        new ResourceChange(ChangeAction.REMOVE, "Queue", "AWS::SQS::Queue", Replacement.NEVER)), cs.changes());
    assertEquals(StackStatus.UPDATE_COMPLETE, stacks.executeChangeSet("s", "c2", e -> { }).status());

    ChangeSet none = stacks.createChangeSet(request("s", "c3", false, V2));
    assertEquals(ChangeSet.Status.NO_CHANGES, none.status());
    assertTrue(none.reason().orElseThrow().contains("didn't contain changes"));
    assertEquals(List.of("c3"), sim.changeSets(account, "eu-west-1", "s"), "a FAILED one stays");
    sim.config().noChangesForm(SimConfig.NoChangesForm.REFUSED);
    assertEquals(Optional.empty(), stacks.createChangeSet(request("s", "c4", false, V2)).reason());
  }

  @Test
  void protectedAndRolledBackStacksAreRefusedLikeAws() {
    var sim = new SimCloud(SimConfig.seeded(1).failResource("bad-*", "Bucket", "no"));
    Stacks stacks = sim.account(sim.addAccount("a", "a@x.com", "/", Map.of()), ROLE).stacks("eu-west-1");
    stacks.create(request("good", "c", false, V1), e -> { });
    assertEquals("ValidationError",
        assertThrows(CloudException.class, () -> stacks.delete("good", e -> { })).errorCode());
    stacks.protect("good", false);
    stacks.delete("good", e -> { });
    assertEquals(Optional.empty(), stacks.describe("good"));

    assertEquals(StackStatus.ROLLBACK_COMPLETE, stacks.create(request("bad-1", "c", false, V1), e -> { }).status());
    var update = assertThrows(CloudException.class, () -> stacks.createChangeSet(request("bad-1", "u", false, V2)));
    assertEquals("ValidationError", update.errorCode());
    assertTrue(update.getMessage().contains("ROLLBACK_COMPLETE state and can not be updated"), update.getMessage());
  }

  @Test
  void aCrashComesRightAfterTheOperationTookEffect() {
    var sim = new SimCloud(SimConfig.seeded(1).crashAt("createAccount", 2));
    var org = sim.organization();
    org.createAccount("one", "one@x.com", Map.of());
    assertThrows(SimulatedCrash.class, () -> org.createAccount("two", "two@x.com", Map.of()));
    assertEquals(2, org.accountRequests().size(), "the crashed request was made");
    org.createAccount("three", "three@x.com", Map.of());
    assertEquals(3, sim.calls("createAccount"));
    assertEquals(3, sim.writes());
  }

  @Test
  void throttlingIsOptInAndSeeded() {
    assertEquals(List.of(), throttledCalls(0.0));
    List<Integer> first = throttledCalls(0.3);
    assertTrue(first.size() > 5 && first.size() < 60, first::toString);
    assertEquals(first, throttledCalls(0.3), "the same calls are throttled under the same seed");
  }

  private static List<Integer> throttledCalls(double p) {
    var sim = new SimCloud(SimConfig.seeded(9).throttling(p));
    List<Integer> throttled = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      try {
        sim.organization().accounts();
      } catch (CloudException e) {
        assertEquals("Throttling", e.errorCode());
        throttled.add(i);
      }
    }
    return throttled;
  }

  @Test
  void manyThreadsCreateAccountsWithoutLosingOne() throws Exception {
    var sim = new SimCloud(SimConfig.seeded(1).accountCreationPolls(1));
    var org = sim.organization();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AccountRequest>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String email = "t" + i + "@x.com";
        done.add(pool.submit(() -> {
          var r = org.createAccount(email, email, Map.of());
          org.accountRequest(r.requestId());
          return org.accountRequest(r.requestId());
        }));
      }
      for (var f : done) {
        assertEquals(State.SUCCEEDED, f.get().state());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(41, org.accounts().size());
    assertEquals(41, Set.copyOf(org.accounts().stream().map(a -> a.id()).toList()).size());
  }

  private static ChangeSetRequest request(String stack, String name, boolean newStack, String body) {
    return new ChangeSetRequest(stack, name, newStack, body, Map.of(), Map.of("t", "1"), Set.of());
  }
}
