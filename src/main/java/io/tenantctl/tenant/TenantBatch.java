package io.tenantctl.tenant;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.FanOut;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.manifest.Tenant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The same work for many tenants, at most {@code concurrency} at once. One tenant's failure never hides the
 * others': every tenant gets an outcome, in the order given, and progress tells which tenant started, which
 * is done, and how far the batch has got.
 */
public final class TenantBatch {
  private final int concurrency;

  public TenantBatch(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    this.concurrency = concurrency;
  }

  public int concurrency() {
    return concurrency;
  }

  /** What happened to one tenant: a result, or the failure it ended with. */
  public record Outcome<R>(String tenant, Optional<R> result, Optional<RuntimeException> failure) {
    public boolean succeeded() {
      return failure.isEmpty();
    }

    /** The exit code the failure asks for: an unexpected exception is an internal error. */
    public ExitCode exitCode() {
      return failure.map(f -> f instanceof Fault fault ? fault.exitCode() : ExitCode.INTERNAL).orElse(ExitCode.OK);
    }
  }

  /** What a whole batch did. */
  public record Result<R>(List<Outcome<R>> outcomes) {
    public List<R> succeeded() {
      return outcomes.stream().filter(Outcome::succeeded).map(o -> o.result().orElseThrow()).toList();
    }

    public List<Outcome<R>> failed() {
      return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    /** The most severe exit code among the tenants' outcomes (a breach of the one-way rule above all). */
    public ExitCode exitCode() {
      return outcomes.stream().map(Outcome::exitCode).max(TenantBatch::severity).orElse(ExitCode.OK);
    }
  }

  /**
   * Runs {@code work} for every tenant.
   *
   * @param label   what the batch is, for progress (e.g. {@code create})
   * @param summary one line saying what {@code work} did for a tenant
   */
  public <R> Result<R> run(String label, List<Tenant> tenants, Function<Tenant, R> work, Function<R, String> summary,
      Progress progress) {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicReference<CloudException> unreachable = new AtomicReference<>();
    int total = tenants.size();
    List<FanOut.Outcome<Tenant, R>> outcomes = FanOut.each(tenants, concurrency, tenant -> {
      if (unreachable.get() != null) {
        // every tenant shares the endpoint: the rest would only spend their retries on it
        failed.incrementAndGet();
        throw new Fault(ExitCode.FAILED, "not started: the batch stopped, " + unreachable.get().getMessage(),
            "check the endpoint (network, VPN, proxy, --endpoint-url or the emulator), then re-run: tenants done"
                + " are up to date and cost one read each");
      }
      progress.on(new ProgressEvent.TenantStarted(tenant.name()));
      progress.on(new ProgressEvent.WaveProgress(label, total, done.get(), failed.get(), inFlight.incrementAndGet()));
      try {
        R result = work.apply(tenant);
        done.incrementAndGet();
        progress.on(new ProgressEvent.TenantDone(tenant.name(), summary.apply(result), Optional.empty()));
        return result;
      } catch (RuntimeException e) {
        if (e instanceof CloudException c && c.unreachable()) {
          unreachable.compareAndSet(null, c);
        }
        failed.incrementAndGet();
        progress.on(new ProgressEvent.TenantDone(tenant.name(), "failed", Optional.of(String.valueOf(e.getMessage()))));
        throw e;
      } finally {
        progress.on(new ProgressEvent.WaveProgress(label, total, done.get(), failed.get(), inFlight.decrementAndGet()));
      }
    });
    return new Result<>(outcomes.stream()
        .map(o -> new Outcome<>(o.item().name(), o.result(), o.failure())).toList());
  }

  private static int severity(ExitCode a, ExitCode b) {
    return Integer.compare(rank(a), rank(b));
  }

  private static int rank(ExitCode c) {
    return switch (c) {
      case OK -> 0;
      case FAILED -> 1;
      case INVALID -> 2;
      case INTERNAL -> 3;
      case ISOLATION -> 4;
    };
  }
}
