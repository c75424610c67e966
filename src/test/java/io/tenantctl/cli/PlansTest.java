package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Stacks.ChangeAction;
import io.tenantctl.cloud.Stacks.Replacement;
import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.deploy.DeployPlan;
import io.tenantctl.onboard.OnboardingPlan;
import io.tenantctl.onboard.OnboardingPlan.AccountStep;
import io.tenantctl.stacks.StackDeployer.ParameterChange;
import io.tenantctl.stacks.StackDeployer.Preview;
import io.tenantctl.stacks.StackPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a plan reads before create, deploy and up change anything. */
class PlansTest {
  private static DeployPlan.Planned planned(Preview p) {
    return new DeployPlan.Planned(p.stackName(), new StackPlan(p.stackName(), "us-east-1", "Resources: {}", Map.of(), Set.of(),
        Map.of()), p);
  }

  @Test
  void aDeployPlanCountsEachStacksChangesAndShoutsRemovalsAndReplacements() {
    var app = new Preview("tenantctl-acme-app", false, false, List.of(
        new ResourceChange(ChangeAction.ADD, "Topic", "AWS::SNS::Topic", Replacement.NEVER),
        new ResourceChange(ChangeAction.MODIFY, "WorkQueue", "AWS::SQS::Queue", Replacement.ALWAYS),
        new ResourceChange(ChangeAction.MODIFY, "Version", "AWS::SSM::Parameter", Replacement.CONDITIONAL),
        new ResourceChange(ChangeAction.REMOVE, "Old", "AWS::S3::Bucket", Replacement.NEVER)),
        List.of(new ParameterChange("DbPassword", Optional.of("****"), "****")));
    var baseline = new Preview("tenantctl-acme-baseline", false, true, List.of());
    var plan = new DeployPlan("acme", "/Tenants", null, List.of(planned(baseline), planned(app)), false);

    var shown = Plans.of(plan);

    assertEquals(List.of(
        "plan for acme:",
        "  tenantctl-acme-baseline: up to date",
        "  tenantctl-acme-app: update (1 to add, 2 to modify, 1 to remove, 2 REPLACED, 1 parameter(s) changed)",
        "    ~ parameter DbPassword: **** \u2192 ****",
        "    + Topic (AWS::SNS::Topic)",
        "    ~ WorkQueue (AWS::SQS::Queue)   <-- REPLACEMENT: the resource is deleted and recreated",
        "    ~ Version (AWS::SSM::Parameter)   <-- may be REPLACED",
        "    - Old (AWS::S3::Bucket)",
        "cannot be undone:",
        "  ! replaces WorkQueue (AWS::SQS::Queue) of tenantctl-acme-app: it is deleted and made anew",
        "  ! may replace Version (AWS::SSM::Parameter) of tenantctl-acme-app",
        "  ! removes Old (AWS::S3::Bucket) of tenantctl-acme-app"), shown.lines());
    assertTrue(shown.changes());
    assertEquals(3, shown.irreversible().size());
  }

  @Test
  void addingAndModifyingCanBeUndoneAndAnUpToDatePlanChangesNothing() {
    var added = new Preview("tenantctl-acme-app", true, false, List.of(
        new ResourceChange(ChangeAction.ADD, "Topic", "AWS::SNS::Topic", Replacement.NEVER)));
    assertEquals(List.of(), Plans.of(new DeployPlan("acme", "/Tenants", null, List.of(planned(added)), false)).irreversible());
    var same = Plans.of(new DeployPlan("acme", "/Tenants", null,
        List.of(planned(new Preview("tenantctl-acme-app", false, true, List.of()))), false));
    assertFalse(same.changes());
  }

  @Test
  void anOnboardingPlanNamesEachAccountToCreateWithItsEmail() {
    var newStack = new Preview("tenantctl-globex-baseline", true, false, List.of(
        new ResourceChange(ChangeAction.ADD, "TenantRole", "AWS::IAM::Role", Replacement.NEVER)));
    var plan = new OnboardingPlan(Optional.of(new OnboardingPlan.OrganizationStep(false, true, Optional.empty(),
        "production", Optional.of("aws+production@example.com"))), List.of(
        new OnboardingPlan.TenantPlan("acme", AccountStep.EXISTING, Optional.of("111122223333"), "tenant-acme",
            "aws+acme@example.com", "/Tenants", new Preview("tenantctl-acme-baseline", false, true, List.of())),
        new OnboardingPlan.TenantPlan("globex", AccountStep.CREATE, Optional.empty(), "tenant-globex",
            "aws+globex@example.com", "/Tenants", newStack),
        new OnboardingPlan.TenantPlan("initech", AccountStep.FROM_POOL, Optional.empty(), "tenant-initech",
            "aws+initech@example.com", "/Tenants", newStack)));

    var shown = Plans.of(plan);

    assertEquals(List.of(
        "plan:",
        "  organization: CREATE",
        "  production account: CREATE production <aws+production@example.com>",
        "  acme: account 111122223333 (exists), in /Tenants; tenantctl-acme-baseline: up to date",
        "  globex: CREATE account tenant-globex <aws+globex@example.com>, in /Tenants; tenantctl-globex-baseline:"
            + " create (1 to add, 0 to modify, 0 to remove)",
        "    + TenantRole (AWS::IAM::Role)",
        "  initech: take an account from the pool, in /Tenants; tenantctl-globex-baseline: create (1 to add, 0 to"
            + " modify, 0 to remove)",
        "    + TenantRole (AWS::IAM::Role)",
        "cannot be undone:",
        "  ! creates an organization, managed by this account",
        "  ! creates the production account production <aws+production@example.com>",
        "  ! creates account tenant-globex <aws+globex@example.com> for tenant globex"), shown.lines());
  }
}
