package io.tenantctl.deploy;

import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.stacks.StackPlans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** deploy on the simulated cloud when CloudFormation fails: what the operator is told, and what state is left. */
class StackFailureSimTest {
  private static final String REGION = "us-east-1";
  private static final String APP = "tenantctl-acme-app";
  private static final String TAKEN = "Resource handler returned message: \"tenantctl-acme-work already exists\"";

  @TempDir Path state;
  SimCloud sim;
  SimFleet fleet;
  Tenant acme;
  String account;

  @BeforeEach
  void onboardAcme() {
    sim = new SimCloud(SimConfig.seeded(21).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(sim, state);
    acme = fleet.tenant("acme");
    account = fleet.onboarding().onboard(acme, Progress.NONE).accountId();
  }

  private Deployment deployment() {
    return fleet.services().deployment();
  }

  private StackDeployer.Outcome deployApp(Progress progress) {
    return deployment().deploy(acme, Optional.of("app"), progress).get(0);
  }

  private StackDeployer.Outcome deployApp(String version) {
    StackPlan plan = new StackPlans(fleet.manifests.fleet()).plan(acme, "app");
    var params = new HashMap<>(plan.parameters());
    params.put("AppVersion", version);
    StackPlan changed = new StackPlan(plan.stackName(), plan.region(), plan.templateBody(), params,
        plan.secretParameters(), plan.tags());
    return new StackDeployer().deploy(stacks(), changed, Progress.NONE);
  }

  private Stacks stacks() {
    return sim.account(account, new Cloud.DeployRoleRef("OrganizationAccountAccessRole", Optional.empty()))
        .stacks(REGION);
  }

  private Optional<StackStatus> status() {
    return sim.stackStatus(account, REGION, APP);
  }

  @Test
  void aFailedCreateNamesTheResourceAndItsReasonAndRollsBack() {
    sim.config().failResource(APP, "WorkQueue", TAKEN);
    Steps steps = new Steps();

    Fault f = assertThrows(Fault.class, () -> deployApp(steps));

    assertEquals(ExitCode.FAILED, f.exitCode());
    assertTrue(f.getMessage().contains("ROLLBACK_COMPLETE") && f.getMessage().contains("WorkQueue (AWS::SQS::Queue)")
        && f.getMessage().contains(TAKEN), f.getMessage());
    assertEquals(Optional.of(StackStatus.ROLLBACK_COMPLETE), status());
    List<String> queue = sim.stackEvents(account, REGION, APP).stream().filter(e -> e.logicalId().equals("WorkQueue"))
        .map(StackEvent::status).toList();
    assertEquals(List.of("CREATE_IN_PROGRESS", "CREATE_FAILED", "DELETE_COMPLETE"), queue);
    assertTrue(steps.saidStep(APP + ": WorkQueue AWS::SQS::Queue CREATE_FAILED: " + TAKEN), steps::toString);
    assertTrue(steps.saidStep(APP + ": creating stack in us-east-1"), steps::toString);
  }

  @Test
  void theNextDeployDeletesTheRolledBackStackAndCreatesItAgain() {
    sim.config().failResource(APP, "WorkQueue", TAKEN);
    assertThrows(Fault.class, () -> deployApp(Progress.NONE));
    sim.config().clearResourceFailures();
    Steps steps = new Steps();

    var outcome = deployApp(steps);

    assertEquals(StackDeployer.Result.CREATED, outcome.result());
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), status());
    assertTrue(sim.terminationProtected(account, REGION, APP));
    assertTrue(steps.saidStep(APP + ": deleting the empty stack left in ROLLBACK_COMPLETE"), steps::toString);
  }

  @Test
  void aRolledBackStackWithoutProtectionIsDeletedAndCreatedAgain() {
    sim.config().failResource(APP, "WorkQueue", TAKEN);
    assertThrows(Fault.class, () -> deployApp(Progress.NONE));
    sim.config().clearResourceFailures();
    stacks().protect(APP, false);
    Steps steps = new Steps();

    var outcome = deployApp(steps);

    assertEquals(StackDeployer.Result.CREATED, outcome.result());
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), status());
    assertTrue(sim.terminationProtected(account, REGION, APP), "created again, protected again");
    assertTrue(steps.saidStep(APP + ": deleting the empty stack left in ROLLBACK_COMPLETE"), steps::toString);
  }

  @Test
  void aFailedUpdateRollsBackAndTheNextDeployUpdates() {
    assertEquals(StackDeployer.Result.CREATED, deployApp("1.0.0").result());
    sim.config().failResource(APP, "DeployedVersion", "Parameter /tenantctl/acme/app/version is locked");

    Fault f = assertThrows(Fault.class, () -> deployApp("2.0.0"));

    assertTrue(f.getMessage().contains("UPDATE_ROLLBACK_COMPLETE") && f.getMessage().contains("DeployedVersion")
        && f.getMessage().contains("is locked"), f.getMessage());
    assertEquals(Optional.of(StackStatus.UPDATE_ROLLBACK_COMPLETE), status());
    assertEquals("1.0.0", sim.stack(account, REGION, APP).orElseThrow().parameters().get("AppVersion"));

    sim.config().clearResourceFailures();
    assertEquals(StackDeployer.Result.UPDATED, deployApp("2.0.0").result());
    assertEquals(Optional.of(StackStatus.UPDATE_COMPLETE), status());
    assertEquals("2.0.0", sim.stack(account, REGION, APP).orElseThrow().parameters().get("AppVersion"));
  }

  @Test
  void aFailedRollbackLeavesUpdateRollbackFailedAndSaysSo() {
    deployApp("1.0.0");
    sim.config().failResource(APP, "DeployedVersion", "Parameter is locked")
        .failRollback(APP, "DeployedVersion", "Parameter was deleted outside CloudFormation");

    Fault f = assertThrows(Fault.class, () -> deployApp("2.0.0"));

    assertTrue(f.getMessage().contains("UPDATE_ROLLBACK_FAILED") && f.getMessage().contains("DeployedVersion"),
        f.getMessage());
    assertEquals(Optional.of(StackStatus.UPDATE_ROLLBACK_FAILED), status());
  }

  @Test
  void anUpdateRollbackFailedStackIsContinuedThenUpdated() {
    deployApp("1.0.0");
    sim.config().failResource(APP, "DeployedVersion", "Parameter is locked")
        .failRollback(APP, "DeployedVersion", "Parameter was deleted outside CloudFormation");
    assertThrows(Fault.class, () -> deployApp("2.0.0"));
    sim.config().clearResourceFailures();

    assertEquals(StackDeployer.Result.UPDATED, deployApp("2.0.0").result());
    assertEquals(Optional.of(StackStatus.UPDATE_COMPLETE), status());
  }

  @Test
  void aRolledBackStackWhoseTagsMatchThePlanCostsOneReadAndNoChangeSet() {
    deployApp("1.0.0");
    sim.config().failResource(APP, "DeployedVersion", "Parameter is locked");
    assertThrows(Fault.class, () -> deployApp("2.0.0"));
    sim.config().clearResourceFailures();
    int changeSets = sim.calls("createChangeSet");

    // rolled back to 1.0.0, tags included: the 1.0.0 plan's fingerprint matches
    var outcome = deployApp("1.0.0");

    assertEquals(StackDeployer.Result.UNCHANGED, outcome.result());
    assertEquals(changeSets, sim.calls("createChangeSet"), "no change set for a stack that is as planned");
    assertEquals(Optional.of(StackStatus.UPDATE_ROLLBACK_COMPLETE), status());
  }

  @ParameterizedTest
  @EnumSource(SimConfig.NoChangesForm.class)
  void nothingToUpdateIsSuccessInBothFormsAndLeavesNoChangeSet(SimConfig.NoChangesForm form) {
    sim.config().noChangesForm(form);
    var first = deployment().deploy(acme, Optional.of("app"), Progress.NONE).get(0);
    assertEquals(StackDeployer.Result.CREATED, first.result());
    int executed = sim.calls("executeChangeSet");
    int changeSets = sim.calls("createChangeSet");

    // forced past the fingerprint, CloudFormation is asked and finds nothing to do
    var outcome = deployment().deploy(acme, Optional.of("app"), true, Progress.NONE).get(0);

    assertEquals(StackDeployer.Result.UNCHANGED, outcome.result());
    assertEquals(changeSets + 1, sim.calls("createChangeSet"), "CloudFormation was asked");
    assertEquals(executed, sim.calls("executeChangeSet"), "nothing executed");
    assertEquals(List.of(), sim.changeSets(account, REGION, APP), "no empty change set is left behind");
    assertEquals(Optional.of(StackStatus.CREATE_COMPLETE), status());
  }
}
