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
 * clock, that a holder is gone ({@link LockWaiter}). Locks alone do not fence (nor does Amazon's DynamoDB lock
 * client): a holder paused past its lease still believes it holds the lock. Writes made through
 * {@link StateStore#fencedBy} are refused once the lock's epoch has moved on, whatever the writer believes.
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

  /**
   * Removes the holder {@code seen}, deliberately (an operator's decision), only if the lock is still exactly
   * {@code seen} (same epoch and version: not renewed since it was judged); recorded with {@code why}. Empty when
   * it changed or is free.
   */
  Optional<Lock> breakLock(Lock seen, Claimant by, String why);

  /** Removes whoever holds the lock now, deliberately; recorded with {@code why}. Empty when it is free. */
  default Optional<Lock> breakLock(String name, Claimant by, String why) {
    while (true) {
      Optional<Lock> now = current(name);
      if (now.isEmpty()) {
        return Optional.empty();
      }
      Optional<Lock> broken = breakLock(now.get(), by, why);
      if (broken.isPresent()) {
        return broken;
      }
    }
  }

  /**
   * Breaks the lock only when its holder is gone: its last heartbeat is a whole lease old on {@code now} (the
   * breaker's clock), or its process is known to have ended on this host. A fresh heartbeat is refused (exit 1,
   * naming the holder and its last heartbeat): {@code rollout unlock --force} and every other break go through
   * here. Even a wrong judgement (clocks apart) cannot let two holders write: fenced writes of the old holder
   * are refused once its epoch is gone.
   */
  default Optional<Lock> breakIfGone(String name, Claimant by, String why, Instant now) {
    Optional<Lock> held = current(name);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    Lock seen = held.get();
    if (seen.heartbeatFresh(now) && !seen.holder().endedOn(by.host())) {
      throw new LockAlive(seen, now);
    }
    Optional<Lock> broken = breakLock(seen, by, why);
    if (broken.isEmpty()) {
      // renewed (or released) while it was judged: judged again
      return breakIfGone(name, by, why, now);
    }
    return broken;
  }

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

  /**
   * A held lock as stored: {@code version} changes with every renewal; {@code renewedAt} is the holder's clock at
   * its last acquisition or renewal (its heartbeat; absent in locks written before it was kept).
   */
  record Lock(String name, Holder holder, Duration lease, long version, Instant renewedAt) {
    public long epoch() {
      return holder.epoch();
    }

    /** The holder's last sign of life, by its own clock. */
    public Instant heartbeat() {
      return renewedAt != null ? renewedAt : holder.since();
    }

    /** Whether the last heartbeat is less than a lease old at {@code now}. */
    public boolean heartbeatFresh(Instant now) {
      return heartbeat().plus(lease).isAfter(now);
    }
  }

  /** What an attempt to take a lock came to. */
  sealed interface Acquisition {
  }

  record Acquired(Lock lock) implements Acquisition {}

  /** Someone else holds it: they are named, so a caller can refuse at once and say who. */
  record Busy(Lock current) implements Acquisition {}
}
