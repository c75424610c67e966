package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EmulatorTest
class BootstrapEmulatorTest {
  @TempDir Path repo;

  @Test
  void refusesAProductionAccountThatIsTheManagementAccountBeforeWritingAnything(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("  email: aws+production@example.com",
        "  accountId: \"123456789012\""));
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "bootstrap", "--create-organization");
    assertEquals(3, r.exitCode(), r::toString);
    assertTrue(r.err().contains("is the organization's management account"), r::toString);
    assertEquals(List.of(), tap.writes(), "nothing written: " + tap.calls());
  }

  @Test
  void twoBootstrapsOfANewOrganizationAtOnceMakeOneProductionAccount(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    var go = new java.util.concurrent.CountDownLatch(1);
    var two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Cli.Result>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> {
          go.await();
          return cli.run(aws, "bootstrap", "--create-organization");
        }));
      }
      go.countDown();
      for (var run : runs) {
        var r = run.get();
        assertEquals(0, r.exitCode(), r::toString);
      }
    } finally {
      two.shutdownNow();
    }
    try (var raw = new RawAws(aws)) {
      // the emulator takes a second account with the same e-mail; AWS would refuse it
      assertEquals(1, raw.accountsWithEmail("aws+production@example.com").size(), "one production account");
    }
  }

  @Test
  void withoutAnOrganizationItSaysHowToCreateOne(URI aws) {
    var r = Cli.onSamples(repo).run(aws, "bootstrap");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("is not in an AWS organization"), r::toString);
    assertTrue(r.err().contains("--create-organization"), r::toString);
  }

  @Test
  void createBeforeBootstrapFailsClearly(URI aws) {
    var r = Cli.onSamples(repo).run(aws, "create", "acme");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().startsWith("error: "), r::toString);
  }
}
