package io.tenantctl.bench;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pool ls} and {@code dev ls} with many dev tenants, and {@code dev up} from a warm pool, on the simulated
 * cloud with a fixed latency per Organizations call (every account's tags are one call: there is no bulk read).
 * Run with {@code java -cp … io.tenantctl.bench.PoolDevBenchmark [devTenants] [latencyMs]}.
 */
public final class PoolDevBenchmark {
  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
    SimCloud sim = new SimCloud(SimConfig.seeded(1).serviceQuotasReadable(true).accountQuota(1000));
    SimFleet fleet = new SimFleet(sim, Files.createTempDirectory("bench"));
    for (int i = 0; i < tenants; i++) {
      fleet.services().dev().up("dev" + i, Duration.ofHours(8), Progress.NONE);
    }
    fleet.services().pool().fill(Optional.empty(), Progress.NONE);
    for (String op : new String[] {"tags", "accounts", "parentOf", "accountRequests", "childUnits", "tag", "move"}) {
      sim.config().latency(op, latency);
    }
    System.out.printf("%d dev tenants, 3 ready pool accounts, %d ms per Organizations call (simulated)%n", tenants,
        latency.toMillis());
    time("pool ls", sim, () -> fleet.services().pool().list());
    time("dev ls", sim, () -> fleet.services().dev().list());
    time("dev up (warm pool)", sim, () -> fleet.services().dev().up("newcomer", Duration.ofHours(8), Progress.NONE));
  }

  private static void time(String what, SimCloud sim, Runnable body) {
    int before = sim.calls().values().stream().mapToInt(Integer::intValue).sum();
    long start = System.nanoTime();
    body.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    int calls = sim.calls().values().stream().mapToInt(Integer::intValue).sum() - before;
    System.out.printf("  %-20s %6d ms  %4d calls%n", what, ms, calls);
  }
}
