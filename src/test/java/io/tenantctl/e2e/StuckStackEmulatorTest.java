package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator leaves a stack whose CreateStack failed CREATE_IN_PROGRESS for good: a run that meets it gives up
 * once it has not moved for the limit (shortened here), naming the emulator, instead of waiting out its timeout.
 */
@EmulatorTest
class StuckStackEmulatorTest {
  @TempDir Path repo;

  @Test
  void aStackTheEmulatorLeftInProgressIsTakenForFailedNamingTheEmulator(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo).withEnv(Map.of("TENANTCTL_EMULATOR_STUCK_AFTER", "3s"));
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    // a queue moto cannot make: its CreateStack fails and the stack stays CREATE_IN_PROGRESS (AWS would roll back)
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("\nOutputs:",
        "  SlowQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: soon\n\nOutputs:"));

    var first = cli.run(aws, "deploy", "acme", "--stack", "app", "--yes");
    assertEquals(1, first.exitCode(), first::toString);
    var again = cli.run(aws, "deploy", "acme", "--stack", "app", "--yes");
    assertEquals(1, again.exitCode(), again::toString);
    // at least the limit: polls back off, so the stack is seen still a little later
    assertTrue(again.err().matches("(?s).*stack tenantctl-acme-app has stayed CREATE_IN_PROGRESS for ([3-9]|[1-9][0-9]+) s with no new"
        + " event.*"), again::toString);
    assertTrue(again.err().contains("the local emulator (moto) can leave a stack whose operation failed in progress"),
        again::toString);
  }
}
