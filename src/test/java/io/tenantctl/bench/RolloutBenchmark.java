package io.tenantctl.bench;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.rollout.Bakery;
import io.tenantctl.rollout.HealthGate;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.rollout.RolloutPlan;
import io.tenantctl.rollout.TenantStacks;
import io.tenantctl.rollout.WavePlan;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.file.FileStateStore;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A rollout of many tenants in 3 waves (1% / 9% / 90%) in real wall-clock time, with the real journal and lock
 * on disk, so every overhead tenantctl adds (threads, journal writes and their fsyncs, gate reads) shows against
 * the ideal Σ ceil(n / C) × latency + bakes. Two setups, measured in the same run:
 * <ul>
 *   <li>{@code cloud}: through the composition root on the simulated cloud — each tenant's deploy role, the
 *       template guard, the resumable deployer's change set, CloudWatch alarms read through the gate — where only
 *       executing a change set takes the latency (a stack's update) and every other call is instant;
 *   <li>{@code engine}: the rollout engine alone over stacks that only sleep the latency, to show what the engine
 *       itself costs.
 * </ul>
 * Each setup first runs a warm-up rollout of 1,000 tenants (not measured), as a long-running process would be
 * past its JIT warm-up. Run with {@code bin/bench rollout [TENANTS…] [MS]}.
 */
public final class RolloutBenchmark {
  private static final int[] CONCURRENCY = {5, 25, 50};
  private static final Fleet.Gate GATE = new Fleet.Gate(List.of("app-5xx"), Optional.empty(), false);

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = args.length == 0 ? List.of(1_000, 10_000)
        : java.util.Arrays.stream(args).limit(Math.max(1, args.length - 1)).map(Integer::parseInt).toList();
    long ms = args.length > 1 ? Long.parseLong(args[args.length - 1]) : 20;
    Duration latency = Duration.ofMillis(ms);
    System.out.printf("rollout benchmark: %d ms per stack, waves 1%%/9%%/90%% at concurrency %d/%d/%d, bake 1 s on the"
        + " first two, gate read on each bake; %d cores, max heap %d MB, Java %s %s%n", ms, CONCURRENCY[0],
        CONCURRENCY[1], CONCURRENCY[2], Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(f -> f.startsWith("-X")).toList());
    // -Dsetups=engine (or cloud) measures one setup only
    for (String setup : System.getProperty("setups", "cloud,engine").split(",")) {
      System.out.println(setup.equals("cloud")
          ? "cloud: the composition root on the simulated cloud (role, guard, change sets, alarms through the gate)"
          : "engine: the rollout engine alone, over stacks that only sleep the latency");
      measure(setup, 1_000, latency, false);
      for (int n : sizes) {
        measure(setup, n, latency, true);
      }
    }
  }

  private static void measure(String setup, int n, Duration latency, boolean print) throws Exception {
    Setup fleet = setup.equals("cloud") ? CloudFleet.of(n, latency) : new EngineFleet(latency);
    RolloutPlan plan = plan(n, Function.identity(), false);
    double ideal = ideal(plan, latency);
    Run parallel = fleet.run("r-parallel", plan);
    if (!print) {
      return;
    }
    System.out.printf("  %,d tenants: makespan %.2f s, ideal %.2f s, ratio %.3f; CPU %.3f ms per tenant%s; peak heap"
        + " %d MB%n", n, parallel.seconds, ideal, parallel.seconds / ideal, parallel.cpuMs / n,
        parallel.simulatedMs > 0 ? String.format(" (and %.3f ms simulating AWS)", parallel.simulatedMs / n) : "",
        parallel.peakHeapMb);
    System.out.println("    " + parallel.phases);
    int sample = Math.min(n, 1_000);
    Run one = fleet.run("r-sequential", plan(sample, Function.identity(), true));
    double sequential = one.seconds * n / sample;
    System.out.printf("    one tenant at a time: %.2f s%s; speedup %.1fx%n", sequential,
        sample < n ? " (estimated from " + sample + " tenants run one at a time)" : "", sequential / parallel.seconds);
  }

  /** {@code cpuMs}: the process's CPU time less what simulating AWS took ({@code simulatedMs}). */
  private record Run(double seconds, double cpuMs, double simulatedMs, long peakHeapMb, String phases) {}

  /** When each wave started, finished deploying and finished baking, from the rollout's progress events. */
  private static final class Phases implements Progress {
    private volatile long start = System.nanoTime();

    /** The rollout starts now: the times are from here, as the makespan is. */
    void begin() {
      start = System.nanoTime();
    }
    private final Map<String, long[]> waves = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void on(io.tenantctl.core.ProgressEvent event) {
      long t = System.nanoTime() - start;
      if (event instanceof io.tenantctl.core.ProgressEvent.WaveStarted w) {
        order.add(w.subject());
        waves.put(w.subject(), new long[] {t, t, t});
      } else if (event instanceof io.tenantctl.core.ProgressEvent.WaveProgress w) {
        waves.get(w.subject())[1] = t;
      } else if (event instanceof io.tenantctl.core.ProgressEvent.WaveBaked w) {
        waves.get(w.subject())[2] = t;
      }
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      long previousEnd = 0;
      for (String w : order) {
        long[] t = waves.get(w);
        long end = Math.max(t[1], t[2]);
        out.append(String.format("%s%s: +%d ms, deploy %d ms, bake %d ms", out.length() == 0 ? "" : "; ", w,
            (t[0] - previousEnd) / 1_000_000, (t[1] - t[0]) / 1_000_000, Math.max(0, t[2] - t[1]) / 1_000_000));
        previousEnd = end;
      }
      return out.toString();
    }
  }

  /** Where a benchmark rollout runs. */
  private interface Setup {
    Rollout rollout(Progress progress);

    /** CPU time the simulated cloud spent so far. */
    default long simulatedCpuNanos() {
      return 0;
    }

    default Run run(String id, RolloutPlan plan) throws Exception {
      Phases phases = new Phases();
      Rollout rollout = rollout(phases);
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long cpu = os.getProcessCpuTime();
      long simulated = simulatedCpuNanos();
      long start = System.nanoTime();
      phases.begin();
      var summary = rollout.start(id, plan);
      double seconds = (System.nanoTime() - start) / 1e9;
      double simulatedMs = (simulatedCpuNanos() - simulated) / 1e6;
      double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 - simulatedMs;
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
      if (!summary.state().isSucceeded()) {
        throw new IllegalStateException("benchmark rollout ended " + summary.state());
      }
      return new Run(seconds, cpuMs, simulatedMs, peak, phases.toString());
    }
  }

  private static String tenant(int i) {
    return String.format("tenant-%05d", i);
  }

  /** 1% / 9% / 90% of {@code n} tenants, at the benchmark's concurrency or one at a time. */
  private static RolloutPlan plan(int n, Function<String, String> name, boolean oneAtATime) {
    int canary = Math.max(1, n / 100);
    int early = Math.max(1, n * 9 / 100);
    List<String> all = IntStream.range(0, n).mapToObj(RolloutBenchmark::tenant).map(name).toList();
    List<List<String>> groups = List.of(all.subList(0, canary), all.subList(canary, canary + early),
        all.subList(canary + early, n));
    String[] names = {"canary", "early", "general"};
    Duration[] bakes = {Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO};
    List<WavePlan> waves = IntStream.range(0, 3).mapToObj(i -> new WavePlan(names[i], groups.get(i),
        oneAtATime ? 1 : CONCURRENCY[i], Fleet.Tolerance.percent(10), bakes[i],
        i < 2 ? Optional.of(GATE) : Optional.empty(), Fleet.OnHalt.STOP)).toList();
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

  /**
   * {@code n} onboarded tenants on the simulated cloud, each with version 1.0.0 of the app stack (deployed without
   * latency) and an OK {@code app-5xx} alarm; every measured rollout releases the next version.
   */
  private static final class CloudFleet implements Setup {
    private final Path repo;
    private final SimCloud sim;
    private int version = 1;

    private CloudFleet(Path repo, SimCloud sim) {
      this.repo = repo;
      this.sim = sim;
    }

    static CloudFleet of(int n, Duration latency) throws Exception {
      Path repo = Files.createTempDirectory(Path.of("target"), "rollout-bench");
      Cli.copyTree(Samples.templates(), repo.resolve("templates"));
      String fleet = Files.readString(Samples.fleet());
      fleet = fleet.substring(0, fleet.indexOf("waves:")) + "waves:\n"
          + "  - { name: canary, concurrency: 5, tolerance: \"10%\", bake: 1s, gate: { alarms: [app-5xx] } }\n"
          + "  - { name: early, concurrency: 25, tolerance: \"10%\", bake: 1s, gate: { alarms: [app-5xx] } }\n"
          + "  - { name: general, concurrency: 50, tolerance: \"10%\" }\n\nstate:\n  dir: .tenantctl\n";
      Files.writeString(repo.resolve("fleet.yaml"), fleet);
      var sim = new SimCloud(SimConfig.seeded(7));
      sim.addAccount("production", "aws+production@example.com", "/", Map.of());
      int canary = Math.max(1, n / 100);
      int early = Math.max(1, n * 9 / 100);
      for (int i = 0; i < n; i++) {
        String t = tenant(i);
        String wave = i < canary ? "canary" : i < canary + early ? "early" : "general";
        Files.createDirectories(repo.resolve("tenants"));
        Files.writeString(repo.resolve("tenants/" + t + ".yaml"), "name: " + t + "\nwave: " + wave + "\n");
        String account = sim.addAccount("tenant-" + t, "aws+" + t + "@example.com", "/Tenants",
            Map.of(AccountDirectory.TENANT_TAG, t));
        if (i < canary + early) {
          sim.config().alarms().set(account, "app-5xx", Alarms.State.OK);
        }
      }
      var fleetOf = new CloudFleet(repo, sim);
      fleetOf.rollout(INSTANT, Progress.NONE).start("r-seed", plan(n, Function.identity(), false));
      sim.config().latency("executeChangeSet", latency);
      return fleetOf;
    }

    @Override
    public Rollout rollout(Progress progress) {
      return rollout(Bakery.WALL_CLOCK, progress);
    }

    @Override
    public long simulatedCpuNanos() {
      return sim.cpuNanos();
    }

    private Rollout rollout(Bakery time, Progress progress) {
      try {
        Path file = repo.resolve("fleet.yaml");
        Files.writeString(file, Files.readString(file).replaceAll("AppVersion: \"[0-9.]+\"",
            "AppVersion: \"" + version++ + ".0.0\""));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      var settings = Settings.of(repo.resolve("fleet.yaml"), repo.resolve("tenants"))
          .withPollDelay(Duration.ZERO).withStateDir(repo.resolve(".tenantctl"));
      // not closed: the rollout is run after this returns, and the simulated clients hold nothing
      var services = new Services(settings, new Launch(Map.of(), s -> sim), progress);
      return services.rollout("app", time);
    }
  }

  /** Bakes in no time: for the unmeasured seed rollout. */
  private static final Bakery INSTANT = new Bakery() {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public Instant now() {
      return now.get();
    }

    @Override
    public void sleep(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  };

  /** Stacks that only sleep the latency and a gate that is always green: the engine's own cost. */
  private record EngineFleet(Duration latency) implements Setup {
    @Override
    public Rollout rollout(Progress progress) {
      try {
        Path dir = Files.createTempDirectory(Path.of("target"), "rollout-bench");
        var store = new FileStateStore(dir, new StateScope("o-bench", "sim"));
        return new Rollout(store, stacks(), (spec, accounts) -> HealthGate.Reading.green(), Bakery.WALL_CLOCK,
            progress);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private TenantStacks stacks() {
      return new TenantStacks() {
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
        public List<HealthGate.Place> places(List<String> tenants) {
          return tenants.stream().map(t -> new HealthGate.Place(t, "us-east-1")).toList();
        }
      };
    }
  }
}
