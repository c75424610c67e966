package io.tenantctl.state.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.file.FileStateStore;
import io.tenantctl.state.file.FileStateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code state migrate} refuses before it reads or writes the table. */
class StateMigrationTest {
  @TempDir Path dir;

  @Test
  void aLocalLockHeldByARunRefusesTheMigrationNamingItsHolder() {
    var local = (FileStateStore) new FileStateStores(dir).open(new StateScope("o-abc", "aws"));
    local.locks().acquire("fleet", new Locks.Claimant("alice", "laptop", 101, "rollout r-1"), Duration.ofMinutes(10));
    var table = new StateTableCheckTest.IgnoresConditions();

    Fault refused = assertThrows(Fault.class,
        () -> new StateMigration(local, new DynamoStateStores(table, "tenantctl-state")).run());

    assertEquals(ExitCode.FAILED, refused.exitCode());
    assertTrue(refused.getMessage().startsWith("the local lock fleet is held by alice@laptop (pid 101) for rollout r-1"
        + " since "), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("a run is writing the local state; nothing was copied"),
        refused.getMessage());
    assertEquals(Map.of(), table.items, "nothing was written to the table");
  }
}
