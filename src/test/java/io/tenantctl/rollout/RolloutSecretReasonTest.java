package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation quotes a secret parameter's value in a failure reason: the value never reaches the journal, the
 * records, the report, nor any form of {@code rollout status}, with the variable set or not.
 */
class RolloutSecretReasonTest {
  private static final String SECRET = "Db\"Pass\\word-ü€-漢-7Q9z";
  @TempDir Path repo;

  @Test
  void aSecretQuotedInAFailureReasonIsMaskedEverywhereItIsWrittenOrShown() throws Exception {
    Cli plain = Cli.onSamples(repo);
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s")
        .replace("      AppVersion: \"1.0.0\"\n", "      AppVersion: \"1.0.0\"\n      DbPassword:"
            + " \"${env:DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n", "  DbPassword:\n    Type: String\n"
        + "  AppVersion:\n"));
    SimCloud cloud = new SimCloud(SimConfig.seeded(24).accountCreationPolls(1).roleNotAssumableFor(1));
    SimFleet fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cloud.config().failResource("tenantctl-acme-app", "DeployedVersion", "Value '" + SECRET + "' at 'dbPassword'"
        + " failed to satisfy constraint: Member must not contain quotes");
    plain.withClouds(s -> cloud);
    Cli withSecret = plain.withEnv(Map.of("DB_PASSWORD", SECRET));

    var start = withSecret.run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(1, start.exitCode(), start.toString());
    assertTrue(start.out().contains("halted"), start.out());
    String id = start.out().lines().findFirst().orElseThrow().substring("rollout ".length());

    var shown = new java.util.ArrayList<String>(List.of(start.out(), start.err()));
    for (Cli cli : List.of(withSecret, plain)) {
      var text = cli.run("rollout", "status", id);
      var json = cli.run("--output", "json", "rollout", "status", id);
      assertEquals(0, text.exitCode(), text.toString());
      assertEquals(0, json.exitCode(), json.toString());
      assertTrue(text.out().contains("Value '****' at 'dbPassword' failed"), text.out());
      assertTrue(json.out().contains("Value '****' at 'dbPassword' failed"), json.out());
      shown.addAll(List.of(text.out(), text.err(), json.out(), json.err()));
    }
    for (String out : shown) {
      assertClean(out, "output");
    }
    try (Stream<Path> files = Files.walk(repo.resolve(".tenantctl"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertClean(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), f.toString());
      }
    }
    Path report = repo.resolve(".tenantctl").resolve("rollout-" + id + ".md");
    String markdown = Files.exists(report) ? Files.readString(report) : findReport(id);
    assertTrue(markdown.contains("**acme**: ") && markdown.contains("Value '****'"), markdown);
  }

  private String findReport(String id) throws Exception {
    try (Stream<Path> files = Files.walk(repo.resolve(".tenantctl"))) {
      return Files.readString(files.filter(f -> f.getFileName().toString().equals("rollout-" + id + ".md"))
          .findFirst().orElseThrow());
    }
  }

  /** Neither the value nor a telling part of it, nor its JSON-escaped forms. */
  private static void assertClean(String text, String where) {
    for (String part : List.of(SECRET, "Pass\\word", "Pass\\\\word", "Db\\\"Pass", "ü€-漢", "\\u00fc\\u20ac")) {
      assertFalse(text.contains(part), "the secret (" + part + ") is in " + where + ": " + text);
    }
  }
}
