package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create --all} of many tenants at once against moto: one account each, each in its OU, each deployed. */
@EmulatorTest
class ParallelCreateEmulatorTest {
  static final int TENANTS = 20;

  @TempDir Path repo;

  /** The samples plus {@code n} more tenants, {@code cust01} …, two OUs so that OU creation races too. */
  static Cli fleetOf(Path repo, int n) {
    Cli cli = Cli.onSamples(repo);
    // the sample fleet allows 10 accounts (the emulator has no Service Quotas): room for the whole batch
    try {
      Path fleet = repo.resolve("fleet.yaml");
      Files.writeString(fleet, Files.readString(fleet).replaceAll("accountQuota: \\d+", "accountQuota: 100"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (int i = 1; i <= n; i++) {
      String name = String.format("cust%02d", i);
      Cli.write(repo.resolve("tenants/" + name + ".yaml"), "name: " + name + "\naccount:\n  ou: /Tenants/Batch"
          + (i % 2) + "\nwave: general\n");
    }
    return cli;
  }

  @Test
  void createAllAtTheDefaultConcurrencyMakesOneAccountPerTenant(URI aws) throws Exception {
    Cli cli = fleetOf(repo, TENANTS);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());

    var created = cli.run(aws, "create", "--all", "--output", "json", "--yes");
    assertEquals(0, created.exitCode(), created::toString);

    JsonNode rows = new ObjectMapper().readTree(created.out());
    assertEquals(TENANTS + 3, rows.size(), created::toString);
    Set<String> accounts = new HashSet<>();
    try (var raw = new RawAws(aws)) {
      for (JsonNode row : rows) {
        String tenant = row.get("tenant").asText();
        String email = "aws+" + tenant + "@example.com";
        assertEquals(1, raw.accountsWithEmail(email).size(), "one account for " + tenant);
        String id = raw.accountsWithEmail(email).get(0).id();
        assertEquals(id, row.get("accountId").asText());
        assertTrue(accounts.add(id), "no account serves two tenants: " + id);
        assertEquals(tenant, raw.tags(id).get("tenantctl:tenant"));
        assertEquals("CREATE_COMPLETE", raw.cfn(id).describeStacks(r -> r.stackName("tenantctl-" + tenant + "-baseline"))
            .stacks().get(0).stackStatusAsString());
        if (tenant.startsWith("cust")) {
          int n = Integer.parseInt(tenant.substring(4));
          assertEquals("/Tenants/Batch" + (n % 2), raw.ouPath(id));
        }
      }
      var org = raw.org();
      String root = org.listRoots().roots().get(0).id();
      String tenantsOu = org.listOrganizationalUnitsForParent(r -> r.parentId(root)).organizationalUnits().stream()
          .filter(u -> u.name().equals("Tenants")).findFirst().orElseThrow().id();
      long batchOus = org.listOrganizationalUnitsForParent(r -> r.parentId(tenantsOu)).organizationalUnits().stream()
          .filter(u -> u.name().startsWith("Batch")).count();
      assertEquals(2, batchOus, "each OU made once, though many tenants wanted it at the same moment");
    }
    var again = cli.run(aws, "create", "--all");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains((TENANTS + 3) + " tenant(s): 0 changed, " + (TENANTS + 3) + " up to date"),
        again::toString);
  }

  @Test
  void twoCreateAllAtOnceOnOneCheckoutLeaveOneAccountPerTenant(URI aws) throws Exception {
    // moto has no e-mail uniqueness: without the per-tenant lock both runs made an account for each tenant
    Cli cli = fleetOf(repo, 5);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());

    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> cli.run(aws, "create", "--all", "--output", "json", "--yes"));
      var second = pool.submit(() -> cli.run(aws, "create", "--all", "--output", "json", "--yes"));
      var one = first.get();
      var two = second.get();
      assertEquals(0, one.exitCode(), one::toString);
      assertEquals(0, two.exitCode(), two::toString);

      JsonNode rows = new ObjectMapper().readTree(one.out());
      assertEquals(5 + 3, rows.size(), one::toString);
      try (var raw = new RawAws(aws)) {
        for (JsonNode row : rows) {
          String tenant = row.get("tenant").asText();
          var accounts = raw.accountsWithEmail("aws+" + tenant + "@example.com");
          assertEquals(1, accounts.size(), "one account for " + tenant + ": " + accounts);
          long tagged = raw.accounts().stream().filter(a -> tenant.equals(raw.tags(a.id()).get("tenantctl:tenant")))
              .count();
          assertEquals(1, tagged, "one account tagged for " + tenant);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
