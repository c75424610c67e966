package io.tenantctl.bench;

import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.rollout.Bakery;
import io.tenantctl.rollout.HealthGate;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.rollout.RolloutPlan;
import io.tenantctl.rollout.TenantStacks;
import io.tenantctl.rollout.WavePlan;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.file.FileStateStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A rollout of many tenants in 3 waves (1% / 9% / 90%) in real wall-clock time: each tenant's stack takes a fixed
 * latency, and the real journal and lock are written on disk, so every overhead tenantctl adds (threads, journal
 * writes and their fsyncs, gate reads) shows against the ideal Σ ceil(n / C) × latency + bakes. Run with
 * {@code bin/bench rollout [TENANTS…] [MS]}.
 */
public final class RolloutBenchmark {
  private static final int[] CONCURRENCY = {5, 25, 50};

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = args.length == 0 ? List.of(1_000, 10_000)
        : java.util.Arrays.stream(args).limit(Math.max(1, args.length - 1)).map(Integer::parseInt).toList();
    long ms = args.length > 1 ? Long.parseLong(args[args.length - 1]) : 20;
    Duration latency = Duration.ofMillis(ms);
    System.out.printf("rollout benchmark: %d ms per stack, waves 1%%/9%%/90%% at concurrency %d/%d/%d, bake 1 s on the"
        + " first two, gate read on each bake; %d cores, max heap %d MB%n", ms, CONCURRENCY[0], CONCURRENCY[1],
        CONCURRENCY[2], Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    for (int n : sizes) {
      RolloutPlan plan = plan(n, false);
      double ideal = ideal(plan, latency);
      Run parallel = run(plan, latency);
      System.out.printf("%,d tenants: makespan %.2f s, ideal %.2f s, ratio %.3f; CPU %.3f ms per tenant; peak heap %d MB%n",
          n, parallel.seconds, ideal, parallel.seconds / ideal, parallel.cpuMs / n, parallel.peakHeapMb);
      int sample = Math.min(n, 1_000);
      Run one = run(plan(sample, true), latency);
      double sequential = one.seconds * n / sample;
      System.out.printf("  one tenant at a time: %.2f s%s; speedup %.1fx%n", sequential,
          sample < n ? " (estimated from " + sample + " tenants run one at a time)" : "", sequential / parallel.seconds);
    }
  }

  private record Run(double seconds, double cpuMs, long peakHeapMb) {}

  private static RolloutPlan plan(int n, boolean oneAtATime) {
    int canary = Math.max(1, n / 100);
    int early = Math.max(1, n * 9 / 100);
    List<String> all = IntStream.range(0, n).mapToObj(i -> "tenant-" + i).toList();
    List<List<String>> groups = List.of(all.subList(0, canary), all.subList(canary, canary + early),
        all.subList(canary + early, n));
    String[] names = {"canary", "early", "general"};
    Duration[] bakes = {Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO};
    Optional<Fleet.Gate> gate = Optional.of(new Fleet.Gate(List.of("app-5xx"), Optional.empty(), false));
    List<WavePlan> waves = IntStream.range(0, 3).mapToObj(i -> new WavePlan(names[i], groups.get(i),
        oneAtATime ? 1 : CONCURRENCY[i], Fleet.Tolerance.percent(10), bakes[i], i < 2 ? gate : Optional.empty(),
        Fleet.OnHalt.STOP)).toList();
    return new RolloutPlan("app", "all tenants", waves, false);
  }

  private static double ideal(RolloutPlan plan, Duration latency) {
    double s = 0;
    for (WavePlan w : plan.waves()) {
      s += Math.ceil((double) w.tenants().size() / w.concurrency()) * latency.toMillis() / 1000.0
          + w.bake().toMillis() / 1000.0;
    }
    return s;
  }

  private static Run run(RolloutPlan plan, Duration latency) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "rollout-bench");
    var store = new FileStateStore(dir, new StateScope("o-bench", "sim"));
    TenantStacks stacks = new TenantStacks() {
      @Override
      public boolean atTarget(String tenant) {
        return false;
      }

      @Override
      public PreviousVersion current(String tenant) {
        return new PreviousVersion(tenant, "tenantctl-" + tenant + "-app", "us-east-1", true, "Resources: {}",
            Map.of("AppVersion", "1.0.0"));
      }

      @Override
      public void deploy(String tenant) {
        try {
          Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void restore(String tenant, PreviousVersion previous) {
      }

      @Override
      public List<String> accounts(List<String> tenants) {
        return tenants;
      }
    };
    HealthGate gate = (spec, accounts) -> HealthGate.Reading.green();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    var summary = new Rollout(store, stacks, gate, Bakery.WALL_CLOCK, Progress.NONE).start("r-bench", plan);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    if (!summary.state().equals("done")) {
      throw new IllegalStateException("benchmark rollout ended " + summary.state());
    }
    return new Run(seconds, cpuMs, peak);
  }
}
