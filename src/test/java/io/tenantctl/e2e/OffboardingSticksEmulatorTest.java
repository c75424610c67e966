package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the emulator, as the user saw it: after `delete`, the manifest left in tenants/ no longer brings the quarantined
 * account back on the next `create`; `--reinstate` does, and a closed account is refused in the plan.
 */
@EmulatorTest
class OffboardingSticksEmulatorTest {
  @TempDir Path repo;

  @Test
  void anOffboardedTenantStaysOffboardedUntilReinstatedAndAClosedOneForGood(URI aws) {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    try (var raw = new RawAws(aws)) {
      String acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
      var deleted = cli.run(aws, "delete", "acme", "--confirm", "acme");
      assertEquals(0, deleted.exitCode(), deleted::toString);
      assertTrue(deleted.out().contains("from git"), deleted::toString);

      var refused = cli.run(aws, "create", "--all", "--yes");
      assertEquals(1, refused.exitCode(), refused::toString);
      assertTrue(refused.err().contains("tenant acme was offboarded at "), refused::toString);
      assertEquals("/Quarantine", raw.ouPath(acme), "not moved back");

      var back = cli.run(aws, "create", "acme", "--reinstate", "--yes");
      assertEquals(0, back.exitCode(), back::toString);
      assertEquals("/Tenants/Enterprise", raw.ouPath(acme));

      assertEquals(0, cli.run(aws, "delete", "acme", "--confirm", "acme", "--close-account").exitCode());
      var closed = cli.run(aws, "create", "acme", "--reinstate", "--yes");
      assertEquals(1, closed.exitCode(), closed::toString);
      assertTrue(closed.err().contains("(closed): it cannot be onboarded again"), closed::toString);
      assertEquals("/Quarantine", raw.ouPath(acme));
    }
  }
}
