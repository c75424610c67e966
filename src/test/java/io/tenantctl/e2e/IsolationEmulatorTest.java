package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/** The one-way rule against moto: the guardrail, the live audit and the template guard. */
@EmulatorTest
class IsolationEmulatorTest {
  @TempDir Path repo;

  private static String trusting(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  private static String accountOf(RawAws raw, String email) {
    return raw.accountsWithEmail(email).get(0).id();
  }

  private Cli onboardedFleet(URI aws) {
    Cli cli = Cli.onSamples(repo);
    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot::toString);
    var created = cli.run(aws, "create", "acme", "globex", "initech", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    return cli;
  }

  @Test
  void afterBootstrapAndCreateTheAuditIsCleanAndTheGuardrailIsAttached(URI aws) throws Exception {
    Cli cli = onboardedFleet(aws);

    var audit = cli.run(aws, "audit");
    assertEquals(0, audit.exitCode(), audit::toString);
    assertTrue(audit.out().contains("audited 4 accounts"), audit::toString);

    var json = cli.run(aws, "audit", "--output", "json");
    assertEquals(0, json.exitCode(), json::toString);
    JsonNode clean = new ObjectMapper().readTree(json.out());
    assertEquals("HOLDS", clean.get("result").asText(), json::toString);
    assertEquals(0, clean.get("breaches").size(), json::toString);
    assertEquals(4, clean.get("accounts").asInt(), json::toString);
    assertTrue(clean.get("notJudged").isArray() && clean.get("notOnboarded").isArray(), json::toString);

    try (var raw = new RawAws(aws)) {
      String production = accountOf(raw, "aws+production@example.com");
      assertTrue(raw.buckets(production).contains("tenantctl-shared-artifacts-" + production),
          "the shared resources are in production");
      var org = raw.org();
      String root = org.listRoots().roots().get(0).id();
      for (String ou : List.of("Tenants", "Dev")) {
        String ouId = org.listOrganizationalUnitsForParent(r -> r.parentId(root)).organizationalUnits().stream()
            .filter(u -> u.name().equals(ou)).findFirst().orElseThrow().id();
        var attached = org.listPoliciesForTarget(r -> r.targetId(ouId).filter(PolicyType.RESOURCE_CONTROL_POLICY))
            .policies().stream().map(p -> p.name()).toList();
        assertTrue(attached.contains("tenantctl-deny-production"), ou + ": " + attached);
        String policyId = org.listPoliciesForTarget(r -> r.targetId(ouId)
            .filter(PolicyType.RESOURCE_CONTROL_POLICY)).policies().stream()
            .filter(p -> p.name().equals("tenantctl-deny-production")).findFirst().orElseThrow().id();
        String content = org.describePolicy(r -> r.policyId(policyId)).policy().content();
        assertTrue(content.contains(production) && content.contains("aws:PrincipalAccount"), content);
      }
    }

    WireTap tap = new WireTap();
    var again = cli.tapped(tap).run(aws, "bootstrap");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains("nothing changed"), again::toString);
    assertEquals(List.of(), tap.writes(), "a second bootstrap writes nothing: " + tap.calls());
  }

  @Test
  void theAuditCoversATenantAccountWhoseManifestIsGone(URI aws) throws Exception {
    Cli cli = onboardedFleet(aws);
    java.nio.file.Files.delete(cli.repo().resolve("tenants/acme.yaml"));
    try (var raw = new RawAws(aws)) {
      String production = accountOf(raw, "aws+production@example.com");
      String acme = accountOf(raw, "aws+acme@example.com");
      raw.iam(acme).createRole(r -> r.roleName("forgotten-backdoor")
          .assumeRolePolicyDocument(trusting("arn:aws:iam::" + production + ":root")));
      var audit = cli.run(aws, "audit");
      assertEquals(3, audit.exitCode(), audit::toString);
      assertTrue(audit.out().contains("forgotten-backdoor"), audit::toString);
      assertTrue(audit.out().contains("audited 4 accounts"), audit::toString);
    }
  }

  @Test
  void theAuditNamesEachPlantedBreach(URI aws) throws Exception {
    Cli cli = onboardedFleet(aws);
    try (var raw = new RawAws(aws)) {
      String production = accountOf(raw, "aws+production@example.com");
      String acme = accountOf(raw, "aws+acme@example.com");
      String globex = accountOf(raw, "aws+globex@example.com");

      raw.iam(acme).createRole(r -> r.roleName("prod-backdoor")
          .assumeRolePolicyDocument(trusting("arn:aws:iam::" + production + ":root")));
      var audit = cli.run(aws, "audit");
      assertEquals(3, audit.exitCode(), audit::toString);
      assertTrue(audit.out().lines().anyMatch(l -> l.contains("account " + acme) && l.contains("prod-backdoor")
          && l.contains("principal arn:aws:iam::" + production + ":root")), audit::toString);

      raw.iam(globex).createRole(r -> r.roleName("acme-peek")
          .assumeRolePolicyDocument(trusting("arn:aws:iam::" + acme + ":role/tenantctl-acme-tenant")));
      audit = cli.run(aws, "audit", "globex");
      assertEquals(3, audit.exitCode(), audit::toString);
      assertTrue(audit.out().lines().anyMatch(l -> l.contains("account " + globex) && l.contains("acme-peek")
          && l.contains(acme)), audit::toString);

      String bucket = "tenantctl-acme-data-" + acme;
      raw.s3(acme).putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
          + "\"Sid\":\"ProductionReads\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + production + "\"},"
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
      var json = cli.run(aws, "audit", "acme", "--output", "json");
      assertEquals(3, json.exitCode(), json::toString);
      JsonNode report = new ObjectMapper().readTree(json.out());
      assertEquals("BREACHED", report.get("result").asText(), json::toString);
      JsonNode breaches = report.get("breaches");
      boolean found = false;
      for (JsonNode b : breaches) {
        found |= b.get("account").asText().equals(acme) && b.get("resource").asText().equals(bucket)
            && b.get("statement").asText().equals("ProductionReads") && b.get("principal").asText().equals(production)
            && b.get("tenant").asText().equals("acme") && b.get("kind").asText().equals("BREACH");
      }
      assertTrue(found, json::toString);
      assertTrue(json.err().contains("audited 2 accounts"), json::toString);
    }
  }

  @Test
  void createRefusesATemplateThatTrustsProductionBeforeMakingAnAccount(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    String production;
    try (var raw = new RawAws(aws)) {
      production = accountOf(raw, "aws+production@example.com");
    }
    Path baseline = repo.resolve("templates/baseline.yaml");
    String template = Files.readString(baseline);
    String trustsOwnAccount = "AWS: !Sub \"arn:${AWS::Partition}:iam::${AWS::AccountId}:root\"\n"
        + "            Action: sts:AssumeRole";
    assertTrue(template.contains(trustsOwnAccount), "the sample baseline's tenant role trusts its own account");
    Files.writeString(baseline, template.replace(trustsOwnAccount,
        "AWS: \"arn:aws:iam::" + production + ":root\"\n            Action: sts:AssumeRole"));

    WireTap tap = new WireTap();
    var created = cli.tapped(tap).run(aws, "create", "acme");
    assertEquals(3, created.exitCode(), created::toString);
    assertTrue(created.err().contains("TenantRole") && created.err().contains(production), created::toString);
    assertEquals(List.of(), tap.writes(), "nothing was written, not even an account: " + tap.calls());
    try (var raw = new RawAws(aws)) {
      assertEquals(List.of(), raw.accountsWithEmail("aws+acme@example.com"), "no account was created for acme");
    }
  }
}
