package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.WireTap;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when AWS cannot be reached: one line of what happened and one of what to do, exit 1. */
class AwsFailureCliTest {
  @TempDir Path dir;

  private static final Map<String, String> CREDENTIAL_FILES = Map.of(
      "aws.sharedCredentialsFile", "/nonexistent/tenantctl-test/credentials",
      "aws.configFile", "/nonexistent/tenantctl-test/config",
      "aws.disableEc2Metadata", "true");

  @BeforeEach
  void noCredentialFiles() {
    CREDENTIAL_FILES.forEach(System::setProperty);
  }

  @AfterEach
  void restore() {
    CREDENTIAL_FILES.keySet().forEach(System::clearProperty);
  }

  /** A loopback port nothing listens on: bound, then let go. */
  private static int refusingPort() throws Exception {
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aRefusedEndpointFailsAtOnceWithWhatToDo() throws Exception {
    var tap = new WireTap();
    var cli = Cli.onSamples(dir).tapped(tap);
    String endpoint = "http://127.0.0.1:" + refusingPort();

    var r = cli.run("--endpoint-url", endpoint, "status");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("failed: nothing answers at " + endpoint + " (connection refused)"), r.err());
    assertTrue(r.err().contains("fix: is the emulator stopped? `tenantctl emulator start` starts the one --local"
        + " uses"), r.err());
    // a restarted emulator is empty: the hint to begin again carries this run's options
    assertTrue(r.err().contains(" --endpoint-url " + endpoint + " up --create-organization`"), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    // refused is not retried: one attempt on the wire, not the SDK's ten with backoff
    assertEquals(1, tap.calls().size(), tap.calls().toString());
  }

  @Test
  void aRefusedEndpointIsAJsonErrorToo() throws Exception {
    var cli = Cli.onSamples(dir);
    String endpoint = "http://127.0.0.1:" + refusingPort();

    var r = cli.run("--endpoint-url", endpoint, "audit", "--output", "json");

    assertEquals(1, r.exitCode(), r.toString());
    var json = new ObjectMapper().readTree(r.out());
    assertTrue(json.get("error").asText().contains("connection refused"), r.out());
    assertTrue(json.get("fix").asText().contains("emulator start"), r.out());
    assertEquals(1, json.get("exitCode").asInt());
  }

  @Test
  void noCredentialsIsOneLineWithTheFix() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
        && System.getenv("AWS_PROFILE") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null,
        "this machine's environment holds AWS credentials");
    var cli = Cli.onSamples(dir);

    var r = cli.run("status");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("failed: no AWS credentials were found"), r.err());
    assertTrue(r.err().contains("fix: pass --profile NAME or set AWS_PROFILE"), r.err());
    assertTrue(r.err().contains("`aws sso login --profile NAME`"), r.err());
    assertTrue(r.err().contains("--local"), r.err());
    // not the SDK's list of every provider it tried
    assertFalse(r.err().contains("CredentialsProvider"), r.err());
    assertTrue(r.err().length() < 400, r.err().length() + " characters: " + r.err());
  }

  @Test
  void aProfileWithoutCredentialsIsNamed() {
    var r = Cli.onSamples(dir).run("--profile", "nosuch", "status");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("failed: no AWS credentials were found for the profile nosuch\n"), r.err());
    assertTrue(r.err().contains("run `aws sso login --profile nosuch`"), r.err());
  }

  @Test
  void anSsoProfileWithoutASessionSaysToLogIn() throws Exception {
    Path config = dir.resolve("aws-config");
    Files.writeString(config, "[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
        + "sso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-1\n");
    System.setProperty("aws.configFile", config.toString());

    var r = Cli.onSamples(dir).run("--profile", "sso", "status");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("failed: the AWS SSO session of the profile has expired or was never started\n"
        + "  fix: run `aws sso login --profile sso`, then run the command again"), r.err());
  }

  @Test
  void aFixNamingACommandRepeatsTheGlobalOptionsGiven() throws Exception {
    var cli = Cli.onSamples(dir).forbidCloud();
    Path fleet = dir.resolve("fleet.yaml");
    java.nio.file.Files.writeString(fleet, java.nio.file.Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:APP_DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = dir.resolve("templates/app.yaml");
    java.nio.file.Files.writeString(app, java.nio.file.Files.readString(app).replace("  AppVersion:\n",
        "  DbPassword:\n    Type: String\n    NoEcho: true\n  AppVersion:\n"));

    var r = cli.run("--local", "--profile", "ops admin", "--region", "eu-west-1", "deploy", "acme");

    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("`tenantctl --fleet " + fleet + " --tenants " + dir.resolve("tenants")
        + " --region eu-west-1 --profile 'ops admin' --local validate`"), r.err());
  }

  @Test
  void theEmulatorCommandTakesNoGlobalOptions() {
    assertEquals("run `tenantctl --local status`, or `tenantctl emulator start`",
        new Pasteable("--local", java.util.Optional.empty(), java.util.List.of("status", "emulator"))
            .text("run `tenantctl status`, or `tenantctl emulator start`"));
  }

  @Test
  void defaultsAreNotRepeated() {
    assertEquals("run `tenantctl bootstrap`", new Pasteable("", java.util.Optional.empty(),
        java.util.List.of("bootstrap")).text("run `tenantctl bootstrap`"));
  }
}
