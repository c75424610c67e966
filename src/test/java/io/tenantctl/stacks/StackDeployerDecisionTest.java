package io.tenantctl.stacks;

import static io.tenantctl.stacks.StackDeployer.Decision.CONTINUE_ROLLBACK;
import static io.tenantctl.stacks.StackDeployer.Decision.CREATE;
import static io.tenantctl.stacks.StackDeployer.Decision.LEAVE;
import static io.tenantctl.stacks.StackDeployer.Decision.RECREATE;
import static io.tenantctl.stacks.StackDeployer.Decision.REFUSE;
import static io.tenantctl.stacks.StackDeployer.Decision.UPDATE;
import static io.tenantctl.stacks.StackDeployer.Decision.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.StackState;
import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Fault;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.stacks.StackDeployer.Decision;
import io.tenantctl.stacks.StackDeployer.Result;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the deployer does with a stack in each of CloudFormation's statuses: the decision, then the outcome. */
class StackDeployerDecisionTest {
  private static final String REGION = "us-east-1";
  private static final Map<StackStatus, Decision> DECISION = new EnumMap<>(StackStatus.class);
  /** The outcome of a deploy of the plan the stack was deployed with, and of a changed plan; null: refused. */
  private static final Map<StackStatus, Result[]> OUTCOME = new EnumMap<>(StackStatus.class);

  static {
    for (StackStatus s : new StackStatus[] {StackStatus.CREATE_IN_PROGRESS, StackStatus.UPDATE_IN_PROGRESS,
        StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, StackStatus.UPDATE_ROLLBACK_IN_PROGRESS,
        StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, StackStatus.IMPORT_IN_PROGRESS}) {
      row(s, WAIT, Result.UNCHANGED, Result.UPDATED);
    }
    // the rollback of an import leaves tags that need not match the template: CloudFormation is asked
    row(StackStatus.IMPORT_ROLLBACK_IN_PROGRESS, WAIT, Result.UNCHANGED, Result.UPDATED);
    row(StackStatus.ROLLBACK_IN_PROGRESS, WAIT, Result.CREATED, Result.CREATED);
    row(StackStatus.DELETE_IN_PROGRESS, WAIT, Result.CREATED, Result.CREATED);
    for (StackStatus s : new StackStatus[] {StackStatus.CREATE_COMPLETE, StackStatus.UPDATE_COMPLETE,
        StackStatus.IMPORT_COMPLETE, StackStatus.UPDATE_ROLLBACK_COMPLETE}) {
      row(s, LEAVE, Result.UNCHANGED, Result.UPDATED);
    }
    row(StackStatus.IMPORT_ROLLBACK_COMPLETE, UPDATE, Result.UNCHANGED, Result.UPDATED);
    row(StackStatus.ROLLBACK_COMPLETE, RECREATE, Result.CREATED, Result.CREATED);
    row(StackStatus.REVIEW_IN_PROGRESS, RECREATE, Result.CREATED, Result.CREATED);
    row(StackStatus.DELETE_COMPLETE, CREATE, Result.CREATED, Result.CREATED);
    row(StackStatus.UPDATE_ROLLBACK_FAILED, CONTINUE_ROLLBACK, Result.UNCHANGED, Result.UPDATED);
    for (StackStatus s : new StackStatus[] {StackStatus.CREATE_FAILED, StackStatus.ROLLBACK_FAILED,
        StackStatus.DELETE_FAILED, StackStatus.UPDATE_FAILED, StackStatus.IMPORT_ROLLBACK_FAILED,
        StackStatus.UNKNOWN}) {
      row(s, REFUSE, null, null);
    }
  }

  private static void row(StackStatus status, Decision decision, Result asDeployed, Result changed) {
    DECISION.put(status, decision);
    OUTCOME.put(status, new Result[] {asDeployed, changed});
  }

  private final SimFleet fleet = new SimFleet(new SimCloud(SimConfig.seeded(7)), java.nio.file.Path.of("unused"));
  private final SimCloud sim = fleet.cloud;
  private final String account = sim.addAccount("acme", "aws+acme@example.com", "/Tenants", Map.of());
  private final StackPlan plan = new StackPlans(fleet.manifests.fleet()).plan(fleet.tenant("acme"), "app");

  @Test
  void everyStatusHasARow() {
    for (StackStatus s : StackStatus.values()) {
      assertTrue(DECISION.containsKey(s), s + " has no expected decision");
    }
  }

  @ParameterizedTest
  @EnumSource(StackStatus.class)
  void theDecisionForEachStatus(StackStatus status) {
    StackState tagged = new StackState(plan.stackName(), "id", status, Optional.empty(), plan.parameters(),
        plan.stackTags(), Map.of());
    Decision expected = DECISION.get(status);
    assertEquals(expected, StackDeployer.decide(Optional.of(tagged), plan, false), status::name);
    // forced past the fingerprint, a stack that would be left alone is updated; nothing else changes
    assertEquals(expected == LEAVE ? UPDATE : expected, StackDeployer.decide(Optional.of(tagged), plan, true),
        status::name);
    StackState stale = new StackState(plan.stackName(), "id", status, Optional.empty(), plan.parameters(),
        Map.of(StackPlan.FINGERPRINT_TAG, "0000"), Map.of());
    assertEquals(expected == LEAVE ? UPDATE : expected, StackDeployer.decide(Optional.of(stale), plan, false),
        status::name);
  }

  @Test
  void noStackIsCreated() {
    assertEquals(CREATE, StackDeployer.decide(Optional.empty(), plan, false));
  }

  @ParameterizedTest
  @EnumSource(StackStatus.class)
  void aStackLeftInEachStatusByTheSamePlanEndsAsPlannedOrIsRefusedWithAFix(StackStatus status) {
    sim.putStack(account, REGION, plan.stackName(), status, plan.templateBody(), plan.parameters(), plan.stackTags());
    deployAndCheck(status, plan, OUTCOME.get(status)[0]);
  }

  @ParameterizedTest
  @EnumSource(StackStatus.class)
  void aStackLeftInEachStatusByAnOlderPlanEndsAsPlannedOrIsRefusedWithAFix(StackStatus status) {
    Map<String, String> older = new HashMap<>(plan.parameters());
    older.put("AppVersion", "0.9.0");
    StackPlan before = new StackPlan(plan.stackName(), plan.region(), plan.templateBody(), older,
        plan.secretParameters(), plan.tags());
    sim.putStack(account, REGION, plan.stackName(), status, before.templateBody(), before.parameters(),
        before.stackTags());
    deployAndCheck(status, plan, OUTCOME.get(status)[1]);
  }

  private void deployAndCheck(StackStatus status, StackPlan plan, Result expected) {
    Steps steps = new Steps();
    if (expected == null) {
      int writes = sim.writes();
      Fault f = assertThrows(Fault.class, () -> new StackDeployer().deploy(stacks(), plan, steps));
      assertTrue(f.getMessage().contains(plan.stackName() + " is " + status), f.getMessage());
      assertTrue(f.fix().orElse("").contains("re-run"), "a fix line: " + f.fix());
      assertEquals(writes, sim.writes(), "a refused stack is not touched");
      assertEquals(Optional.of(status), sim.stackStatus(account, REGION, plan.stackName()));
      return;
    }
    var outcome = new StackDeployer().deploy(stacks(), plan, steps);
    assertEquals(expected, outcome.result(), steps::toString);
    var now = sim.stack(account, REGION, plan.stackName()).orElseThrow();
    assertTrue(now.status().standsAsTagged() || now.status() == StackStatus.IMPORT_ROLLBACK_COMPLETE, now::toString);
    assertEquals(plan.parameters(), now.parameters());
    assertEquals(status.inProgress(), steps.saidStep("waiting for the operation under way to finish (" + status
        + ")"), steps::toString);
    if (expected == Result.UNCHANGED && now.status() != StackStatus.IMPORT_ROLLBACK_COMPLETE) {
      assertEquals(0, sim.calls("createChangeSet"), "the fingerprint decided: " + sim.calls());
    }
    assertFalse(sim.changeSets(account, REGION, plan.stackName()).iterator().hasNext(), "no change set left");
  }

  private Stacks stacks() {
    return sim.account(account, new Cloud.DeployRoleRef("OrganizationAccountAccessRole", Optional.empty()))
        .stacks(REGION);
  }
}
