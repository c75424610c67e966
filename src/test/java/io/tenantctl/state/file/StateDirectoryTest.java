package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.state.StateScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state directory that cannot be written is the environment's problem: exit 1 with a fix, never "report it". */
class StateDirectoryTest {
  @TempDir Path dir;

  @Test
  void aStateDirectoryThatIsAFileIsRefusedWithItsFixBeforeAnythingIsWritten() throws Exception {
    // (a file, not permissions: the tests may run as root, who writes anywhere)
    Path notADir = Files.writeString(dir.resolve(".tenantctl"), "not a directory");

    Fault fault = assertThrows(Fault.class,
        () -> new FileStateStores(notADir).open(StateScope.of("o-abc123", Optional.empty())));

    assertEquals(ExitCode.FAILED, fault.exitCode());
    assertTrue(fault.getMessage().startsWith("cannot write the state directory " + notADir), fault.getMessage());
    assertTrue(fault.fix().orElseThrow().contains("state.dir in the fleet file"), fault.fix().toString());
  }
}
