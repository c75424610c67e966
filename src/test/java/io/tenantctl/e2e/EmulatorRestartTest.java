package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.emulator.LocalEmulator;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-hour trap: the emulator restarted (its organization gone) under a state directory written against the
 * old one. State belongs to the organization it was written against, so the new organization starts clean.
 */
@EmulatorTest
class EmulatorRestartTest {
  @TempDir Path repo;

  @Test
  void aNewOrganizationIsNeverReplayedTheOldOnesJournal(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "up", "--create-organization", "--yes").exitCode());
    String before = organizationId(aws);

    new LocalEmulator(repo.resolve("unused")).reset(aws);
    var again = cli.run(aws, "up", "--create-organization", "--yes");
    assertEquals(0, again.exitCode(), again::toString);
    String after = organizationId(aws);
    assertTrue(!before.equals(after), "a new organization: " + before + " then " + after);
    try (var raw = new RawAws(aws)) {
      assertEquals(1, raw.accountsWithEmail("aws+acme@example.com").size());
    }
    try (Stream<Path> scopes = Files.list(repo.resolve(".tenantctl/state"))) {
      // account-<id>@… is where bootstrap --create-organization queues before an organization exists
      var names = scopes.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("account-")).sorted()
          .toList();
      assertEquals(2, names.size(), "one state per organization: " + names);
      assertTrue(names.stream().allMatch(n -> n.endsWith("@127.0.0.1-" + aws.getPort())), names::toString);
    }
  }

  private static String organizationId(URI aws) {
    try (var raw = new RawAws(aws)) {
      return raw.org().describeOrganization().organization().id();
    }
  }
}
