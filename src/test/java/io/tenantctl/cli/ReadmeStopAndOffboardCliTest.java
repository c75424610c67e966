package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's commands to stop a rollout and to offboard a tenant, run as written, on the simulated cloud. */
class ReadmeStopAndOffboardCliTest {
  @TempDir Path repo;
  private Cli cli;
  private SimCloud cloud;
  private SimFleet fleet;

  @BeforeEach
  void onboarded() {
    cli = Cli.onSamples(repo);
    cloud = new SimCloud(SimConfig.seeded(81).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cli.withClouds(s -> cloud);
  }

  /** The README's line that starts so, its comment cut: what a user copies. */
  private static String readme(String start) throws IOException {
    String text = Files.readString(Cli.projectRoot().resolve("README.md"));
    return text.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
        .map(l -> l.replaceFirst("\\s+#.*", "")).orElseThrow(() -> new AssertionError("README has no " + start));
  }

  private Cli.Result run(String line) {
    return cli.run(line.substring("tenantctl ".length()).split(" "));
  }

  @Test
  void theReadmesAbortEndsARolloutInItsTenMinuteBakeAtOnce() throws Exception {
    // the samples' canary bakes 10 minutes, with no gate
    var started = CompletableFuture.supplyAsync(() -> cli.run("rollout", "start", "--stack", "app", "--yes"));
    Optional<String> baking = Optional.empty();
    for (int i = 0; i < 600 && baking.isEmpty() && !started.isDone(); i++) {
      Thread.sleep(50);
      baking = bakingRollout();
    }
    String id = baking.orElseThrow(() -> new AssertionError("no bake began: " + started.getNow(null)));

    var abort = run(readme("tenantctl rollout abort ").replaceAll("r-\\d{8}-\\d{4}-app", id));

    assertEquals(0, abort.exitCode(), abort.toString());
    // the 10-minute bake ends within its next second's look, not at its end
    var ended = started.get(60, TimeUnit.SECONDS);
    assertEquals(1, ended.exitCode(), ended.toString());
    assertTrue(ended.out().contains("rollout " + id + " aborted"), ended.out());
    var status = cli.run("rollout", "status", id);
    assertTrue(status.out().startsWith("rollout " + id + " of app: aborted"), status.out());
  }

  /** The rollout whose journal says its bake began, if any. */
  private Optional<String> bakingRollout() throws IOException {
    try (Stream<Path> files = Files.walk(repo.resolve(".tenantctl"))) {
      for (Path f : files.filter(p -> p.getParent().getFileName().toString().equals("journal")
          && p.getFileName().toString().startsWith("r-")).toList()) {
        if (Files.readString(f).contains("\"bake-started\"")) {
          return Optional.of(f.getFileName().toString().replaceFirst("\\.jsonl$", ""));
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void theReadmesOffboardingSticks() throws Exception {
    String acme = fleet.services().registry().accountOf("acme").orElseThrow();
    String delete = readme("**Offboarding.** `tenantctl delete acme --confirm acme").replaceFirst(
        ".*`(tenantctl delete acme --confirm acme) .*", "$1");

    var deleted = run(delete);

    assertEquals(0, deleted.exitCode(), deleted.toString());
    assertEquals("/Quarantine", cloud.ouPath(acme));
    assertTrue(deleted.out().contains("now remove") && deleted.out().contains("acme.yaml from git"), deleted.out());
    var again = cli.run("create", "acme", "--yes");
    assertEquals(1, again.exitCode(), again.toString());
    assertTrue(again.err().contains("--reinstate"), again.err());
    assertEquals("/Quarantine", cloud.ouPath(acme), "not brought back without --reinstate");
  }
}
