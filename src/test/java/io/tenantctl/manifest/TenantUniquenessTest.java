package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantUniquenessTest {

  @TempDir Path dir;

  @Test
  void aDefaultedEmailIsNamedAsTheFleetsWhenItIsTheRepeat() {
    assertEquals("tenants/acme.yaml:1:7: account e-mail aws+acme@example.com (from the fleet's accountEmail) is"
        + " also used by tenants/aaa.yaml\n  fix: give each tenant an account e-mail of its own under account.email",
        new MiniRepo(dir)
            .tenant("aaa.yaml", "name: aaa\nwave: canary\naccount:\n  email: aws+acme@example.com\n")
            .tenant("globex.yaml", "name: globex\nwave: canary\n")
            .problems());
  }
}
