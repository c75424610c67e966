package io.tenantctl.state;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a lock, and takes it over from a holder that is gone: only after the holder's record (epoch and
 * version) stayed unchanged for a whole lease as measured on this waiter's own clock, as Amazon's DynamoDB lock
 * client does; the holder's clock and its {@code since} are never trusted for that.
 */
public final class LockWaiter {

  /** The waiter's own monotonic clock, and how it sleeps; a test passes a fake one. */
  public interface Ticker {
    long nanos();

    void sleep(Duration d) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
      @Override
      public long nanos() {
        return System.nanoTime();
      }

      @Override
      public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
      }
    };
  }

  private static final Duration MAX_STEP = Duration.ofSeconds(1);
  private final Locks locks;
  private final Ticker ticker;

  public LockWaiter(Locks locks, Ticker ticker) {
    this.locks = locks;
    this.ticker = ticker;
  }

  /**
   * The lock, taken or taken over, within {@code patience}; otherwise a fault naming the holder. A patience of
   * zero refuses at once when the lock is held.
   */
  public Locks.Lock acquire(String name, Locks.Claimant me, Duration lease, Duration patience) {
    long start = ticker.nanos();
    Locks.Acquisition attempt = locks.acquire(name, me, lease);
    Optional<Locks.Lock> seen = Optional.empty();
    long seenSince = start;
    while (true) {
      if (attempt instanceof Locks.Acquired a) {
        return a.lock();
      }
      Locks.Lock holder = ((Locks.Busy) attempt).current();
      long now = ticker.nanos();
      if (seen.isEmpty() || !unchanged(seen.get(), holder)) {
        seen = Optional.of(holder);
        seenSince = now;
      } else if (now - seenSince >= holder.lease().toNanos()) {
        attempt = locks.takeOver(holder, me, lease);
        continue;
      }
      Duration waited = Duration.ofNanos(now - start);
      if (waited.compareTo(patience) >= 0) {
        throw busy(holder);
      }
      Duration untilExpiry = holder.lease().minus(Duration.ofNanos(now - seenSince));
      // at most a second between looks: a released lock is taken soon after, not a quarter lease later
      Duration step = min(min(min(holder.lease().dividedBy(4), MAX_STEP), untilExpiry), patience.minus(waited));
      try {
        ticker.sleep(step.isNegative() || step.isZero() ? Duration.ofMillis(1) : step);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy(holder);
      }
      attempt = locks.current(name).<Locks.Acquisition>map(Locks.Busy::new)
          .orElseGet(() -> locks.acquire(name, me, lease));
    }
  }

  private static boolean unchanged(Locks.Lock a, Locks.Lock b) {
    return a.epoch() == b.epoch() && a.version() == b.version();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The fault a caller who will not wait gets: who holds the lock, and what to do. */
  public static Fault busy(Locks.Lock held) {
    return new Fault(ExitCode.FAILED, "lock " + held.name() + " is held by " + held.holder().describe()
        + " (epoch " + held.epoch() + ", lease " + held.lease() + ")",
        "wait for that run to finish; if it is gone for good, break the lock deliberately");
  }
}
