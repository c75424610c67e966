package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's secret recipe with its variable unset: only deploying or previewing that stack needs it. */
@EmulatorTest
class UnsetVariableEmulatorTest {
  @TempDir Path repo;

  @Test
  void aStacksVariableIsNeededOnlyToDeployOrPreviewThatStack(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:APP_DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n", "  DbPassword:\n    Type: String\n"
        + "    NoEcho: true\n  AppVersion:\n"));

    for (String[] args : new String[][] {{"validate"}, {"bootstrap", "--create-organization"}, {"create", "acme", "--yes"},
        {"deploy", "acme", "--stack", "baseline"}, {"status"}, {"audit"}}) {
      var r = cli.run(aws, args);
      assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r);
    }
    var status = cli.run(aws, "status", "acme");
    assertTrue(status.out().contains("app NOT_DEPLOYED (cannot compare: set APP_DB_PASSWORD)"), status::toString);

    for (String[] args : new String[][] {{"deploy", "acme"}, {"diff", "acme", "--stack", "app"}}) {
      var r = cli.run(aws, args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r);
      assertTrue(r.err().contains("needs the environment variable APP_DB_PASSWORD, which is not set"), r::toString);
    }
  }
}
