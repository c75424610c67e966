package io.tenantctl.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Named locks with a holder and a lease, e.g. {@code fleet} for a rollout or {@code tenant-acme} for a step that
 * changes one tenant. Every change is conditional: the backend compares what the caller saw (the epoch, and for a
 * take-over the version) with what is stored, so two runs never both believe they hold a lock.
 *
 * <p>The store never expires a lease on its own: clocks of different hosts disagree. A waiter decides, on its own
 * clock, that a holder is gone ({@link LockWaiter}). Like Amazon's DynamoDB lock client this does not fence by
 * itself: a holder checks it still holds the lock ({@link #renew}) before each step it journals.
 */
public interface Locks {

  /** Takes the lock when it is free; otherwise reports who holds it. Never waits. */
  Acquisition acquire(String name, Claimant claimant, Duration lease);

  /**
   * Takes the lock from a holder presumed gone, only if its record is still exactly {@code seen} (same epoch and
   * version). Recorded in the {@code locks} journal.
   */
  Acquisition takeOver(Lock seen, Claimant claimant, Duration lease);

  /** Extends one's own lease; bumps the version, which tells waiters the holder is alive. */
  Lock renew(Lock mine) throws LockLost;

  /** Releases one's own lock: only when its epoch is still {@code mine}'s; false when it was not. */
  boolean release(Lock mine);

  /** Removes whoever holds the lock, deliberately (an operator's decision); recorded with {@code why}. */
  Optional<Lock> breakLock(String name, Claimant by, String why);

  Optional<Lock> current(String name);

  /** Who wants a lock: the user, host and process, and what for (e.g. {@code rollout r-42}). */
  record Claimant(String user, String host, long pid, String purpose) {

    /** This process, for {@code purpose}. */
    public static Claimant current(String purpose) {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
      }
      return new Claimant(System.getProperty("user.name", "unknown-user"), host, ProcessHandle.current().pid(),
          purpose);
    }
  }

  /**
   * Who holds a lock, since when (the holder's clock), and the lock's epoch: it grows with every acquisition, so a
   * write carrying an older epoch comes from a holder that lost the lock (fencing).
   */
  record Holder(String user, String host, long pid, String purpose, Instant since, long epoch) {

    public static Holder of(Claimant c, Instant since, long epoch) {
      return new Holder(c.user(), c.host(), c.pid(), c.purpose(), since, epoch);
    }

    /** Whether its process is known to be running: it ran on {@code thisHost} and is alive. */
    public boolean runningOn(String thisHost) {
      return host.equals(thisHost) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether its process is known to have ended: it ran on {@code thisHost} and runs no more. */
    public boolean endedOn(String thisHost) {
      return host.equals(thisHost) && !runningOn(thisHost);
    }

    /** For messages: {@code alice@build-7 (pid 4242) for rollout r-42 since 2026-…}. */
    public String describe() {
      return user + "@" + host + " (pid " + pid + ") for " + purpose + " since " + since;
    }
  }

  /** A held lock as stored: {@code version} changes with every renewal. */
  record Lock(String name, Holder holder, Duration lease, long version) {
    public long epoch() {
      return holder.epoch();
    }
  }

  /** What an attempt to take a lock came to. */
  sealed interface Acquisition {
  }

  record Acquired(Lock lock) implements Acquisition {}

  /** Someone else holds it: they are named, so a caller can refuse at once and say who. */
  record Busy(Lock current) implements Acquisition {}
}
