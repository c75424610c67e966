package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

  @TempDir Path dir;

  @Test
  void sampleRepositoryLoadsWithDefaultsApplied() {
    Path root = Samples.DIR.toAbsolutePath();
    FleetManifests manifests = new ManifestLoader().load(Samples.fleet(), Samples.tenants());

    Fleet fleet = manifests.fleet();
    assertEquals(Optional.empty(), fleet.managementAccountId());
    assertEquals(new Fleet.Production(Optional.empty(), Optional.of("aws+production@example.com"), "production"),
        fleet.production());
    assertEquals(new Fleet.DeployRole("OrganizationAccountAccessRole", Optional.empty()), fleet.deployRole());
    assertEquals("aws+acme@example.com", fleet.emailFor("acme"));
    assertEquals("tenant-acme", fleet.accountNameFor("acme"));
    assertEquals(new Fleet.OrganizationalUnits("/Tenants", "/Pool", "/Dev", "/Quarantine"),
        fleet.organizationalUnits());
    assertEquals("us-east-1", fleet.region());
    assertEquals(List.of("baseline", "app"), List.copyOf(fleet.stacks().keySet()));
    assertEquals(new Fleet.StackDefinition("baseline", root.resolve("templates/baseline.yaml"), Map.of(),
        java.util.Set.of()),
        fleet.stacks().get("baseline"));
    assertEquals(new Fleet.StackDefinition("app", root.resolve("templates/app.yaml"),
        Map.of("AppVersion", "1.0.0"), java.util.Set.of()), fleet.stacks().get("app"));
    assertEquals("baseline", fleet.baselineStack());
    assertEquals(List.of(
        new Fleet.Wave("canary", 1, 0, Duration.ofMinutes(10)),
        new Fleet.Wave("early", 5, 0, Duration.ofMinutes(30)),
        new Fleet.Wave("general", 20, 2, Duration.ZERO)), fleet.waves());
    assertEquals(root.resolve(".tenantctl"), fleet.state().dir());
    assertEquals(root, fleet.templateRoot());
    assertEquals(Source.of(Samples.fleet()), fleet.source());

    assertEquals(List.of(
        new Tenant("acme", Map.of("tier", "enterprise"),
            new Tenant.TenantAccount("aws+acme@example.com", "/Tenants/Enterprise", Optional.empty()),
            "canary", List.of("us-east-1"), Map.of("app", Map.of("AppVersion", "1.0.0")),
            Map.of("cost-center", "4711"), Source.of(Samples.tenants().resolve("acme.yaml"))),
        new Tenant("globex", Map.of("tier", "standard"),
            new Tenant.TenantAccount("aws+globex@example.com", "/Tenants/Standard", Optional.empty()),
            "early", List.of("us-east-1"), Map.of(), Map.of(), Source.of(Samples.tenants().resolve("globex.yaml"))),
        new Tenant("initech", Map.of("tier", "standard"),
            new Tenant.TenantAccount("aws+initech@example.com", "/Tenants/Standard/EU", Optional.empty()),
            "general", List.of("us-east-1"), Map.of(), Map.of("data-residency", "eu"),
            Source.of(Samples.tenants().resolve("initech.yaml")))),
        manifests.tenants());
  }

  @Test
  void tenantsAreSortedByNameAndFoundByName() {
    MiniRepo repo = new MiniRepo(dir)
        .tenant("zeta.yaml", "name: zeta\nwave: general\n")
        .tenant("beta.yml", "name: beta\nwave: general\n");

    FleetManifests manifests = repo.load();

    assertEquals(List.of("acme", "beta", "zeta"), manifests.tenants().stream().map(Tenant::name).toList());
    assertEquals("beta", manifests.tenant("beta").orElseThrow().name());
    assertEquals(Optional.empty(), manifests.tenant("nobody"));
  }

  @Test
  void explicitValuesWinOverFleetDefaults() {
    Tenant acme = new MiniRepo(dir).tenant("acme.yaml", """
        name: acme
        wave: canary
        account:
          email: ops@acme.example
          ou: /Tenants/Gold
          id: "222222222222"
        regions: [eu-central-1, us-east-1]
        """).load().tenant("acme").orElseThrow();

    assertEquals(new Tenant.TenantAccount("ops@acme.example", "/Tenants/Gold", Optional.of("222222222222")),
        acme.account());
    assertEquals("eu-central-1", acme.homeRegion());
  }

  @Test
  void stateDirIsRelativeToTheFleetFile() {
    FleetManifests manifests = new MiniRepo(dir)
        .fleet(MiniRepo.FLEET + "state:\n  dir: var/state\n").load();

    assertEquals(dir.toAbsolutePath().resolve("var/state"), manifests.fleet().state().dir());
  }

  @Test
  void filesThatAreNotYamlAndHiddenFilesAreIgnored() {
    FleetManifests manifests = new MiniRepo(dir)
        .tenant("README.md", "# not a tenant\n")
        .tenant("globex.yaml.bak", "garbage: [\n")
        .tenant(".acme.yaml.swp", "garbage: [\n")
        .load();

    assertEquals(List.of("acme"), manifests.tenants().stream().map(Tenant::name).toList());
  }

  @Test
  void tenantManifestsThatCannotBeReadAreReportedNeverDroppedInSilence() throws Exception {
    MiniRepo repo = new MiniRepo(dir);
    Path tenants = dir.resolve("tenants");
    java.nio.file.Files.createSymbolicLink(tenants.resolve("dangling.yaml"), tenants.resolve("gone.yaml"));
    java.nio.file.Files.createSymbolicLink(tenants.resolve("loop.yaml"), tenants.resolve("loop.yaml"));
    java.nio.file.Files.createSymbolicLink(tenants.resolve("device.yaml"), Path.of("/dev/null"));

    String problems = repo.problems();

    assertTrue(problems.contains("tenants/dangling.yaml:1:1: this tenant manifest is a dangling symbolic link"), problems);
    assertTrue(problems.contains("tenants/loop.yaml:1:1: this tenant manifest is a symbolic link loop"), problems);
    assertTrue(problems.contains("tenants/device.yaml:1:1: this tenant manifest is a symbolic link to something that is"
        + " not a file"), problems);
    assertTrue(problems.contains("fix: make it a regular file (or a link to one), or remove it"), problems);
  }

  @Test
  void anEmptyTenantsDirectoryIsAFleetWithoutTenants() {
    assertEquals(List.of(), new MiniRepo(dir).delete("tenants/acme.yaml").load().tenants());
  }

  @Test
  void everyProblemInEveryFileIsReportedAtOnceInFileAndLineOrder() {
    MiniRepo repo = new MiniRepo(dir)
        .fleetReplacing("region: us-east-1", "region: mars")
        .tenant("globex.yaml", "name: globex\nwave: late\ncolour: blue\n")
        .tenant("acme.yaml", "name: acme\nwave: canary\ntags: {aws:x: y}\n");

    ManifestException e = assertThrows(ManifestException.class, repo::load);

    assertEquals(List.of("fleet.yaml:14", "tenants/acme.yaml:3", "tenants/globex.yaml:2", "tenants/globex.yaml:3"),
        e.problems().stream().map(p -> p.render(dir)).map(r -> r.substring(0, r.indexOf(':', r.indexOf(':') + 1)))
            .toList());
  }

  @Test
  void problemsAreRenderedRelativeToTheBaseDirectory() {
    MiniRepo repo = new MiniRepo(dir).tenant("acme.yaml", "name: acme\nwave: nope\n");
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestLoader(dir.resolve("tenants")).load(dir.resolve("fleet.yaml"), dir.resolve("tenants")));

    assertEquals("acme.yaml:2:7: wave \"nope\" is not one of the fleet's waves\n"
        + "  fix: use one of: canary, general", e.getMessage());
    assertEquals(dir.resolve("tenants"), e.baseDir());
    assertTrue(repo.problems().startsWith("tenants/acme.yaml:2:7: "));
  }

  @Test
  void filesOutsideTheBaseDirectoryAreShownAsGiven() {
    new MiniRepo(dir).tenant("acme.yaml", "name: acme\nwave: nope\n");
    Path elsewhere = dir.resolve("elsewhere");
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestLoader(elsewhere).load(dir.resolve("fleet.yaml"), dir.resolve("tenants")));

    assertTrue(e.getMessage().startsWith(dir.resolve("tenants/acme.yaml") + ":2:7: "), e.getMessage());
  }

  @Test
  void missingFleetFileAndMissingTenantsDirectoryAreBothReported() {
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestLoader(dir).load(dir.resolve("fleet.yaml"), dir.resolve("tenants")));

    assertEquals("""
        fleet.yaml:1:1: fleet file not found
          fix: create it (start from the sample fleet.yaml in the README), or give the path of your fleet file
        tenants:1:1: tenants directory not found
          fix: create the directory and put one <name>.yaml file per tenant in it""", e.getMessage());
  }

  @Test
  void tenantsAreStillCheckedWhenTheFleetFileIsBroken() {
    String problems = new MiniRepo(dir).fleet("production: [\n").tenant("acme.yaml", "name: Acme\nwave: x\n")
        .problems();

    assertTrue(problems.contains("fleet.yaml:2:1: the file ends in the middle of a value\n"
        + "  fix: close every [, { and quote that is still open"), problems);
    assertTrue(problems.contains("tenants/acme.yaml:1:7: tenant name \"Acme\" has uppercase letters"), problems);
  }

  @Test
  void aDirectoryGivenAsTheFleetFileIsAProblem() {
    new MiniRepo(dir);
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestLoader(dir).load(dir.resolve("tenants"), dir.resolve("tenants")));

    assertTrue(e.getMessage().startsWith("tenants:1:1: the fleet file is a directory"), e.getMessage());
  }
}
