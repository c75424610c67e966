package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret parameter's value reaches CloudFormation and nothing else: not stdout, stderr, the log
 * (the CLI runs as its own JVM with --verbose, so slf4j's output is captured too) or any state file.
 */
@EmulatorTest
class SecretParameterEmulatorTest {
  static final String SECRET = "s3cr3t-Pa55word-7f2c91";
  @TempDir Path repo;

  /** A second secret, quoted and escaped: its JSON and URL forms differ from the value itself. */
  static final String QUOTED = "qu\"o\\te-Pa55\\\"word-8e1d";

  /**
   * Two tenants, each with its own secret (one plain, one with quotes and backslashes), through every command in
   * one pass: the set-up and the JVM launches are shared rather than made once per value.
   */
  @Test
  void aSecretParameterAppearsNowhereButInTheStack(URI aws) throws Exception {
    Cli.onSamples(repo);
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:ACME_DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path globex = repo.resolve("tenants/globex.yaml");
    Files.writeString(globex, Files.readString(globex) + "parameters:\n  app:\n    DbPassword: \"${env:GLOBEX_DB_PASSWORD}\"\n");
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n", "  DbPassword:\n    Type: String\n"
        + "  AppVersion:\n").replace("  DeployedVersion:", "  DbPasswordCopy:\n    Type: AWS::SSM::Parameter\n"
        + "    Properties:\n      Name: !Sub \"/tenantctl/${TenantName}/db\"\n      Type: String\n"
        + "      Value: !Ref DbPassword\n\n  DeployedVersion:"));

    StringBuilder seen = new StringBuilder();
    for (String[] args : List.of(
        new String[] {"bootstrap", "--create-organization"},
        new String[] {"bootstrap", "--output", "json"},
        new String[] {"create", "acme", "globex", "--yes"},
        new String[] {"create", "acme", "globex", "--output", "json"},
        new String[] {"diff", "acme"},
        new String[] {"diff", "globex", "--output", "json"},
        new String[] {"deploy", "acme"},
        new String[] {"deploy", "globex", "--output", "json"},
        new String[] {"status"},
        new String[] {"status", "--output", "json"},
        new String[] {"audit"},
        new String[] {"audit", "--output", "json"},
        new String[] {"validate"},
        new String[] {"validate", "--output", "json"})) {
      seen.append(tenantctl(aws, args));
    }
    assertTrue(seen.toString().contains("tenantctl-acme-app created"), seen::toString);
    // each value itself, and every encoded form of it: JSON-escaped, URL-encoded
    for (String secret : List.of(SECRET, QUOTED)) {
      for (String form : List.of(secret, secret.replace("\\", "\\\\").replace("\"", "\\\""),
          java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
        assertFalse(seen.toString().contains(form), "the secret was printed or logged as " + form + ":\n" + seen);
        try (Stream<Path> files = Files.walk(repo.resolve(".tenantctl"))) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            assertFalse(Files.readString(f).contains(form), "the secret is in " + f);
          }
        }
      }
    }
    try (var raw = new RawAws(aws)) {
      for (var tenant : List.of(List.of("acme", SECRET), List.of("globex", QUOTED))) {
        String account = raw.accountsWithEmail("aws+" + tenant.get(0) + "@example.com").get(0).id();
        var stack = raw.cfn(account).describeStacks(s -> s.stackName("tenantctl-" + tenant.get(0) + "-app")).stacks()
            .get(0);
        assertEquals(tenant.get(1), stack.parameters().stream().filter(p -> p.parameterKey().equals("DbPassword"))
            .findFirst().orElseThrow().parameterValue(), "the secret did reach CloudFormation");
      }
    }
  }

  @Test
  void aSecretWrittenIntoTheManifestIsRefused(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"" + SECRET + "\"\n    secretParameters: [DbPassword]\n"));
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n", "  DbPassword:\n    Type: String\n"
        + "  AppVersion:\n"));
    var r = cli.forbidCloud().run("validate");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("secret parameter DbPassword has its value written in the manifest"), r::toString);
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), r::toString);
  }

  /** Runs the CLI as a separate JVM in the repo, as a user would, and returns all it printed. */
  private String tenantctl(URI aws, String... args) throws IOException, InterruptedException {
    // with bin/tenantctl's JVM flags, which start it fastest
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "io.tenantctl.TenantCtl", "--verbose", "--endpoint-url",
        aws.toString()));
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("ACME_DB_PASSWORD", SECRET);
    pb.environment().put("GLOBEX_DB_PASSWORD", QUOTED);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    assertEquals(0, code, String.join(" ", args) + ":\n" + out);
    return out;
  }
}
