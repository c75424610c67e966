package io.tenantctl.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenant registry written after each change, and the tenant index it gives one tenant's lookups. */
class TenantRegistrySimTest {
  @TempDir Path repo;
  SimCloud sim;
  SimFleet fleet;

  @BeforeEach
  void setUp() {
    sim = new SimCloud(SimConfig.seeded(61).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(sim, repo.resolve(".tenantctl"));
  }

  @Test
  void createAndDeployRecordTheTenantsAccountOuRegionAndEachStacksFingerprintAndOutputs() {
    var created = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE);
    var record = fleet.services().registry().get("acme").orElseThrow();
    assertEquals(created.accountId(), record.accountId());
    assertEquals("/Tenants/Enterprise", record.ou());
    assertEquals("us-east-1", record.region());
    assertEquals("create", record.changedBy());
    var baseline = record.stacks().get("baseline");
    assertEquals("tenantctl-acme-baseline", baseline.stackName());
    assertEquals(sim.stack(created.accountId(), "us-east-1", "tenantctl-acme-baseline").orElseThrow().tags()
        .get(StackPlan.FINGERPRINT_TAG), baseline.fingerprint());
    assertEquals(sim.stack(created.accountId(), "us-east-1", "tenantctl-acme-baseline").orElseThrow().outputs(),
        baseline.outputs());

    fleet.services().deployment().deploy(fleet.tenant("acme"), Optional.of("app"), Progress.NONE);
    var after = fleet.services().registry().get("acme").orElseThrow();
    assertEquals(Set.of("baseline", "app"), after.stacks().keySet());
    assertEquals("deploy", after.stacks().get("app").changedBy());
  }

  @Test
  void anOutputCarryingASecretParametersValueIsNeverRecorded() {
    var plan = new StackPlan("tenantctl-acme-db", "us-east-1", "Resources: {}", Map.of("DbPassword",
        "s3cr\"et-ü", "Size", "10"), Set.of("DbPassword"), Map.of());

    var kept = TenantRegistry.publicOutputs(Map.of("Url", "jdbc://db:5432", "Dsn", "user:s3cr\"et-ü@db"), plan);

    assertEquals(Map.of("Url", "jdbc://db:5432"), kept);
  }

  @Test
  void aFreshRunFindsOneTenantsAccountThroughTheIndexWithoutListingTheOrganization() {
    String id = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE).accountId();
    int listings = sim.calls("accounts");
    int tagReads = sim.calls("tags");

    var status = fleet.services().status().of(fleet.tenant("acme"));

    assertEquals(Optional.of(id), status.accountId());
    assertEquals(listings, sim.calls("accounts"), "no ListAccounts");
    assertEquals(tagReads + 1, sim.calls("tags"), "one tag read verifies the index");
  }

  @Test
  void anIndexEntryTheAccountsTagsNoLongerConfirmIsCorrectedByAScan() {
    String id = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE).accountId();
    // acme's tag moved to another account by hand: the index's answer is wrong now
    sim.organization().tag(id, Map.of(AccountDirectory.TENANT_TAG, "retired"));
    String moved = sim.addAccount("acme-2", "acme-2@example.com", "/Tenants", Map.of(AccountDirectory.TENANT_TAG,
        "acme"));

    var status = fleet.services().status().of(fleet.tenant("acme"));

    assertEquals(Optional.of(moved), status.accountId());
    assertEquals(moved, fleet.services().registry().accountOf("acme").orElseThrow(), "the index is put right");
  }

  @Test
  void registryExportPrintsEveryRecordAsJson() throws Exception {
    String id = fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE).accountId();
    var cli = Cli.onSamples(repo).withClouds(s -> sim);

    var r = cli.run("registry", "export", "--output", "json");

    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(1, json.size(), r.out());
    assertEquals("acme", json.get(0).get("tenant").asText());
    assertEquals(id, json.get(0).get("accountId").asText());
    assertTrue(json.get(0).get("stacks").has("baseline"), r.out());
  }
}
