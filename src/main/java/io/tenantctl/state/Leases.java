package io.tenantctl.state;

import io.tenantctl.core.Progress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one way tenantctl holds a lock of the state port, whatever the flow: a tenant's claim ({@code tenant-acme},
 * taken by every step that changes that tenant), the pool's claim and fill locks, a rollout's fleet lock. A
 * {@link Lease} is taken (waiting while another run holds it, and taking it over from a holder gone for a whole
 * lease, see {@link LockWaiter}), renewed in the background, checked before each write, and released after.
 */
public final class Leases {
  /** Long enough for a renewal to be late, short enough that a crashed holder is taken over soon. */
  public static final Duration LEASE = Duration.ofMinutes(2);

  private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tenantctl-lease-renewal");
    t.setDaemon(true);
    return t;
  });

  /** The claim every step that changes one tenant holds: two runs never change a tenant at once. */
  public static String tenant(String tenant) {
    return "tenant-" + tenant;
  }

  private final StateStore state;
  private final LockWaiter.Ticker ticker;
  private final Duration lease;
  private final Duration patience;

  /** Locks of {@code state}, opened when first taken (bootstrap may have to create the organization first). */
  public Leases(StateStore state, LockWaiter.Ticker ticker, Duration lease, Duration patience) {
    this.state = state;
    this.ticker = ticker;
    this.lease = lease;
    this.patience = patience;
  }

  /** Leases on the system clock with the default lease, waiting up to {@code patience} for a busy lock. */
  public static Leases of(StateStore state, Duration patience) {
    return new Leases(state, LockWaiter.Ticker.SYSTEM, LEASE, patience);
  }

  /** The same leases with another lease length (e.g. a rollout's fleet lock). */
  public Leases withLease(Duration other) {
    return new Leases(state, ticker, other, patience);
  }

  public Duration lease() {
    return lease;
  }

  /**
   * Takes lock {@code name} for {@code purpose}, waiting up to the patience while another run holds it (said to
   * {@code progress} under {@code subject}). Throws a fault naming the holder when the patience runs out.
   */
  public Lease take(String name, String purpose, String subject, Progress progress) {
    Locks locks = state.locks();
    var me = Locks.Claimant.current(purpose);
    var first = locks.acquire(name, me, lease);
    if (first instanceof Locks.Acquired a) {
      return started(locks, a.lock(), false);
    }
    Locks.Lock busy = ((Locks.Busy) first).current();
    progress.step(subject, "waiting for lock " + name + ", held by " + busy.holder().describe());
    return started(locks, new LockWaiter(locks, ticker).acquire(name, me, lease, patience), true);
  }

  /** Takes lock {@code name} only when it is free; otherwise who holds it, so the caller can refuse at once. */
  public Optional<Lease> takeIfFree(String name, String purpose, java.util.function.Consumer<Locks.Lock> busy) {
    Locks locks = state.locks();
    var got = locks.acquire(name, Locks.Claimant.current(purpose), lease);
    if (got instanceof Locks.Busy b) {
      busy.accept(b.current());
      return Optional.empty();
    }
    return Optional.of(started(locks, ((Locks.Acquired) got).lock(), false));
  }

  /**
   * Runs {@code step} holding lock {@code name}; the step gets the lease, to check before its writes and to learn
   * whether it had to wait for another run. A lease lost meanwhile fails the step after it returns.
   */
  public <T> T run(String name, String purpose, String subject, Progress progress, Function<Lease, T> step) {
    try (Lease held = take(name, purpose, subject, progress)) {
      T result = step.apply(held);
      held.check();
      return result;
    }
  }

  private Lease started(Locks locks, Locks.Lock lock, boolean waited) {
    Lease held = new Lease(locks, lock, waited, lease.dividedBy(10));
    long every = Math.max(1, lease.toMillis() / 4);
    held.renewInBackground(RENEWALS.scheduleAtFixedRate(held::tick, every, every, TimeUnit.MILLISECONDS));
    return held;
  }
}
