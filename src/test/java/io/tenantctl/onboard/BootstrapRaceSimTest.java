package io.tenantctl.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code bootstrap --create-organization} at once in one working copy, on an account with no organization yet:
 * one creates the organization and production, the other waits and finds them. Never two production accounts.
 */
class BootstrapRaceSimTest {
  @TempDir Path repo;
  /** The simulated cloud answers whatever the endpoint; an endpoint makes the CLI poll every 100 ms, not 2 s. */
  private static final java.net.URI FAST_POLLS = java.net.URI.create("http://127.0.0.1:9");

  @Test
  void twoBootstrapsOfANewOrganizationMakeOneOrganizationAndOneProduction() throws Exception {
    // CreateOrganization takes a while: both runs have looked for an organization before the first one exists
    SimCloud cloud = new SimCloud(SimConfig.seeded(7).withoutOrganization().accountCreationPolls(1)
        .latency("createOrganization", Duration.ofSeconds(2)));
    Cli cli = Cli.onSamples(repo).withClouds(s -> cloud);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Future<Cli.Result>> runs = List.of(
          two.submit(() -> {
            go.await();
            return cli.run(FAST_POLLS, "bootstrap", "--create-organization");
          }),
          two.submit(() -> {
            go.await();
            return cli.run(FAST_POLLS, "bootstrap", "--create-organization");
          }));
      go.countDown();
      for (Future<Cli.Result> run : runs) {
        Cli.Result r = run.get();
        assertEquals(0, r.exitCode(), r::toString);
      }
    } finally {
      two.shutdownNow();
    }
    assertEquals(1, cloud.organization().accounts().stream()
        .filter(a -> a.email().equalsIgnoreCase("aws+production@example.com")).count(), "one production account");
    assertEquals(1, cloud.calls("createOrganization"), "one organization created");
  }
}
