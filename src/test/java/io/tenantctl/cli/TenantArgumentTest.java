package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.manifest.TenantName;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A TENANT on the command line gets the verdict its name gets in a manifest: same message, same fix, exit 2. */
class TenantArgumentTest {
  @TempDir Path samples;

  @ParameterizedTest(name = "{1}")
  @CsvSource({"bad-name-dev-prefix, dev-alice", "bad-name-aws-prefix, awsome", "bad-name-uppercase, Acme",
      "bad-name-double-hyphen, acme--corp"})
  void sameVerdictAsInAManifest(String brokenCase, String name) {
    String verdict = TenantName.check(name).orElseThrow();
    String fix = "fix: " + TenantName.RULE;

    Cli manifest = Cli.in(Cli.projectRoot().resolve("src/test/resources/broken").resolve(brokenCase)).forbidCloud();
    var inManifest = manifest.run("validate");
    assertEquals(2, inManifest.exitCode(), inManifest::toString);
    assertTrue(inManifest.err().contains(verdict + "\n  " + fix), inManifest::toString);

    for (String command : new String[] {"create", "deploy", "status"}) {
      Cli cli = Cli.onSamples(samples).forbidCloud();
      var onCommandLine = cli.run(command, name);
      assertEquals(2, onCommandLine.exitCode(), onCommandLine::toString);
      assertTrue(onCommandLine.err().contains(verdict), onCommandLine::toString);
      assertTrue(onCommandLine.err().contains(fix), onCommandLine::toString);
      assertEquals(0, cli.cloudsRequested(), "no AWS client for a bad TENANT");
    }
  }
}
