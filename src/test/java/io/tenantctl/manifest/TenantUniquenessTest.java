package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantUniquenessTest {

  @TempDir Path dir;

  @Test
  void aTenantIsDefinedOnce() {
    assertEquals("tenants/acme.yml:1:7: tenant \"acme\" is also defined in tenants/acme.yaml\n"
        + "  fix: keep one file per tenant: remove or rename one of them",
        new MiniRepo(dir).tenant("acme.yml", "name: acme\nwave: canary\n").problems());
  }

  @Test
  void accountEmailsAreUniqueIgnoringCaseAndNamingBothFiles() {
    assertEquals("tenants/globex.yaml:4:10: account e-mail Ops@Example.com is also used by tenants/acme.yaml\n"
        + "  fix: give each tenant an account e-mail of its own under account.email",
        new MiniRepo(dir)
            .tenant("acme.yaml", "name: acme\nwave: canary\naccount:\n  email: ops@example.com\n")
            .tenant("globex.yaml", "name: globex\nwave: canary\naccount:\n  email: Ops@Example.com\n")
            .problems());
  }

  @Test
  void defaultEmailsCountToo() {
    assertEquals("tenants/globex.yaml:4:10: account e-mail aws+acme@example.com is also used by tenants/acme.yaml\n"
        + "  fix: give each tenant an account e-mail of its own under account.email",
        new MiniRepo(dir)
            .tenant("globex.yaml", "name: globex\nwave: canary\naccount:\n  email: aws+acme@example.com\n")
            .problems());
    assertEquals("tenants/acme.yaml:1:7: account e-mail aws+acme@example.com (from the fleet's accountEmail) is"
        + " also used by tenants/aaa.yaml\n  fix: give each tenant an account e-mail of its own under account.email",
        new MiniRepo(dir)
            .tenant("aaa.yaml", "name: aaa\nwave: canary\naccount:\n  email: aws+acme@example.com\n")
            .tenant("globex.yaml", "name: globex\nwave: canary\n")
            .problems());
  }

  @Test
  void adoptedAccountsAreUnique() {
    assertEquals("tenants/globex.yaml:4:7: account.id 222222222222 is also adopted by tenants/acme.yaml\n"
        + "  fix: each tenant needs an account of its own: correct or remove one of the ids",
        new MiniRepo(dir)
            .tenant("acme.yaml", "name: acme\nwave: canary\naccount:\n  id: \"222222222222\"\n")
            .tenant("globex.yaml", "name: globex\nwave: canary\naccount:\n  id: \"222222222222\"\n")
            .problems());
  }
}
