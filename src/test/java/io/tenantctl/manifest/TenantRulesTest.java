package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRulesTest {

  @TempDir Path dir;

  private String problems(String acme) {
    return new MiniRepo(dir).tenant("acme.yaml", acme).problems();
  }

  private void assertProblem(String problems, String expected) {
    assertTrue(problems.contains(expected), () -> "expected:\n" + expected + "\nin:\n" + problems);
  }

  @Test
  void nameIsRequired() {
    assertEquals("tenants/acme.yaml:1:1: missing required key \"name\"\n  fix: add \"name:\" — the tenant's name;"
        + " the file must be tenants/<name>.yaml. Used in account names, e-mails, stack names, bucket names and"
        + " tags", problems("wave: canary\n"));
  }

  @Test
  void ymlFilesAreTenantsToo() {
    MiniRepo repo = new MiniRepo(dir).delete("tenants/acme.yaml").tenant("acme.yml", "name: acme\nwave: canary\n");
    assertEquals(List.of("acme"), repo.load().tenants().stream().map(Tenant::name).toList());
    assertProblem(repo.tenant("acme.yml", "name: acme-corp\nwave: canary\n").problems(),
        "fix: rename the file to tenants/acme-corp.yml, or set name: acme");
  }

  @Test
  void anUnknownWaveWithNoCloseNameListsTheFleetsWaves() {
    assertEquals("tenants/acme.yaml:2:7: wave \"late\" is not one of the fleet's waves\n"
        + "  fix: use one of: canary, general", problems("name: acme\nwave: late\n"));
  }

  @Test
  void labelsAndTagsAreStringsToStrings() {
    String problems = problems("name: acme\nwave: canary\nlabels:\n  tier: 1\ntags:\n  cost-center: 4711\n");
    assertProblem(problems, "tenants/acme.yaml:4:9: labels.tier must be a string, but YAML reads 1 as a number\n"
        + "  fix: quote it: \"1\"");
    assertProblem(problems, "tenants/acme.yaml:6:16: tags.cost-center must be a string, but YAML reads 4711 as a"
        + " number\n  fix: quote it: \"4711\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS:owner", "tenantctl:tenant"})
  void reservedTagKeysAreRejected(String key) {
    assertProblem(problems("name: acme\nwave: canary\ntags:\n  \"" + key + "\": x\n"),
        "tenants/acme.yaml:4:3: tag key \"" + key + "\" is reserved: ");
  }

  @Test
  void emailDefaultsFromTheFleetAndMustLookLikeAnEmail() {
    assertEquals("aws+acme@example.com", new MiniRepo(dir).load().tenant("acme").orElseThrow().account().email());
    assertEquals("tenants/acme.yaml:4:10: account.email \"acme.example.com\" is not a valid e-mail address\n"
        + "  fix: write an e-mail address of at most 64 characters, e.g. aws+acme@example.com",
        problems("name: acme\nwave: canary\naccount:\n  email: acme.example.com\n"));
  }

  @Test
  void ouDefaultsToTheTenantsOuAndMustBeBelowIt() {
    assertEquals("/Tenants", new MiniRepo(dir).load().tenant("acme").orElseThrow().account().ou());
    assertEquals("tenants/acme.yaml:4:7: account.ou /TenantsX is outside the fleet's tenants OU /Tenants\n"
        + "  fix: use /Tenants or an OU path below it, e.g. /Tenants/TenantsX",
        problems("name: acme\nwave: canary\naccount:\n  ou: /TenantsX\n"));
    assertProblem(problems("name: acme\nwave: canary\naccount:\n  ou: /Pool\n"), "account.ou /Pool is outside");
    new MiniRepo(dir).tenant("acme.yaml", "name: acme\nwave: canary\naccount:\n  ou: /Tenants\n").load();
  }

  @Test
  void adoptedAccountIsTwelveDigitsAndNotTheManagementAccount() {
    assertProblem(problems("name: acme\nwave: canary\naccount:\n  id: \"12345678901\"\n"),
        "tenants/acme.yaml:4:7: account.id \"12345678901\" is not a valid 12-digit AWS account id");
    assertProblem(problems("name: acme\nwave: canary\naccount:\n  id: \"999999999999\"\n"),
        "tenants/acme.yaml:4:7: account.id 999999999999 is the management account; a tenant cannot adopt it");
  }

  @Test
  void regionsDefaultToTheFleetRegionAndAreUniqueRegionNames() {
    assertEquals(List.of("us-east-1"), new MiniRepo(dir).load().tenant("acme").orElseThrow().regions());
    assertProblem(problems("name: acme\nwave: canary\nregions: []\n"), "tenants/acme.yaml:3:10: regions is empty");
    assertProblem(problems("name: acme\nwave: canary\nregions: [us-east-1, eu-west-1, us-east-1]\n"),
        "tenants/acme.yaml:3:33: regions lists \"us-east-1\" more than once\n  fix: remove the repeated entry");
    assertProblem(problems("name: acme\nwave: canary\nregions: eu-west-1\n"),
        "tenants/acme.yaml:3:10: regions must be a list, not a string\n  fix: write it as a list: [eu-west-1]");
  }

  @Test
  void parametersNameDeclaredStacksAndHaveStringValues() {
    Tenant acme = new MiniRepo(dir)
        .tenant("acme.yaml", "name: acme\nwave: canary\nparameters:\n  app:\n    AppVersion: \"1.10\"\n")
        .load().tenant("acme").orElseThrow();
    assertEquals(Map.of("app", Map.of("AppVersion", "1.10")), acme.parameters());

    assertEquals("tenants/acme.yaml:4:3: parameters for stack \"ap\", which the fleet does not declare\n"
        + "  fix: did you mean \"app\"? use one of the fleet's stacks: baseline, app",
        problems("name: acme\nwave: canary\nparameters:\n  ap:\n    AppVersion: \"2\"\n"));
    assertProblem(problems("name: acme\nwave: canary\nparameters:\n  app:\n    App-Version: x\n"),
        "tenants/acme.yaml:5:5: \"App-Version\" under parameters.app is not a valid CloudFormation parameter name");
  }

  @Test
  void aDefaultedTenantEmailIsNotProductionsEither() {
    String defaulted = new MiniRepo(dir).delete("tenants/acme.yaml")
        .tenant("production.yaml", "name: production\nwave: canary\n").problems();
    assertProblem(defaulted, "tenants/production.yaml:1:7: account e-mail aws+production@example.com (from the"
        + " fleet's accountEmail) is the production account's e-mail");
  }
}
