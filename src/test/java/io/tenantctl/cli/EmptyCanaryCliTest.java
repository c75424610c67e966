package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `rollout start` shows each tenant's parameter changes in its dry run, and a first wave that changes nothing while
 * later waves do (the tests' sample canary pins AppVersion 1.0.0) is said loudly, and refused without a terminal
 * unless --allow-empty-canary.
 */
class EmptyCanaryCliTest {
  @TempDir Path repo;
  private Cli cli;

  @BeforeEach
  void everyTenantOn100ThenTheFleetBumpsTo110() throws Exception {
    cli = Cli.onSamples(repo);
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s"));
    SimCloud cloud = new SimCloud(SimConfig.seeded(41).accountCreationPolls(1).roleNotAssumableFor(1));
    SimFleet fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cli.withClouds(s -> cloud);
    assertEquals(0, cli.run("rollout", "start", "--stack", "app", "--yes").exitCode());
    Files.writeString(fleetFile, Files.readString(fleetFile).replace("AppVersion: \"1.0.0\"", "AppVersion: \"1.1.0\""));
  }

  @Test
  void theDryRunShowsParameterChangesAndWarnsOfTheEmptyCanary() {
    var r = cli.run("rollout", "start", "--stack", "app", "--dry-run");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("    acme: tenantctl-acme-app up to date"), r::toString);
    assertTrue(r.out().contains("    globex: tenantctl-globex-app 1 parameter change(s): AppVersion 1.0.0 \u2192 1.1.0;"),
        r::toString);
    assertTrue(r.err().contains("WARNING: the first wave, canary (acme), changes nothing: its tenants are already at"
        + " the target, while later waves change 2 tenant(s)"), r::toString);
    assertTrue(r.err().contains("tenants/acme.yaml"), r::toString);
  }

  @Test
  void withoutATerminalItIsRefusedUnlessAllowed() {
    var refused = cli.run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("--allow-empty-canary"), refused::toString);
    assertFalse(refused.out().contains("wave canary"), "nothing started: " + refused);

    var allowed = cli.run("rollout", "start", "--stack", "app", "--yes", "--allow-empty-canary");
    assertEquals(0, allowed.exitCode(), allowed::toString);
    assertTrue(allowed.err().contains("WARNING: the first wave, canary (acme), changes nothing"), allowed::toString);
  }
}
