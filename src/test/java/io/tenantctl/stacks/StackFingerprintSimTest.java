package io.tenantctl.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stack updated through a change set is recognised as up to date afterwards, whether the service moved its
 * fingerprint tag (CloudFormation) or kept the old one (moto, here simulated); diff names changed parameters.
 */
class StackFingerprintSimTest {
  private static final String REGION = "us-east-1";
  private final SimFleet fleet = new SimFleet(new SimCloud(SimConfig.seeded(7)), Path.of("unused"));
  private final SimCloud sim = fleet.cloud;
  private final String account = sim.addAccount("acme", "aws+acme@example.com", "/Tenants", Map.of());
  private final StackPlans plans = new StackPlans(fleet.manifests.fleet());
  private final StackPlan plan = plans.plan(fleet.tenant("acme"), "app");

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
  void afterAnUpdateThatMovedTheTagANoOpCostsOneRead() {
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    assertEquals(StackDeployer.Result.UPDATED, new StackDeployer().deploy(stacks(), version("1.1.0"), Progress.NONE)
        .result());
    int describes = sim.calls("describe");
    int templates = sim.calls("template");

    var again = new StackDeployer().deploy(stacks(), version("1.1.0"), Progress.NONE);

    assertEquals(StackDeployer.Result.UNCHANGED, again.result());
    assertEquals(describes + 1, sim.calls("describe"));
    assertEquals(templates, sim.calls("template"), "the tag alone decides");
  }

  @Test
  void afterAnUpdateThatKeptTheOldTagTheDeployedTemplateAndParametersDecide() {
    sim.config().keepTagsOnExecute();
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    new StackDeployer().deploy(stacks(), version("1.1.0"), Progress.NONE);
    var deployed = stacks().describe(plan.stackName()).orElseThrow();
    assertEquals(version("1.0.0").fingerprint(), deployed.tags().get(StackPlan.FINGERPRINT_TAG), "the tag stayed");
    int changeSets = sim.calls("createChangeSet");

    var again = new StackDeployer().deploy(stacks(), version("1.1.0"), Progress.NONE);
    var preview = new StackDeployer().preview(stacks(), version("1.1.0"), plans.template("app"));

    assertEquals(StackDeployer.Result.UNCHANGED, again.result());
    assertTrue(preview.upToDate());
    assertTrue(StackDeployer.deployedAsPlanned(stacks(), deployed, version("1.1.0")), "status agrees");
    assertFalse(StackDeployer.deployedAsPlanned(stacks(), deployed, version("1.2.0")), "a new version is not");
    assertEquals(changeSets, sim.calls("createChangeSet"), "no change set was needed to tell");
    assertEquals(StackDeployer.Result.UPDATED, new StackDeployer().deploy(stacks(), version("1.2.0"), Progress.NONE)
        .result(), "and a real change is still made");
  }

  @Test
  void goingBackToTheVersionWhoseTagTheServiceKeptUpdatesTheStack() {
    // moto as it stands: the creation-time tag stays, and change sets are judged against the creation-time values
    sim.config().keepTagsOnExecute().judgeChangeSetsAsCreated();
    new StackDeployer().deploy(stacks(), version("1.5.0"), Progress.NONE);
    new StackDeployer().deploy(stacks(), version("1.6.0"), Progress.NONE);
    var deployed = stacks().describe(plan.stackName()).orElseThrow();
    assertEquals(version("1.5.0").fingerprint(), deployed.tags().get(StackPlan.FINGERPRINT_TAG), "the tag stayed");

    assertEquals(StackDeployer.Decision.UPDATE, StackDeployer.decide(Optional.of(deployed), version("1.5.0"), false),
        "the parameters DescribeStacks returned disagree with the plan: the tag alone does not decide");
    assertFalse(StackDeployer.deployedAsPlanned(stacks(), deployed, version("1.5.0")), "status agrees");
    assertFalse(new StackDeployer().preview(stacks(), version("1.5.0"), plans.template("app")).upToDate());
    var back = new StackDeployer().deploy(stacks(), version("1.5.0"), Progress.NONE);

    assertEquals(StackDeployer.Result.UPDATED, back.result());
    assertEquals("1.5.0", stacks().describe(plan.stackName()).orElseThrow().parameters().get("AppVersion"));
    assertEquals(1, sim.calls("update"), "the change set saw no changes: the stack was updated directly");
    int describes = sim.calls("describe");
    int changeSets = sim.calls("createChangeSet");
    assertEquals(StackDeployer.Result.UNCHANGED, new StackDeployer().deploy(stacks(), version("1.5.0"),
        Progress.NONE).result());
    assertEquals(describes + 1, sim.calls("describe"), "the no-op run stays at one read");
    assertEquals(changeSets, sim.calls("createChangeSet"));
  }

  @Test
  void aValueTheServiceShowsOtherwiseThanGivenIsNotAFailure() {
    new StackDeployer().deploy(stacks(), version("1.5.0"), Progress.NONE);
    // as if the service normalised the value it was given: DescribeStacks shows another one
    var deployed = stacks().describe(plan.stackName()).orElseThrow();
    Map<String, String> shown = new HashMap<>(deployed.parameters());
    shown.put("AppVersion", "1.5.0 ");
    Stacks real = stacks();
    Stacks normalising = (Stacks) java.lang.reflect.Proxy.newProxyInstance(Stacks.class.getClassLoader(),
        new Class<?>[] {Stacks.class}, (proxy, method, args) -> {
          try {
            Object result = method.invoke(real, args);
            return method.getName().equals("describe") ? ((Optional<?>) result).map(o -> {
              var st = (Stacks.StackState) o;
              return new Stacks.StackState(st.name(), st.id(), st.status(), st.statusReason(), shown, st.tags(),
                  st.outputs());
            }) : result;
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });

    var again = new StackDeployer().deploy(normalising, version("1.5.0"), Progress.NONE);

    assertEquals(StackDeployer.Result.UNCHANGED, again.result());
    assertEquals(1, sim.calls("update"), "asked, and told there is nothing to update");
  }

  @Test
  void forceAsksCloudFormationEvenWhenTagAndParametersMatch() {
    new StackDeployer().deploy(stacks(), version("1.5.0"), Progress.NONE);
    int changeSets = sim.calls("createChangeSet");

    var forced = new StackDeployer().deploy(stacks(), version("1.5.0"), true, Progress.NONE);
    var preview = new StackDeployer().preview(stacks(), version("1.5.0"), plans.template("app"), true, false);

    assertEquals(StackDeployer.Result.UNCHANGED, forced.result(), "CloudFormation said nothing to update");
    assertTrue(preview.upToDate());
    assertEquals(changeSets + 2, sim.calls("createChangeSet"), "each asked CloudFormation: " + sim.calls());
  }

  @Test
  void aStackWithoutTheTagIsJudgedByCloudFormationNotByTheTemplate() {
    var hand = new Stacks.StackState(plan.stackName(), "id", Stacks.StackStatus.CREATE_COMPLETE, Optional.empty(),
        plan.parameters(), Map.of(), Map.of());
    assertFalse(StackDeployer.deployedAsPlanned(stacks(), hand, plan));
  }

  @Test
  void aParameterOnlyChangeIsPreviewedWithOldAndNewValuesAndSecretsMasked() {
    new StackDeployer().deploy(stacks(), version("1.0.0"), Progress.NONE);
    var preview = new StackDeployer().preview(stacks(), version("1.1.0"), plans.template("app"));
    assertFalse(preview.upToDate());
    assertEquals(List.of(new StackDeployer.ParameterChange("AppVersion", Optional.of("1.0.0"), "1.1.0")),
        preview.parameters());

    var deployed = new Stacks.StackState("s", "id", Stacks.StackStatus.UPDATE_COMPLETE, Optional.empty(),
        Map.of("DbPassword", "old-secret", "Hidden", "****"), Map.of(), Map.of());
    var secretPlan = new StackPlan("s", REGION, "Resources: {}", Map.of("DbPassword", "new-secret", "Hidden", "x"),
        Set.of("DbPassword", "Hidden"), Map.of());
    assertEquals(List.of(new StackDeployer.ParameterChange("DbPassword", Optional.of("****"), "****")),
        StackDeployer.parameterChanges(deployed, secretPlan), "a NoEcho value the service masks cannot be compared");
  }
}
