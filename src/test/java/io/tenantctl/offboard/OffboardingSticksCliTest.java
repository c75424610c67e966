package io.tenantctl.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offboarded tenant whose manifest is still in tenants/ is never brought back unasked: create, create --all and up
 * refuse it before changing anything, validate warns of it, delete says to remove the manifest, and only
 * {@code --reinstate} (a plan item that cannot be undone) brings it back; a closed account is refused even then.
 */
class OffboardingSticksCliTest {
  @TempDir Path repo;
  private Cli cli;
  private SimCloud cloud;
  private String acme;

  @BeforeEach
  void acmeOnboardedThenOffboarded() {
    cli = Cli.onSamples(repo);
    cloud = new SimCloud(SimConfig.seeded(31).accountCreationPolls(1).roleNotAssumableFor(1));
    new SimFleet(cloud, repo.resolve(".tenantctl")); // the organization and its production account
    cli.withClouds(s -> cloud);
    var created = cli.run("create", "acme", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    acme = cloud.organization().accounts().stream().filter(a -> a.email().equals("aws+acme@example.com"))
        .findFirst().orElseThrow().id();
  }

  @Test
  void anOffboardedTenantIsRefusedUntilReinstatedExplicitly() {
    var deleted = cli.run("delete", "acme", "--confirm", "acme");
    assertEquals(0, deleted.exitCode(), deleted::toString);
    assertTrue(deleted.out().contains("now remove " + repo.resolve("tenants").resolve("acme.yaml") + " from git"),
        deleted::toString);
    assertTrue(deleted.out().contains(" create acme --reinstate`"), deleted::toString);

    var validate = cli.run("validate");
    assertEquals(0, validate.exitCode(), validate::toString);
    assertTrue(validate.out().contains("warning: " + repo.resolve("tenants").resolve("acme.yaml")
        + ": tenant acme was offboarded (account " + acme + ", organization "), validate::toString);

    int writes = cloud.writes();
    for (String[] args : new String[][] {{"create", "acme"}, {"create", "acme", "--yes"}, {"create", "--all", "--yes"},
        {"up", "--yes"}}) {
      var r = cli.run(args);
      assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r);
      assertTrue(r.err().contains("tenant acme was offboarded at "), r::toString);
      assertTrue(r.err().contains("remove tenants/acme.yaml from git"), r::toString);
      assertTrue(r.err().contains(" create acme --reinstate`"), r::toString);
    }
    assertEquals(writes, cloud.writes(), "refused before anything changed: " + cloud.calls());
    assertEquals("/Quarantine", cloud.ouPath(acme));

    var unconfirmed = cli.run("create", "acme", "--reinstate");
    assertEquals(2, unconfirmed.exitCode(), "without a terminal, what cannot be undone needs --yes: " + unconfirmed);
    assertTrue(unconfirmed.err().contains("! reinstates offboarded tenant acme: account " + acme
        + " leaves quarantine for /Tenants/Enterprise"), unconfirmed::toString);
    assertEquals("/Quarantine", cloud.ouPath(acme));

    var reinstated = cli.run("create", "acme", "--reinstate", "--yes");
    assertEquals(0, reinstated.exitCode(), reinstated::toString);
    assertEquals("/Tenants/Enterprise", cloud.ouPath(acme));
    assertFalse(cloud.accountTags(acme).containsKey(Offboarding.OFFBOARDED_AT));
    assertFalse(cli.run("validate").out().contains("warning"), "no longer offboarded");
    assertEquals(0, cli.run("create", "acme").exitCode(), "an ordinary tenant again");

    var again = cli.run("delete", "acme", "--confirm", "acme");
    assertEquals(0, again.exitCode(), again::toString);
    assertFalse(again.out().contains("already offboarded"), "a reinstated tenant is offboarded afresh: " + again);
    assertEquals("/Quarantine", cloud.ouPath(acme));
  }

  @Test
  void aClosedAccountIsRefusedInThePlanEvenWithReinstate() {
    assertEquals(0, cli.run("delete", "acme", "--confirm", "acme", "--close-account").exitCode());
    int writes = cloud.writes();

    var r = cli.run("create", "acme", "--reinstate", "--yes", "--dry-run");

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("tenant acme was offboarded and its account " + acme + " is "), r::toString);
    assertTrue(r.err().contains("(closed): it cannot be onboarded again"), r::toString);
    assertFalse(r.err().contains("(exists)"), r::toString);
    assertEquals(writes, cloud.writes());
  }
}
