package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verbose tells of every AWS call, per run: the next run in the same JVM without it is quiet again. */
@EmulatorTest
class VerboseEmulatorTest {
  @TempDir Path repo;

  @Test
  void verboseListsTheCallsOfItsOwnRunOnly(URI aws) {
    Cli cli = Cli.onSamples(repo);
    var verbose = cli.run(aws, "--verbose", "bootstrap", "--create-organization");
    assertEquals(0, verbose.exitCode(), verbose::toString);
    assertTrue(verbose.err().matches("(?s).*aws +Organizations CreateOrganization 200 in \\d+ ms.*"), verbose::toString);
    assertTrue(verbose.err().contains("CloudFormation CreateStack 200"), verbose::toString);

    var quiet = cli.run(aws, "bootstrap");
    assertEquals(0, quiet.exitCode(), quiet::toString);
    assertFalse(quiet.err().contains("Organizations DescribeOrganization"), quiet::toString);

    var again = cli.run(aws, "status", "--verbose");
    assertTrue(again.err().contains("Organizations ListAccounts 200"), again::toString);
  }
}
