package io.tenantctl.bench;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.org.AccountDirectory;
import java.time.Duration;
import java.util.Map;

/**
 * How long finding a tenant's account takes in a large organization, where every account's tags must
 * be read (Organizations has no bulk tag call): sequential against parallel reads, measured in the same
 * run on the simulated cloud with a fixed per-call latency. Run with bin/bench.
 */
public final class DirectoryScanBenchmark {
  public static void main(String[] args) {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
    SimCloud sim = new SimCloud(SimConfig.seeded(1));
    for (int i = 0; i < accounts; i++) {
      sim.addAccount("tenant-" + i, "t" + i + "@example.com", "/",
          Map.of(AccountDirectory.TENANT_TAG, "tenant-" + i));
    }
    sim.config().latency("tags", latency);
    System.out.printf("directory scan: %d accounts, %d ms per ListTagsForResource (simulated)%n", accounts,
        latency.toMillis());
    double ideal = accounts * latency.toMillis();
    long sequential = 0;
    for (int parallelism : new int[] {1, 4, AccountDirectory.DEFAULT_PARALLELISM, 16}) {
      long ms = time(sim, parallelism, "tenant-" + (accounts - 1));
      if (parallelism == 1) {
        sequential = ms;
      }
      System.out.printf("  parallelism %2d: %6d ms   speed-up %.1fx (ideal %dx)   %.0f%% of the sequential ideal%n",
          parallelism, ms, (double) sequential / ms, parallelism, 100.0 * ms / ideal);
    }
  }

  private static long time(SimCloud sim, int parallelism, String lastTenant) {
    long start = System.nanoTime();
    var found = new AccountDirectory(sim.organization(), parallelism).byTenantTag(lastTenant);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (found.isEmpty()) {
      throw new IllegalStateException("benchmark lookup found nothing");
    }
    return ms;
  }
}
