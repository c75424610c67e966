package io.tenantctl.state;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * A lock this run holds, taken through {@link Leases}: renewed in the background while the run works, checked
 * before each write ({@link #check}), released once ({@link #close}). A lease that another run took over (the
 * holder was paused, suspended or cut off for a whole lease) is lost for good: every later check throws
 * {@link LockLost}, and the lock is left to its new holder.
 */
public final class Lease implements AutoCloseable {
  private final Locks locks;
  private final boolean waited;
  private final Duration checkEvery;
  private Locks.Lock lock;
  private long renewedNanos;
  private Instant renewedAt;
  private LockLost lost;
  private boolean closed;
  private ScheduledFuture<?> renewal;

  Lease(Locks locks, Locks.Lock lock, boolean waited, Duration checkEvery) {
    this.locks = locks;
    this.lock = lock;
    this.waited = waited;
    this.checkEvery = checkEvery;
    this.renewedNanos = System.nanoTime();
    this.renewedAt = Instant.now();
  }

  void renewInBackground(ScheduledFuture<?> renewal) {
    this.renewal = renewal;
  }

  /** The lock's name, e.g. {@code tenant-acme}. */
  public String name() {
    return lock.name();
  }

  /** The lock as last renewed; its epoch fences this holder's writes. */
  public synchronized Locks.Lock lock() {
    return lock;
  }

  /** Whether this run had to wait for another holder first (what it read before may have changed). */
  public boolean waited() {
    return waited;
  }

  /**
   * Before a write: throws {@link LockLost} when the lease is gone. The store is asked (a renewal) when the last
   * renewal is older than a tenth of the lease on either clock: the monotonic one stops while a laptop sleeps,
   * the wall clock may jump; a holder that renewed more recently cannot have been taken over.
   */
  public synchronized void check() {
    if (lost != null) {
      throw lost;
    }
    boolean due = System.nanoTime() - renewedNanos >= checkEvery.toNanos()
        || Duration.between(renewedAt, Instant.now()).compareTo(checkEvery) >= 0;
    if (due) {
      renew();
    }
  }

  /** Asks the store now whether this run still holds the lock (a renewal); throws {@link LockLost} if not. */
  public synchronized void confirm() {
    if (lost != null) {
      throw lost;
    }
    renew();
  }

  /** Background renewal: a failed call is retried at the next tick (the lease covers several). */
  synchronized void tick() {
    if (lost != null || closed) {
      return;
    }
    try {
      renew();
    } catch (LockLost e) {
      // kept: the holder's next check throws it
    } catch (RuntimeException e) {
      // retried at the next tick
    }
  }

  private void renew() {
    try {
      lock = locks.renew(lock);
      renewedNanos = System.nanoTime();
      renewedAt = Instant.now();
    } catch (LockLost e) {
      lost = e;
      throw e;
    }
  }

  /** Whether the lease was found lost (taken over or broken). */
  public synchronized boolean isLost() {
    return lost != null;
  }

  /** Releases the lock, only while its epoch is still this run's (never another holder's). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (renewal != null) {
      renewal.cancel(false);
    }
    if (lost == null) {
      locks.release(lock);
    }
  }
}
