package io.tenantctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.Guardrails;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.isolation.live.ProductionGuardrail;
import io.tenantctl.onboard.SharedResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap and audit on the simulated cloud: organization policies and live policies, simulated. */
class BootstrapAndAuditSimTest {
  @TempDir Path state;
  SimCloud sim;
  SimFleet fleet;

  @BeforeEach
  void setUp() {
    sim = new SimCloud(SimConfig.seeded(3).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(sim, state);
  }

  @Test
  void bootstrapAttachesTheGuardrailDeploysTheSharedStackAndASecondRunWritesNothing() {
    var done = fleet.bootstrap().run(false, Progress.NONE);

    assertEquals(fleet.productionAccountId, done.productionAccountId());
    assertTrue(done.changedAnything());
    assertEquals(Stacks.StackStatus.CREATE_COMPLETE, sim.stackStatus(fleet.productionAccountId, "us-east-1",
        SharedResources.STACK_NAME).orElseThrow());
    for (String ou : List.of("/Tenants", "/Dev")) {
      String ouId = ouId(ou);
      assertEquals(List.of(ProductionGuardrail.POLICY_NAME),
          sim.guardrailsAttachedTo(ouId, Guardrails.Kind.RESOURCE_CONTROL), ou);
    }
    String content = sim.guardrailContent(Guardrails.Kind.RESOURCE_CONTROL, ProductionGuardrail.POLICY_NAME)
        .orElseThrow();
    assertTrue(content.contains(fleet.productionAccountId), content);

    int writes = sim.writes();
    var again = fleet.bootstrap().run(false, Progress.NONE);
    assertFalse(again.changedAnything(), again::toString);
    assertEquals(writes, sim.writes(), "a second bootstrap writes nothing: " + sim.calls());
  }

  @Test
  void theAuditOfABootstrappedFleetIsCleanAndFindsARoleThatTrustsProduction() {
    fleet.bootstrap().run(false, Progress.NONE);
    String acme = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE).accountId();
    fleet.onboarding().onboard(fleet.tenant("globex"), Progress.NONE);
    var tenants = List.of(fleet.tenant("acme"), fleet.tenant("globex"));

    var clean = fleet.audit().audit(tenants, false, Progress.NONE);

    assertEquals(List.of(), clean.breaches());
    assertEquals(3, clean.accounts());
    assertEquals(List.of(), clean.unread());
    // per tenant: the deploy role, the tenant role, the data bucket's policy and key; production's own too
    assertTrue(clean.policies() >= 3 * 3, "policies read: " + clean.policies());

    // a role made by hand (outside tenantctl's templates) that production may assume
    sim.putStack(acme, "us-east-1", "made-by-hand", Stacks.StackStatus.CREATE_COMPLETE, """
        Resources:
          BackDoor:
            Type: AWS::IAM::Role
            Properties:
              RoleName: back-door
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "arn:aws:iam::%s:root"}
                    Action: sts:AssumeRole
        """.formatted(fleet.productionAccountId), Map.of(), Map.of());

    var breached = fleet.audit().audit(tenants, false, Progress.NONE);

    assertEquals(1, breached.breaches().size(), breached.breaches()::toString);
    var breach = breached.breaches().get(0);
    assertEquals(acme, breach.where().accountId());
    assertEquals("back-door", breach.where().resourceName());
    assertTrue(breach.principal().contains(fleet.productionAccountId), breach::toString);
  }

  @Test
  void theAuditListsAnExceptionOnRecordInADeployedTemplateAndStillFindsAnotherLikeIt() {
    fleet.bootstrap().run(false, Progress.NONE);
    String acme = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE).accountId();
    var tenants = List.of(fleet.tenant("acme"));
    String website = """
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Properties: {BucketName: %s}
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            %s
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Version: "2012-10-17"
                Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "arn:aws:s3:::%s/*"}]
        """;
    String exception = "Metadata: {tenantctl: {exceptions: [{principal: \"*\", reason: the public website}]}}";
    // the same breach made by hand first, with no exception on record: it stays a breach
    sim.putStack(acme, "us-east-1", "made-by-hand", Stacks.StackStatus.CREATE_COMPLETE,
        website.formatted("aaa-copy", "", "aaa-copy"), Map.of(), Map.of());
    sim.putStack(acme, "us-east-1", "tenantctl-acme-app", Stacks.StackStatus.CREATE_COMPLETE,
        website.formatted("acme-site", exception, "acme-site"), Map.of(), Map.of());

    var audited = fleet.audit().audit(tenants, false, Progress.NONE);

    assertEquals(1, audited.accepted().size(), audited::toString);
    assertEquals("the public website", audited.accepted().get(0).exception().reason());
    assertEquals(1, audited.breaches().size(), audited::toString);
    assertEquals("aaa-copy", audited.breaches().get(0).where().resourceName(), "the copy is the breach: " + audited);
  }

  @Test
  void bootstrapAndAuditRefuseAProductionAccountTaggedForATenantOrInTheTenantsOu() {
    fleet.bootstrap().run(false, Progress.NONE);
    String production = fleet.productionAccountId;
    sim.organization().tag(production, Map.of("tenantctl:tenant", "production"));
    String root = sim.organization().rootId();
    sim.organization().move(production, root, ouId("/Tenants"));

    var fault = org.junit.jupiter.api.Assertions.assertThrows(io.tenantctl.core.Fault.class,
        () -> fleet.bootstrap().run(false, Progress.NONE));
    assertEquals(io.tenantctl.core.ExitCode.ISOLATION, fault.exitCode());
    assertTrue(fault.getMessage().contains("the production account " + production + " is tagged tenantctl:tenant="
        + "production"), fault.getMessage());
    assertTrue(fault.getMessage().contains("is in /Tenants, under /Tenants"), fault.getMessage());

    var audit = fleet.audit().audit(List.of(), false, Progress.NONE);
    var reasons = audit.breaches().stream().map(b -> b.message()).toList();
    assertEquals(2, reasons.size(), reasons::toString);
    assertTrue(reasons.stream().allMatch(r -> r.startsWith("account " + production)), reasons::toString);
  }

  private String ouId(String path) {
    var org = sim.organization();
    String at = org.rootId();
    for (String name : path.substring(1).split("/")) {
      String parent = at;
      at = org.childUnits(parent).stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow().id();
    }
    return at;
  }
}
