package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Works through tenants in order, at most {@code concurrency} at once. Once {@code stop} says so, or a task has
 * died, no new tenant starts, and those in flight finish: nobody is interrupted half-way through a step.
 */
final class InFlight {
  private InFlight() {}

  static void run(List<String> tenants, int concurrency, BooleanSupplier stop, Consumer<String> task) {
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(tenants);
    AtomicReference<Throwable> died = new AtomicReference<>();
    Runnable worker = () -> {
      try {
        while (died.get() == null && !stop.getAsBoolean()) {
          String tenant = queue.poll();
          if (tenant == null) {
            return;
          }
          task.accept(tenant);
        }
      } catch (Throwable t) {
        died.compareAndSet(null, t);
      }
    };
    int threads = Math.min(concurrency, tenants.size());
    if (threads <= 1) {
      worker.run();
    } else {
      List<Thread> pool = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread t = new Thread(worker, "tenantctl-rollout-" + i);
        t.setDaemon(true);
        t.start();
        pool.add(t);
      }
      for (Thread t : pool) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Fault.failed("interrupted", "resume the rollout: it continues where it stopped");
        }
      }
    }
    Throwable d = died.get();
    if (d instanceof Error e) {
      throw e;
    } else if (d instanceof RuntimeException e) {
      throw e;
    } else if (d != null) {
      throw new IllegalStateException(d);
    }
  }
}
