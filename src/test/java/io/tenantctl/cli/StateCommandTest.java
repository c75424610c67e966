package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state commands' usage errors: exit 2 and the fix, with no AWS call. */
class StateCommandTest {
  @TempDir Path repo;

  @Test
  void theStateCommandsNeedTheDynamoDbBackend() {
    var r = Cli.onSamples(repo).forbidCloud().run("state", "init", "--yes");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("the fleet file keeps state on local files; the state commands are for the dynamodb"
        + " backend"), r::toString);
    assertTrue(r.err().contains("set `state: {backend: dynamodb, table: NAME}`"), r::toString);
  }

  @Test
  void stateCanBeMigratedToDynamoDbOnly() {
    var r = Cli.onSamples(repo).forbidCloud().run("state", "migrate", "--to", "s3");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("state migrate --to s3: the state can be copied to dynamodb only"), r::toString);
  }
}
