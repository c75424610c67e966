package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.state.Locks;
import java.time.Duration;
import java.util.Optional;

/**
 * A rollout's lease on the fleet's lock: one rollout at a time. Renewed as the rollout journals (at most every
 * {@code renewEvery}), so a run whose lock was broken stops before its next step.
 */
final class FleetLease {
  /** The lock every rollout of a fleet's state takes. */
  static final String LOCK = "rollout";
  static final Duration LEASE = Duration.ofMinutes(10);

  private final Locks locks;
  private Duration renewEvery = LEASE.dividedBy(10);
  // guarded by this
  private Locks.Lock held;
  private long renewedAt;

  FleetLease(Locks locks) {
    this.locks = locks;
  }

  void renewEvery(Duration d) {
    this.renewEvery = d;
  }

  /** Takes the lock for rollout {@code id} when it is free; otherwise says who holds it. Never waits. */
  synchronized Locks.Acquisition tryAcquire(String id) {
    Locks.Acquisition got = locks.acquire(LOCK, Locks.Claimant.current(purpose(id)), LEASE);
    if (got instanceof Locks.Acquired acquired) {
      held = acquired.lock();
      renewedAt = System.nanoTime();
    }
    return got;
  }

  /** Renews the lease when it is due: throws {@link io.tenantctl.state.LockLost} when the lock was taken away. */
  synchronized void renewIfDue() {
    if (held != null && System.nanoTime() - renewedAt >= renewEvery.toNanos()) {
      held = locks.renew(held);
      renewedAt = System.nanoTime();
    }
  }

  synchronized void release() {
    if (held != null) {
      locks.release(held);
      held = null;
    }
  }

  /** Who holds the fleet's rollout lock, if anyone. */
  Optional<Locks.Holder> holder() {
    return locks.current(LOCK).map(Locks.Lock::holder);
  }

  /** Who runs rollout {@code id} now, as the lock says: empty when no process holds the lock for it. */
  Optional<Locks.Holder> runnerOf(String id) {
    return holder().filter(h -> h.purpose().equals(purpose(id)));
  }

  /** The rollout a lock's holder runs, from its purpose ({@code rollout r-42}). */
  static String rolloutOf(Locks.Holder h) {
    return h.purpose().startsWith("rollout ") ? h.purpose().substring("rollout ".length()) : h.purpose();
  }

  static String purpose(String id) {
    return "rollout " + id;
  }

  /** Refused: {@code h} holds the lock; {@code mine} is the rollout asked for (null for a new one). */
  static Fault busy(Locks.Holder h, String mine) {
    String other = rolloutOf(h);
    boolean ended = h.endedOn(Locks.Claimant.current("").host());
    String message = (other.equals(mine) ? "rollout " + other + " still holds the fleet's lock: "
        : "another rollout holds the fleet's lock: ") + h.describe()
        + (ended ? "; that process is no longer running" : "");
    return Fault.failed(message, ended
        ? "break its lock, then resume it: tenantctl rollout unlock --force " + other + " && tenantctl rollout resume "
            + other
        : "wait for it to finish; if that process is gone, break its lock: tenantctl rollout unlock --force " + other);
  }
}
