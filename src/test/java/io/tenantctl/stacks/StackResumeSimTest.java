package io.tenantctl.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.cloud.sim.SimulatedCrash;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A deploy that stopped half-way, run again; and the deployed template, read back. */
class StackResumeSimTest {
  private static final String REGION = "us-east-1";
  private final SimFleet fleet = new SimFleet(new SimCloud(SimConfig.seeded(5)), Path.of("unused"));
  private final SimCloud sim = fleet.cloud;
  private final String account = sim.addAccount("acme", "aws+acme@example.com", "/Tenants", Map.of());
  private final StackPlan plan = new StackPlans(fleet.manifests.fleet()).plan(fleet.tenant("acme"), "app");

  private Stacks stacks() {
    return sim.account(account, new Cloud.DeployRoleRef("OrganizationAccountAccessRole", Optional.empty()))
        .stacks(REGION);
  }

  private StackPlan version(String v) {
    Map<String, String> params = new HashMap<>(plan.parameters());
    params.put("AppVersion", v);
    return new StackPlan(plan.stackName(), plan.region(), plan.templateBody(), params, plan.secretParameters(),
        plan.tags());
  }

  @Test
  void aRunThatStoppedAfterMakingItsChangeSetIsResumedWithThatChangeSet() {
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    StackPlan next = version("2.0.0");
    sim.config().crashAt("createChangeSet", 1);
    assertThrows(SimulatedCrash.class, () -> new StackDeployer().deploy(stacks(), next, Progress.NONE));
    assertEquals(List.of(StackDeployer.changeSetName(next)), sim.changeSets(account, REGION, plan.stackName()),
        "the change set is named after the plan");

    Steps steps = new Steps();
    var outcome = new StackDeployer().deploy(stacks(), next, steps);

    assertEquals(StackDeployer.Result.UPDATED, outcome.result());
    assertEquals(1, sim.calls("createChangeSet"), "its own change set is reused, not made again");
    assertTrue(steps.saidStep("reusing change set " + StackDeployer.changeSetName(next)), steps::toString);
    assertEquals("2.0.0", sim.stack(account, REGION, plan.stackName()).orElseThrow().parameters().get("AppVersion"));
  }

  @Test
  void aLeftOverChangeSetThatCannotBeExecutedIsReplaced() {
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    // an earlier forced run found nothing to do and crashed before it cleaned up its FAILED change set
    sim.config().crashAt("createChangeSet", 1);
    assertThrows(SimulatedCrash.class, () -> new StackDeployer().deploy(stacks(), version("1.0.0"), true,
        Progress.NONE));
    assertEquals(1, sim.changeSets(account, REGION, plan.stackName()).size());

    var outcome = new StackDeployer().deploy(stacks(), version("1.0.0"), true, Progress.NONE);

    assertEquals(StackDeployer.Result.UNCHANGED, outcome.result());
    assertEquals(List.of(), sim.changeSets(account, REGION, plan.stackName()));
  }

  @Test
  void aStackStillBeingUpdatedIsWaitedForThenLookedAtAgain() {
    StackPlan next = version("2.0.0");
    sim.putStack(account, REGION, plan.stackName(), StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
        next.templateBody(), next.parameters(), next.stackTags());
    Steps steps = new Steps();

    var outcome = new StackDeployer().deploy(stacks(), next, steps);

    assertEquals(StackDeployer.Result.UNCHANGED, outcome.result(), "the update under way was this plan's");
    assertEquals(StackStatus.UPDATE_COMPLETE, outcome.state().status());
    assertTrue(steps.saidStep(plan.stackName() + ": " + plan.stackName()
        + " AWS::CloudFormation::Stack UPDATE_COMPLETE"), "its events are shown: " + steps);
    assertEquals(0, sim.writes());
  }

  @Test
  void theDeployedTemplateAndParametersAreReadBack() {
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    var deployed = stacks().template(plan.stackName()).orElseThrow();
    assertEquals(plan.templateBody(), deployed.body());
    assertEquals(version("1.0.0").parameters(), deployed.parameters());
    assertEquals(Optional.empty(), stacks().template("tenantctl-acme-nothing"));
  }

  @Test
  void aPlanHoldsItsFingerprintAndNeverShowsAParameterValue() {
    var secret = new StackPlan("s", "us-east-1", "Resources: {}", Map.of("DbPassword", "hunter2-very-secret"),
        Set.of("DbPassword"), Map.of());
    assertEquals(secret.fingerprint(), secret.fingerprint());
    assertEquals(secret.fingerprint(), new StackPlan("s", "us-east-1", "Resources: {}",
        Map.of("DbPassword", "hunter2-very-secret"), Set.of("DbPassword"), Map.of()).fingerprint());
    assertFalse(secret.toString().contains("hunter2"), secret::toString);
    assertFalse(secret.stackTags().toString().contains("hunter2"));
  }
}
