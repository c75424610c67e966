package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `emulator alarm` sets alarms on the emulator only: against AWS it is refused before any call. */
class EmulatorAlarmCommandTest {
  @TempDir Path repo;

  @Test
  void againstAwsItIsRefusedWithExit2AndTheFixBeforeAnyCall() {
    Cli cli = Cli.onSamples(repo).forbidCloud();

    var r = cli.run("emulator", "alarm", "acme", "app-5xx", "ALARM");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("`emulator alarm` sets alarms on the local emulator only"), r::toString);
    assertTrue(r.err().contains("add --local"), r::toString);
    assertEquals(0, cli.cloudsRequested());
  }

  @Test
  void aStateOtherThanAlarmOrOkAndAMissingActionAreUsageErrors() {
    Cli cli = Cli.onSamples(repo).forbidCloud();
    var bad = cli.run("--local", "emulator", "alarm", "acme", "app-5xx", "RED");
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("ALARM, OK"), bad::toString);

    var none = cli.run("emulator");
    assertEquals(2, none.exitCode(), none::toString);
    assertTrue(none.err().contains("Missing required parameter: 'ACTION'"), none::toString);
  }
}
