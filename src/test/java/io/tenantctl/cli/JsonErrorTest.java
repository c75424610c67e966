package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --output json, every failure is also one JSON object on stdout: error, fix, exitCode. */
class JsonErrorTest {
  @TempDir Path repo;

  private static JsonNode json(Cli.Result r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void anInvalidManifestIsAJsonError() throws Exception {
    var cli = Cli.onSamples(repo).forbidCloud();
    Cli.write(repo.resolve("tenants/acme.yaml"), "nmae: acme\n");
    var r = cli.run("status", "--output", "json");
    assertEquals(2, r.exitCode(), r::toString);
    JsonNode j = json(r);
    assertEquals(2, j.get("exitCode").asInt());
    assertTrue(j.get("error").asText().contains("tenants/acme.yaml:1:1"), r::toString);
    assertTrue(r.err().contains("unknown key \"nmae\""), "the human message stays on stderr: " + r.err());
  }

  @Test
  void aFaultIsAJsonErrorWithItsFix() throws Exception {
    var cli = Cli.onSamples(repo).forbidCloud();
    var r = cli.run("deploy", "acme", "--stack", "nosuch", "--output", "json");
    assertEquals(2, r.exitCode(), r::toString);
    JsonNode j = json(r);
    assertTrue(j.get("error").asText().contains("no stack named nosuch"), r::toString);
    assertTrue(j.get("fix").asText().contains("use one of: baseline, app"), r::toString);
  }

  @Test
  void aUsageErrorIsAJsonError() throws Exception {
    var cli = Cli.onSamples(repo).forbidCloud();
    var r = cli.run("create", "--output", "json");
    assertEquals(2, r.exitCode(), r::toString);
    JsonNode j = json(r);
    assertEquals(2, j.get("exitCode").asInt());
    assertTrue(j.get("error").asText().contains("name a tenant, or pass --all"), r::toString);
  }

  @Test
  void withoutJsonNothingReachesStdout() {
    var cli = Cli.onSamples(repo).forbidCloud();
    var r = cli.run("create");
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.out());
    assertTrue(r.err().contains("Usage:"), "a usage error shows the synopsis: " + r.err());
  }
}
