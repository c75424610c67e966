package io.tenantctl.state;

import io.tenantctl.core.Progress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a step under a named lock of the state port: takes it, waiting while another run holds it (and taking it
 * over from a holder gone for a whole lease, see {@link LockWaiter}), renews the lease while the step runs, and
 * releases it after, whatever the step's outcome.
 */
public final class Exclusive {
  /** Long enough for a renewal to be late, short enough that a crashed holder is taken over soon. */
  public static final Duration LEASE = Duration.ofMinutes(2);

  private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tenantctl-lock-renewal");
    t.setDaemon(true);
    return t;
  });

  /** The lock every step that changes one tenant holds: two runs never change a tenant at once. */
  public static String tenantLock(String tenant) {
    return "tenant-" + tenant;
  }

  private final StateStore state;
  private final LockWaiter.Ticker ticker;
  private final Duration lease;
  private final Duration patience;

  /** Locks of {@code state}, opened when first taken (bootstrap may have to create the organization first). */
  public Exclusive(StateStore state, LockWaiter.Ticker ticker, Duration lease, Duration patience) {
    this.state = state;
    this.ticker = ticker;
    this.lease = lease;
    this.patience = patience;
  }

  /** Locks on the system clock with the default lease, waiting up to {@code patience} for a busy lock. */
  public static Exclusive of(StateStore state, Duration patience) {
    return new Exclusive(state, LockWaiter.Ticker.SYSTEM, LEASE, patience);
  }

  /**
   * Runs {@code step} holding lock {@code name}; {@code step} learns whether it had to wait for another run (which
   * may have changed what it read before). A lease lost meanwhile fails the step after it returns.
   */
  public <T> T run(String name, String purpose, String subject, Progress progress, Function<Boolean, T> step) {
    Locks locks = state.locks();
    var me = Locks.Claimant.current(purpose);
    Locks.Lock held;
    boolean waited = false;
    var first = locks.acquire(name, me, lease);
    if (first instanceof Locks.Acquired a) {
      held = a.lock();
    } else {
      Locks.Lock busy = ((Locks.Busy) first).current();
      progress.step(subject, "waiting for lock " + name + ", held by " + busy.holder().describe());
      held = new LockWaiter(locks, ticker).acquire(name, me, lease, patience);
      waited = true;
    }
    AtomicReference<Locks.Lock> current = new AtomicReference<>(held);
    AtomicReference<LockLost> lost = new AtomicReference<>();
    long every = Math.max(1, lease.toMillis() / 4);
    ScheduledFuture<?> renewal = RENEWALS.scheduleAtFixedRate(() -> {
      if (lost.get() == null) {
        try {
          current.set(locks.renew(current.get()));
        } catch (LockLost e) {
          lost.set(e);
        } catch (RuntimeException e) {
          // a failed renewal is retried at the next tick; the lease covers several ticks
        }
      }
    }, every, every, TimeUnit.MILLISECONDS);
    try {
      T result = step.apply(waited);
      if (lost.get() != null) {
        throw lost.get();
      }
      return result;
    } finally {
      renewal.cancel(false);
      if (lost.get() == null) {
        locks.release(current.get());
      }
    }
  }
}
