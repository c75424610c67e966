package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status, diff and deploy agree after an update through a change set, although moto keeps the stack's old
 * tags on ExecuteChangeSet; and a parameter-only change, for which moto lists no resource change, is shown.
 */
@EmulatorTest
class FingerprintEmulatorTest {
  @TempDir Path repo;
  Cli cli;

  @BeforeEach
  void deployAcme(URI aws) {
    cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    assertEquals(0, cli.run(aws, "deploy", "acme").exitCode());
  }

  private void appVersion(String version) throws Exception {
    Path manifest = repo.resolve("tenants/acme.yaml");
    Files.writeString(manifest, Files.readString(manifest).replaceAll("AppVersion: \"[0-9.]+\"",
        "AppVersion: \"" + version + "\""));
  }

  @Test
  void aParameterOnlyChangeIsShownByDiffWithItsOldAndNewValue(URI aws) throws Exception {
    appVersion("1.1.0");

    var text = cli.run(aws, "diff", "acme", "--stack", "app");
    assertEquals(0, text.exitCode(), text::toString);
    assertFalse(text.out().contains("no changes"), text::toString);
    assertTrue(text.out().contains("~ parameter AppVersion: 1.0.0 \u2192 1.1.0"), text::toString);
    assertTrue(text.out().contains("CloudFormation listed no resource changes"), text::toString);

    var json = cli.run(aws, "diff", "acme", "--stack", "app", "--output", "json");
    var stack = new ObjectMapper().readTree(json.out()).get(0);
    assertFalse(stack.get("upToDate").asBoolean(), json::toString);
    assertEquals("AppVersion", stack.get("parameters").get(0).get("name").asText(), json::toString);
    assertEquals("1.0.0", stack.get("parameters").get(0).get("before").asText());
    assertEquals("1.1.0", stack.get("parameters").get(0).get("after").asText());
  }

  @Test
  void afterAnUpdateStatusDiffAndDeployAllSayUpToDateAndDeployWritesNothing(URI aws) throws Exception {
    appVersion("1.1.0");
    var update = cli.run(aws, "deploy", "acme", "--stack", "app");
    assertTrue(update.out().contains("tenantctl-acme-app updated"), update::toString);

    var status = cli.run(aws, "status", "acme");
    assertEquals(0, status.exitCode(), status::toString);
    assertFalse(status.out().contains("outdated"), "status agrees with deploy: " + status);
    var statusJson = new ObjectMapper().readTree(cli.run(aws, "status", "acme", "--output", "json").out());
    assertTrue(statusJson.get(0).get("stacks").get(1).get("current").asBoolean(), statusJson::toString);

    var diff = cli.run(aws, "diff", "acme", "--stack", "app");
    assertEquals("tenantctl-acme-app: no changes\n", diff.out(), diff::toString);

    WireTap tap = new WireTap();
    var again = cli.tapped(tap).run(aws, "deploy", "acme", "--stack", "app");
    assertTrue(again.out().contains("tenantctl-acme-app up to date"), again::toString);
    assertEquals(List.of(), tap.writes(), "no write: " + tap.calls());

    appVersion("1.2.0");
    var status2 = cli.run(aws, "status", "acme");
    assertTrue(status2.out().contains("outdated"), "a real change is still seen: " + status2);
    assertTrue(cli.run(aws, "deploy", "acme", "--stack", "app").out().contains("tenantctl-acme-app updated"));
  }
}
