package io.tenantctl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the local emulator lives: one moto installation serves --local and bin/test. */
class LaunchTest {

  @Test
  void localUsesTenantctlEmulatorAndItsVenv() {
    var emulator = new Launch(Map.of(), s -> null).emulator();
    assertEquals(Path.of(".tenantctl/emulator").toAbsolutePath(), emulator.home());
    assertEquals(Path.of(".tenantctl/emulator/venv").toAbsolutePath(), emulator.venv());
  }

  @Test
  void aSecondEmulatorHomeSharesTheVenvItIsGiven() {
    var emulator = new Launch(Map.of("TENANTCTL_EMULATOR_HOME", "/repo/.tenantctl/test-emulator",
        "TENANTCTL_EMULATOR_VENV", "/repo/.tenantctl/emulator/venv"), s -> null).emulator();
    assertEquals(Path.of("/repo/.tenantctl/test-emulator"), emulator.home());
    assertEquals(Path.of("/repo/.tenantctl/emulator/venv"), emulator.venv());
  }
}
