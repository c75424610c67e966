package io.tenantctl.bench;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code create --all} of many new tenants through the composition root on the simulated cloud, where every call
 * takes a fixed latency (as AWS's calls do, and unlike the CPU-bound local emulator): one tenant at a time against
 * the batch's bounded concurrency, measured in the same run. Run with {@code bin/bench create [TENANTS] [MS]}.
 */
public final class CreateBenchmark {
  public static void main(String[] args) throws IOException {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
    System.out.printf("create --all: %d new tenants, %d ms per simulated AWS call%n", tenants, latency.toMillis());
    long sequential = 0;
    for (int concurrency : new int[] {1, 8, 32}) {
      Path repo = Files.createTempDirectory("tenantctl-bench");
      Cli.copy(Samples.fleet(), repo.resolve("fleet.yaml"));
      Cli.copyTree(Samples.templates(), repo.resolve("templates"));
      for (int i = 0; i < tenants; i++) {
        Cli.write(repo.resolve(String.format("tenants/bench%04d.yaml", i)),
            String.format("name: bench%04d%naccount:%n  ou: /Tenants/Bench%nwave: general%n", i));
      }
      var sim = new SimCloud(SimConfig.seeded(7).accountCreationPolls(2).roleNotAssumableFor(1).latency(latency));
      sim.addAccount("production", "aws+production@example.com", "/", Map.of());
      var settings = Settings.of(repo.resolve("fleet.yaml"), repo.resolve("tenants")).withPollDelay(Duration.ZERO)
          .withStateDir(repo.resolve(".tenantctl")).withConcurrency(concurrency);
      try (var services = new Services(settings, new Launch(Map.of(), s -> sim), Progress.NONE)) {
        var all = services.tenants(List.of(), true);
        long start = System.nanoTime();
        var result = services.onboarding().onboard(all, services.batch(), Progress.NONE);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (!result.failed().isEmpty()) {
          throw new IllegalStateException("benchmark tenants failed: " + result.failed().get(0).failure());
        }
        if (concurrency == 1) {
          sequential = ms;
        }
        int calls = sim.calls().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("  concurrency %2d: %6d ms   speedup %.1fx (ideal %dx)   %.0f calls per tenant%n",
            concurrency, ms, (double) sequential / ms, concurrency, (double) calls / tenants);
      }
    }
  }
}
