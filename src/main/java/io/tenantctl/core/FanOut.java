package io.tenantctl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per item, at most {@code limit} at once, on the caller's thread when there is only one to
 * run. Results come back in the items' order, whatever order the tasks finished in.
 */
public final class FanOut {
  private FanOut() {}

  /** One item's outcome: its result, or the failure it ended with. */
  public record Outcome<I, R>(I item, Optional<R> result, Optional<RuntimeException> failure) {
    public boolean succeeded() {
      return failure.isEmpty();
    }
  }

  /** Every item's outcome; one item's failure does not stop the others. */
  public static <I, R> List<Outcome<I, R>> each(List<I> items, int limit, Function<I, R> task) {
    return run(items, limit, item -> {
      try {
        return new Outcome<>(item, Optional.ofNullable(task.apply(item)), Optional.empty());
      } catch (RuntimeException e) {
        return new Outcome<>(item, Optional.empty(), Optional.of(e));
      }
    });
  }

  /** Every item's result; the first failure (in the items' order) is thrown once every task has ended. */
  public static <I, R> List<R> all(List<I> items, int limit, Function<I, R> task) {
    List<R> results = new ArrayList<>();
    for (Outcome<I, R> o : each(items, limit, task)) {
      if (o.failure().isPresent()) {
        throw o.failure().get();
      }
      results.add(o.result().orElse(null));
    }
    return results;
  }

  private static <I, O> List<O> run(List<I> items, int limit, Function<I, O> task) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (items.size() <= 1 || limit == 1) {
      return items.stream().map(task).toList();
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, items.size()), r -> {
      Thread t = new Thread(r, "tenantctl-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<O>> futures = items.stream().map(i -> pool.submit(() -> task.apply(i))).toList();
      List<O> out = new ArrayList<>(items.size());
      for (Future<O> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fault.failed("interrupted", "run the command again: it resumes where it stopped");
    } catch (ExecutionException e) {
      // task() catches everything it is given; only an Error gets here
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
