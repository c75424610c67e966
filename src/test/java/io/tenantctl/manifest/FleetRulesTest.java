package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetRulesTest {

  @TempDir Path dir;

  private void assertProblem(String problems, String expected) {
    assertTrue(problems.contains(expected), () -> "expected:\n" + expected + "\nin:\n" + problems);
  }

  @Test
  void productionWithOnlyAnEmailOrOnlyAnIdLoads() {
    MiniRepo repo = new MiniRepo(dir);
    repo.fleetReplacing("  accountId: \"111111111111\"\n", "").load();
    Fleet fleet = repo.fleetReplacing("  email: aws+production@example.com\n", "").load().fleet();
    assertEquals(new Fleet.Production(Optional.of("111111111111"), Optional.empty(), "production"),
        fleet.production());
  }

  @Test
  void accountIdsAreTwelveQuotedDigits() {
    assertProblem(managementAccountId("\"99999999999\""), "fleet.yaml:1:22: managementAccountId \"99999999999\" is"
        + " not a valid 12-digit AWS account id\n  fix: write the account id as exactly 12 digits in quotes, e.g."
        + " \"123456789012\"");
    assertProblem(managementAccountId("\"9999-9999-9999\""), "is not a valid 12-digit AWS account id");
  }

  private String managementAccountId(String value) {
    return new MiniRepo(dir).fleetReplacing("managementAccountId: \"999999999999\"", "managementAccountId: " + value)
        .problems();
  }

  @Test
  void managementAccountIdIsOptional() {
    assertEquals(Optional.empty(), new MiniRepo(dir)
        .fleetReplacing("managementAccountId: \"999999999999\"\n", "").load().fleet().managementAccountId());
  }

  @Test
  void deployRoleNameIsAnIamRoleName() {
    assertProblem(new MiniRepo(dir).fleetReplacing("name: OrganizationAccountAccessRole", "name: Org Access")
        .problems(), "fleet.yaml:6:9: deployRole.name \"Org Access\" is not a valid IAM role name");
  }

  @Test
  void externalIdIsKept() {
    Fleet fleet = new MiniRepo(dir).fleetReplacing("  name: OrganizationAccountAccessRole\n",
        "  name: OrganizationAccountAccessRole\n  externalId: tenantctl-1\n").load().fleet();
    assertEquals(Optional.of("tenantctl-1"), fleet.deployRole().externalId());
  }

  @Test
  void accountNameNeedsTheTenantPlaceholder() {
    String problems = new MiniRepo(dir)
        .fleetReplacing("accountEmail: \"aws+{tenant}@example.com\"\naccountName: \"tenant-{tenant}\"",
            "accountEmail: aws@example.com\naccountName: tenant").problems();
    assertProblem(problems, "fleet.yaml:8:14: accountName \"tenant\" is not a valid account name pattern with"
        + " {tenant}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Tenants", "/", "/Tenants/", "//Tenants", "/Ten$ants"})
  void ouPathsLookLikePaths(String path) {
    assertProblem(new MiniRepo(dir).fleetReplacing("tenants: /Tenants", "tenants: \"" + path + "\"").problems(),
        "fleet.yaml:10:12: organizationalUnits.tenants \"" + path + "\" is not a valid OU path");
  }

  @Test
  void ouPathsMayHaveSpacesAndSeveralLevels() {
    new MiniRepo(dir).fleetReplacing("pool: /Pool", "pool: /Shared Services/Account Pool_2.0-a").load();
  }

  @Test
  void aGovCloudRegionIsARegionName() {
    new MiniRepo(dir).fleetReplacing("region: us-east-1", "region: us-gov-west-1").load();
  }

  @Test
  void stacksMustNotBeEmpty() {
    String fleet = MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("stacks:")) + "stacks: {}\n"
        + MiniRepo.FLEET.substring(MiniRepo.FLEET.indexOf("baselineStack:"));
    assertProblem(new MiniRepo(dir).fleet(fleet).problems(), "fleet.yaml:15:9: stacks is empty\n  fix: add at"
        + " least one entry: the stacks deployed into every tenant account");
  }

  @Test
  void stacksKeepTheirOrder() {
    String fleet = MiniRepo.FLEET.replace("  baseline:\n    template: templates/baseline.yaml\n", "")
        .replace("baselineStack: baseline", "baselineStack: zeta") + "";
    fleet = fleet.replace("stacks:\n", "stacks:\n  zeta:\n    template: templates/baseline.yaml\n");
    assertEquals(java.util.List.of("zeta", "app"),
        java.util.List.copyOf(new MiniRepo(dir).fleet(fleet).load().fleet().stacks().keySet()));
  }

  @Test
  void stackNamesAreShortLowercaseWords() {
    assertProblem(new MiniRepo(dir).fleetReplacing("  app:\n", "  App:\n").problems(),
        "fleet.yaml:18:3: \"App\" under stacks is not a valid stack name");
  }

  @Test
  void templatesAreResolvedAgainstTheFleetDirectory() {
    assertEquals(dir.toAbsolutePath().resolve("templates/app.yaml"),
        new MiniRepo(dir).load().fleet().stacks().get("app").template());
  }

  @Test
  void aTemplatePathLeavingTheRepositoryIsRefusedNotRead() {
    String problems = new MiniRepo(dir).fleetReplacing("template: templates/app.yaml",
        "template: ../../../../../../etc/passwd").problems();

    assertProblem(problems, "stack \"app\": template ../../../../../../etc/passwd leaves the repository");
    assertProblem(problems, "fix: keep templates inside the fleet file's directory");
    assertTrue(problems.contains("fleet.yaml:19:"), problems);
  }

  @Test
  void aTemplateSymlinkLeadingOutOfTheRepositoryIsRefused() throws Exception {
    MiniRepo repo = new MiniRepo(dir);
    java.nio.file.Path outside = java.nio.file.Files.createTempFile("outside", ".yaml");
    java.nio.file.Path link = dir.resolve("templates/escape.yaml");
    java.nio.file.Files.createDirectories(link.getParent());
    java.nio.file.Files.createSymbolicLink(link, outside);

    String problems = repo.fleetReplacing("template: templates/app.yaml", "template: templates/escape.yaml").problems();

    assertProblem(problems, "stack \"app\": template templates/escape.yaml leaves the repository");
  }

  @Test
  void stackNeedsATemplate() {
    assertProblem(new MiniRepo(dir).fleetReplacing("    template: templates/app.yaml\n", "").problems(),
        "fleet.yaml:18:3: missing required key \"template\" in stacks.app");
  }

  @Test
  void stackParameterValuesAreStrings() {
    assertProblem(new MiniRepo(dir).fleetReplacing("AppVersion: \"1.0.0\"", "AppVersion: 2").problems(),
        "fleet.yaml:21:19: stacks.app.parameters.AppVersion must be a string, but YAML reads 2 as a number\n"
            + "  fix: quote it: \"2\"");
  }

  @Test
  void wavesMustNotBeEmpty() {
    String fleet = MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("waves:")) + "waves: []\n";
    assertProblem(new MiniRepo(dir).fleet(fleet).problems(), "fleet.yaml:23:8: waves is empty");
  }

  @Test
  void waveToleranceIsNotNegative() {
    String problems = new MiniRepo(dir).fleetReplacing("concurrency: 20\n    tolerance: 2",
        "concurrency: 20\n    tolerance: -1").problems();
    assertProblem(problems, "fleet.yaml:30:16: waves[1].tolerance must be at least 0, not -1");
  }

  @Test
  void waveConcurrencyIsANumber() {
    assertProblem(new MiniRepo(dir).fleetReplacing("concurrency: 20", "concurrency: \"20\"").problems(),
        "fleet.yaml:29:18: waves[1].concurrency must be a number, not the string \"20\"\n"
            + "  fix: remove the quotes: 20");
  }

  @ParameterizedTest
  @CsvSource({"30s,PT30S", "10m,PT10M", "2h,PT2H", "1h30m,PT1H30M", "1h2m3s,PT1H2M3S", "0s,PT0S"})
  void bakeIsADuration(String text, Duration expected) {
    Fleet fleet = new MiniRepo(dir).fleetReplacing("bake: 10m", "bake: " + text).load().fleet();
    assertEquals(expected, fleet.waves().get(0).bake());
    assertEquals(Duration.ZERO, fleet.waves().get(1).bake());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10|fleet.yaml:27:11: waves[0].bake 10 is not a valid duration",
      "ten minutes|fleet.yaml:27:11: waves[0].bake \"ten minutes\" is not a valid duration",
      "10m30h|fleet.yaml:27:11: waves[0].bake \"10m30h\" is not a valid duration",
      "99999999999999999999h|fleet.yaml:27:11: waves[0].bake 99999999999999999999h is out of range: allowed 0s to"
          + " 168h (a week)",
      "9000000000000h|fleet.yaml:27:11: waves[0].bake 9000000000000h is out of range: allowed 0s to 168h (a week)",
      "168h1s|fleet.yaml:27:11: waves[0].bake 168h1s is out of range: allowed 0s to 168h (a week)",
      "10081m|fleet.yaml:27:11: waves[0].bake 10081m is out of range",
  })
  void badBakeTimes(String text, String expected) {
    assertProblem(new MiniRepo(dir).fleetReplacing("bake: 10m", "bake: " + text).problems(), expected);
  }

  @ParameterizedTest
  @CsvSource({"168h,PT168H", "10080m,PT168H", "604800s,PT168H"})
  void aWeekIsTheLongestBake(String text, Duration expected) {
    assertEquals(expected, new MiniRepo(dir).fleetReplacing("bake: 10m", "bake: " + text).load().fleet().waves().get(0)
        .bake());
  }

  @Test
  void stateDirDefaultsToDotTenantctlNextToTheFleetFile() {
    assertEquals(dir.toAbsolutePath().resolve(".tenantctl"), new MiniRepo(dir).load().fleet().state().dir());
  }

  @Test
  void stateBackendDefaultsToFiles() {
    assertEquals(Fleet.StateSettings.Backend.FILE, new MiniRepo(dir).load().fleet().state().backend());
    assertEquals(Fleet.StateSettings.Backend.FILE,
        new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: file\n").load().fleet().state().backend());
  }

  @Test
  void anUnknownStateBackendIsRefusedNamingBoth() {
    assertEquals("fleet.yaml:32:12: state.backend \"s3\" is not one of: file, dynamodb\n"
        + "  fix: write file (the default: state is kept under state.dir, for one person) or dynamodb (team mode: state"
        + " is kept in the DynamoDB table state.table, shared by every machine; create it with tenantctl state init)",
        new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: s3\n").problems());
  }

  @Test
  void theDynamoDbBackendReadsItsTableAndRegion() {
    var state = new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: dynamodb\n  table: tenantctl-state\n"
        + "  region: eu-west-1\n").load().fleet().state();
    assertEquals(Fleet.StateSettings.Backend.DYNAMODB, state.backend());
    assertEquals(java.util.Optional.of("tenantctl-state"), state.table());
    assertEquals(java.util.Optional.of("eu-west-1"), state.region());
  }

  @Test
  void theDynamoDbBackendWithoutATableIsRefusedAtItsLine() {
    assertEquals("fleet.yaml:32:12: state.backend dynamodb needs state.table, the DynamoDB table that keeps the state\n"
        + "  fix: add `table: tenantctl-state` (any name) under state, then create it: tenantctl state init",
        new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: dynamodb\n").problems());
  }

  @Test
  void aTableForTheFileBackendIsRefusedRatherThanIgnored() {
    assertEquals("fleet.yaml:32:10: state.table is only read by the dynamodb backend, and state.backend is file (the"
        + " default)\n  fix: add `backend: dynamodb` under state to keep the state in DynamoDB, or remove state.table",
        new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  table: tenantctl-state\n").problems());
  }

  @Test
  void aStateRegionThatDoesNotExistIsRefusedAtItsLine() {
    String problems = new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: dynamodb\n  table: t-state\n"
        + "  region: eu-wset-1\n").problems();
    assertTrue(problems.startsWith("fleet.yaml:34:11: state.region eu-wset-1 is not an AWS region\n"
        + "  fix: did you mean \"eu-west-1\"? use the region the table is in, e.g. us-east-1: "), problems);
  }

  @Test
  void aBadTableNameIsRefusedByTheSchema() {
    String problems = new MiniRepo(dir).fleet(MiniRepo.FLEET + "state:\n  backend: dynamodb\n  table: \"my table\"\n")
        .problems();
    assertTrue(problems.startsWith("fleet.yaml:33:10: state.table"), problems);
  }

  @Test
  void requiredKeysAreNamed() {
    assertEquals("fleet.yaml:1:1: missing required key \"region\"\n"
        + "  fix: add \"region:\" — the region tenants deploy to unless their manifest lists regions",
        new MiniRepo(dir).fleetReplacing("region: us-east-1\n", "").problems());
  }
}
