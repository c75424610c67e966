package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap and create against moto, through the real SDK over HTTP; checked with plain SDK clients. */
@EmulatorTest
class OnboardingEmulatorTest {
  @TempDir Path repo;

  @Test
  void bootstrapThenCreateOnboardsAcmeIntoItsOwnAccount(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot::toString);

    var created = cli.run(aws, "create", "acme", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    assertTrue(created.out().contains("acme: account"), created::toString);

    try (var raw = new RawAws(aws)) {
      var accounts = raw.accountsWithEmail("aws+acme@example.com");
      assertEquals(1, accounts.size(), "exactly one account with acme's e-mail");
      String acme = accounts.get(0).id();
      assertEquals("/Tenants/Enterprise", raw.ouPath(acme));
      var tags = raw.tags(acme);
      assertEquals("acme", tags.get("tenantctl:tenant"));
      assertEquals("canary", tags.get("tenantctl:wave"));
      assertEquals("4711", tags.get("cost-center"));

      var stack = raw.cfn(acme).describeStacks(r -> r.stackName("tenantctl-acme-baseline")).stacks().get(0);
      assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
      assertTrue(stack.enableTerminationProtection(), "tenant stacks are protected from deletion");
      String bucket = "tenantctl-acme-data-" + acme;
      assertTrue(raw.buckets(acme).contains(bucket), "bucket in acme's account");
      assertFalse(raw.buckets(RawAws.MANAGEMENT).contains(bucket), "bucket not in the management account");
      assertEquals(1, raw.keyCount(acme), "acme's KMS key is in acme's account");
      assertEquals(0, raw.keyCount(RawAws.MANAGEMENT), "no KMS key in the management account");
      var encryption = raw.s3(acme).getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration();
      String keyArn = stack.outputs().stream().filter(o -> o.outputKey().equals("DataKeyArn")).findFirst()
          .orElseThrow().outputValue();
      assertEquals(keyArn, encryption.rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID(),
          "the bucket is encrypted with the tenant's own key");
      assertTrue(raw.iam(acme).getRole(r -> r.roleName("tenantctl-acme-tenant")).role().arn().contains(acme));
    }
  }

  @Test
  void secondCreateChangesNothingAndSaysSo(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    int accountsBefore;
    try (var raw = new RawAws(aws)) {
      accountsBefore = raw.accounts().size();
    }

    WireTap tap = new WireTap();
    var again = cli.tapped(tap).run(aws, "create", "acme");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains("acme: up to date"), again::toString);
    assertEquals(java.util.List.of(), tap.writes(), "a re-run writes nothing: " + tap.calls());
    try (var raw = new RawAws(aws)) {
      assertEquals(accountsBefore, raw.accounts().size(), "no new account");
      String acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
      var stack = raw.cfn(acme).describeStacks(r -> r.stackName("tenantctl-acme-baseline")).stacks().get(0);
      assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), "the stack was not updated");
    }
  }

  @Test
  void anAccountWithTheTenantsEmailIsAdoptedNotDuplicated(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    String existing;
    try (var raw = new RawAws(aws)) {
      existing = raw.org().createAccount(r -> r.accountName("globex-legacy").email("aws+globex@example.com"))
          .createAccountStatus().accountId();
    }
    var created = cli.run(aws, "create", "globex");
    assertEquals(0, created.exitCode(), created::toString);
    assertTrue(created.out().contains("found by its e-mail"), created::toString);
    try (var raw = new RawAws(aws)) {
      var accounts = raw.accountsWithEmail("aws+globex@example.com");
      assertEquals(1, accounts.size(), "adopted, not duplicated");
      assertEquals(existing, accounts.get(0).id());
      assertEquals("globex", raw.tags(existing).get("tenantctl:tenant"));
      assertEquals("/Tenants/Standard", raw.ouPath(existing));
    }
  }

  @Test
  void statusJsonMatchesTheEmulator(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "initech", "--yes").exitCode());

    var status = cli.run(aws, "status", "--output", "json");
    assertEquals(0, status.exitCode(), status::toString);
    JsonNode rows = new ObjectMapper().readTree(status.out());
    assertEquals(3, rows.size(), status::toString);
    Map<String, JsonNode> byTenant = new HashMap<>();
    rows.forEach(r -> byTenant.put(r.get("tenant").asText(), r));

    try (var raw = new RawAws(aws)) {
      for (String tenant : new String[] {"acme", "initech"}) {
        JsonNode row = byTenant.get(tenant);
        String id = raw.accountsWithEmail("aws+" + tenant + "@example.com").get(0).id();
        assertEquals(id, row.get("accountId").asText());
        assertEquals(raw.ouPath(id), row.get("ou").asText());
        JsonNode baseline = row.get("stacks").get(0);
        assertEquals("baseline", baseline.get("name").asText());
        assertEquals(raw.cfn(id).describeStacks(r -> r.stackName("tenantctl-" + tenant + "-baseline")).stacks().get(0)
            .stackStatusAsString(), baseline.get("status").asText());
        JsonNode app = row.get("stacks").get(1);
        assertEquals("app", app.get("name").asText());
        assertEquals("NOT_DEPLOYED", app.get("status").asText());
      }
      assertTrue(byTenant.get("globex").get("accountId").isNull(), "globex is not onboarded");
      assertEquals(0, byTenant.get("globex").get("stacks").size());
    }
    // as text, the hint names the command with this run's options, ready to paste
    var text = cli.run(aws, "status", "globex");
    assertTrue(text.out().contains("not onboarded: run `tenantctl --fleet " + repo.resolve("fleet.yaml") + " --tenants "
        + repo.resolve("tenants") + " --endpoint-url " + aws + " create globex`"), text::toString);
  }

  @Test
  void bootstrapIsIdempotentAndCreatesProductionOnce(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    var first = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, first.exitCode(), first::toString);
    var second = cli.run(aws, "bootstrap");
    assertEquals(0, second.exitCode(), second::toString);
    assertTrue(second.out().contains("nothing changed"), second::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals(1, raw.accountsWithEmail("aws+production@example.com").size());
      var roots = raw.org().listRoots().roots();
      var units = raw.org().listOrganizationalUnitsForParent(r -> r.parentId(roots.get(0).id()))
          .organizationalUnits().stream().map(u -> u.name()).sorted().toList();
      assertEquals(java.util.List.of("Dev", "Pool", "Quarantine", "Tenants"), units);
    }
  }

  @Test
  void upBootstrapsAndOnboardsEveryTenantAndASecondUpChangesNothing(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    var first = cli.run(aws, "up", "--create-organization", "--yes");
    assertEquals(0, first.exitCode(), first::toString);
    assertTrue(first.out().contains("3 tenant(s): 3 changed, 0 up to date"), first::toString);
    WireTap tap = new WireTap();
    var second = cli.tapped(tap).run(aws, "up");
    assertEquals(0, second.exitCode(), second::toString);
    assertTrue(second.out().contains("3 tenant(s): 0 changed, 3 up to date"), second::toString);
    assertEquals(java.util.List.of(), tap.writes(), "a second up writes nothing: " + tap.writes());
    try (var raw = new RawAws(aws)) {
      for (String t : new String[] {"acme", "globex", "initech"}) {
        assertEquals(1, raw.accountsWithEmail("aws+" + t + "@example.com").size(), t);
      }
    }
  }
}
