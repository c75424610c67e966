package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.state.Journal;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.Leases;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rollouts of a fleet's state, as commands use them: start, resume, abort, unlock, and read. A run holds the
 * fleet's lease ({@link FleetLease}) and hands the rollout to its engine ({@link RolloutEngine}); the rollouts are
 * listed by the catalog ({@link RolloutCatalog}), and the templates a rollback puts back are kept by
 * {@link PreviousTemplates}.
 */
public final class Rollout {
  /** The lock every rollout of this fleet's state takes: one rollout at a time. */
  public static final String LOCK = FleetLease.LOCK;
  /** The journal key of an operator's request to stop. */
  static final String ABORT_KEY = "abort";

  private final StateStore state;
  private final TenantStacks stacks;
  private final HealthGate gate;
  private final Bakery time;
  private final Progress progress;
  private final RolloutCatalog catalog;
  private final FleetLease lease;
  private final PreviousTemplates templates;
  private Consumer<RolloutEvent> afterStep = e -> { };
  private final StopSignals signals = new StopSignals();
  private boolean onSignals;
  private java.util.function.UnaryOperator<String> mask = text -> text;
  /** The id {@link #reserve} took the lock for, until it is started or released. */
  private String reserved;
  private Thread releaseOnExit;
  private static final java.util.regex.Pattern JOURNAL_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,63}");

  public Rollout(StateStore state, TenantStacks stacks, HealthGate gate, Bakery time, Progress progress) {
    this.state = state;
    this.stacks = stacks;
    this.gate = gate;
    this.time = time;
    this.progress = progress;
    this.catalog = new RolloutCatalog(state.records(), time);
    this.lease = new FleetLease(state.locks());
    this.templates = new PreviousTemplates(state.records());
    this.tenantClaims = Leases.of(state, TENANT_PATIENCE);
  }

  /** How long a tenant of a rollout waits for another run's claim on it (e.g. a deploy) before it fails. */
  static final Duration TENANT_PATIENCE = Duration.ofMinutes(30);
  private final Leases tenantClaims;

  /**
   * SIGINT and SIGTERM stop a run of this rollout cleanly ({@link StopSignals}): for the command line, where the
   * process is the run's own.
   */
  public Rollout stoppingOnSignals() {
    this.onSignals = true;
    return this;
  }

  /** Masks the run's secret values in every reason before it is journalled (a failure quoting a parameter). */
  public Rollout masking(java.util.function.UnaryOperator<String> secrets) {
    this.mask = secrets;
    return this;
  }

  /** Called after every journalled step: tests crash the run there. */
  public Rollout afterEachStep(Consumer<RolloutEvent> hook) {
    this.afterStep = hook;
    return this;
  }

  /** How often the run renews its lock (and so checks it still holds it) as it journals. */
  Rollout renewEvery(Duration d) {
    lease.renewEvery(d);
    return this;
  }

  /** A new rollout's id, {@code r-20261123-1412-app}: the time it started and the stack; nothing is written. */
  public String newId(String stack) {
    return catalog.newId(stack, this::taken);
  }

  /**
   * Takes the fleet's lock for a new rollout of {@code stack} and chooses its id under it, before its plan is read
   * and shown: a second start at the same time is refused at once, and two never share an id. {@link #start} then
   * runs it; {@link #releaseReserved} lets go of a rollout not started (declined, or its plan failed).
   */
  public String reserve(String stack) {
    for (int attempt = 1; ; attempt++) {
      String id = newId(stack);
      Locks.Acquisition got = lease.tryAcquire(id);
      if (got instanceof Locks.Busy busy) {
        throw busy(busy.current().holder(), null);
      }
      if (!taken(id)) {
        synchronized (this) {
          reserved = id;
          if (onSignals) {
            // Ctrl-C at the confirmation, or SIGTERM while the plan is read: the reservation goes with the process
            releaseOnExit = new Thread(this::releaseReserved, "tenantctl-rollout-release");
            Runtime.getRuntime().addShutdownHook(releaseOnExit);
          }
        }
        return id;
      }
      // a rollout took this id between the look and the lock: choose again, under the lock now
      lease.release();
      if (attempt == 3) {
        throw Fault.failed("no free rollout id for " + stack, "try again in a minute");
      }
    }
  }

  /** Lets go of the lock {@link #reserve} took for a rollout that was not started; nothing else is written. */
  public synchronized void releaseReserved() {
    if (reserved != null) {
      reserved = null;
      lease.release();
    }
    forgetReleaseOnExit();
  }

  /** The reservation ended (started or released): nothing to release when the process exits. */
  private synchronized void forgetReleaseOnExit() {
    if (releaseOnExit != null && Thread.currentThread() != releaseOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(releaseOnExit);
      } catch (IllegalStateException exiting) {
        // the process is exiting: the hook runs, and finds nothing reserved
      }
    }
    releaseOnExit = null;
  }

  /** Whether an id is in use: listed, or journalled (a start that stopped before listing it). */
  private boolean taken(String id) {
    return catalog.listing(id).isPresent() || planned(id);
  }

  /** Whether rollout {@code id} wrote its plan: a start writes the lock, then the plan, then the index record. */
  private boolean planned(String id) {
    return JOURNAL_NAME.matcher(id).matches() && !journal(id).entries().isEmpty();
  }

  /** Refused: {@code h} holds the lock; {@code mine} the rollout asked for (null for a new one). */
  private Fault busy(Locks.Holder h, String mine) {
    String other = FleetLease.rolloutOf(h);
    if (h.endedOn(Locks.Claimant.current("").host()) && !other.equals(h.purpose()) && !planned(other)) {
      return Fault.failed("the fleet's lock is held by " + h.describe() + ", whose start stopped before it wrote"
          + " its plan; that process is no longer running",
          "break its lock, then start again: tenantctl rollout unlock --force " + other);
    }
    return FleetLease.busy(h, mine);
  }

  /**
   * How a rollout ended (or stopped); {@code interruptedBy} names the signal ({@code SIGTERM}) that stopped this run
   * before the rollout's end.
   */
  public record Summary(String id, String stack, RolloutState state, RolloutRecord record,
      Optional<String> interruptedBy) {

    public Summary(String id, String stack, RolloutState state, RolloutRecord record) {
      this(id, stack, state, record, Optional.empty());
    }

    /** The exit code of a run stopped by a signal: 130 for SIGINT, 143 for SIGTERM, as a shell reports them. */
    public Optional<Integer> signalExitCode() {
      return interruptedBy.map(StopSignals::exitCode);
    }
  }

  /** What {@code rollout ls} lists; kept in the records under {@code rollouts/<id>}. */
  public record RolloutListing(String id, String stack, RolloutState state, Instant started, String selector) {}

  /** A template a rollout may put back, under {@code rollouts/<id>/templates/<sha256>}. */
  public record PreviousTemplate(String body) {}

  /**
   * Starts rollout {@code id} (reserved, or its lock taken now). Its first writes come in an order whose every prefix
   * the commands understand: the lock (a start that never planned: unlock and start again), the plan in the journal
   * (a rollout to resume, listed from the lock), then its index record.
   */
  public Summary start(String id, RolloutPlan plan) {
    boolean wasReserved;
    synchronized (this) {
      wasReserved = id.equals(reserved);
      reserved = null;
      forgetReleaseOnExit();
    }
    if (!wasReserved) {
      acquire(id);
    }
    return holding(() -> {
      Journal<RolloutEvent> journal = journal(id);
      if (!journal.entries().isEmpty()) {
        throw Fault.invalid("rollout " + id + " exists already", "resume it: tenantctl rollout resume " + id);
      }
      List<PlannedWave> waves = plan.waves().stream().map(w -> new PlannedWave(w.name(), w.tenants(), w.concurrency(),
          w.tolerance().toString(), w.tolerated(), w.bake(), w.gate().isPresent(),
          w.gate().map(g -> g.alarms()).orElse(List.of()), w.gate().flatMap(g -> g.alarmPrefix()).orElse(""),
          w.gate().map(g -> g.production()).orElse(false), plan.rollsBack(w))).toList();
      Instant started = time.now();
      RolloutLog log = new RolloutLog(journal, lease, afterStep, mask);
      log.step("plan", new RolloutEvent.Planned(id, plan.stack(), plan.selector(), waves, plan.rollbackOnHalt(),
          started));
      catalog.put(new RolloutListing(id, plan.stack(), RolloutState.RUNNING, started, plan.selector()));
      return engine(id, log).run(false);
    });
  }

  /** Continues a rollout where it stopped; {@code rollback} rolls back a halted one that did not. */
  public Summary resume(String id, boolean rollback) {
    Journal<RolloutEvent> journal = existing(id);
    acquire(id);
    return holding(() -> {
      RolloutLog log = new RolloutLog(journal, lease, afterStep, mask);
      RolloutRecord record = readable(id, log.record());
      if (catalog.listing(id).isEmpty()) {
        // its start stopped between its plan and its index record
        catalog.put(listing(id, record, RolloutState.RUNNING));
      }
      return engine(id, log).run(rollback);
    });
  }

  private void acquire(String id) {
    Locks.Acquisition got = lease.tryAcquire(id);
    if (got instanceof Locks.Busy busy) {
      throw busy(busy.current().holder(), id);
    }
  }

  private static RolloutListing listing(String id, RolloutRecord record, RolloutState state) {
    return new RolloutListing(id, record.plan().stack(), state, record.plan().started(), record.plan().selector());
  }

  private RolloutEngine engine(String id, RolloutLog log) {
    return new RolloutEngine(id, log, stacks, gate, time, progress, templates, catalog, signals, tenantClaims);
  }

  /** Asks a run of this rollout to stop as a first SIGTERM would: tenants in flight finish, then it stops. */
  void interrupt(String signal) {
    signals.receive(signal);
  }

  /** The record of rollout {@code id} replayed from its journal, refused when this tenantctl cannot read it. */
  private static RolloutRecord readable(String id, RolloutRecord record) {
    RolloutJournalFormat.check(id, record.plan().format());
    return record;
  }

  /** Asks a rollout to stop starting tenants; tenants in flight finish. */
  public RolloutRecord abort(String id, String by) {
    Journal<RolloutEvent> journal = existing(id);
    RolloutRecord record = readable(id, RolloutRecord.of(journal.entries()));
    if (record.finished().isPresent()) {
      throw Fault.failed("rollout " + id + " has already finished (" + record.finished().get() + ")",
          "nothing to abort");
    }
    record.apply(journal.append(ABORT_KEY, new RolloutEvent.AbortRequested(by)));
    if (lease.runnerOf(id).isEmpty()) {
      // no process runs it: it ends here
      record.apply(journal.append("end", new RolloutEvent.Finished(RolloutState.ABORTED)));
      catalog.put(listing(id, record, RolloutState.ABORTED));
    }
    return record;
  }

  /**
   * Breaks the lock a dead rollout left, deliberately, and journals it in that rollout. The lock of a start that
   * stopped before it wrote its plan is broken too (and its index record, which older releases wrote first, removed):
   * there is nothing to resume.
   */
  public Locks.Lock unlock(String id, Locks.Claimant by) {
    return unlock(id, by, java.time.Instant.now());
  }

  /** {@link #unlock} as judged at {@code now} (a test stands in for an operator who waited a whole lease). */
  Locks.Lock unlock(String id, Locks.Claimant by, java.time.Instant now) {
    Locks.Lock held = state.locks().current(LOCK).orElseThrow(() -> Fault.failed("no rollout holds the lock",
        "nothing to unlock: start or resume the rollout"));
    if (!held.holder().purpose().equals(FleetLease.purpose(id))) {
      throw Fault.invalid("the lock is held by " + held.holder().describe() + ", not by rollout " + id,
          "name the rollout that holds it");
    }
    if (held.holder().runningOn(by.host())) {
      throw Fault.failed("rollout " + id + " is still running here (pid " + held.holder().pid() + ")",
          "abort it instead: tenantctl rollout abort " + id);
    }
    // a heartbeat within its lease means a live holder, wherever it runs: refused, nothing journalled or broken
    if (held.heartbeatFresh(now) && !held.holder().endedOn(by.host())) {
      throw new io.tenantctl.state.LockAlive(held, now);
    }
    if (planned(id)) {
      journal(id).append("lock", new RolloutEvent.LockBroken(held.holder(), by.user() + "@" + by.host()));
    }
    state.locks().breakIfGone(LOCK, by, "rollout unlock --force " + id, now);
    if (!planned(id)) {
      catalog.remove(id);
    }
    return held;
  }

  /** Whether rollout {@code id} was started (wrote its plan): there is something to resume. */
  public boolean started(String id) {
    return planned(id);
  }

  public RolloutRecord record(String id) {
    return readable(id, RolloutRecord.of(existing(id).entries()));
  }

  /** Every journalled step of the rollout, for its report. */
  public List<Journal.Entry<RolloutEvent>> journalOf(String id) {
    return existing(id).entries();
  }

  /** The latest rollout's id, for {@code rollout status} without one. */
  public Optional<String> latest() {
    return list().stream().findFirst().map(RolloutListing::id);
  }

  /** Every rollout of this state, newest first; with the one holding the lock whose start stopped before listing it. */
  public List<RolloutListing> list() {
    List<RolloutListing> listed = new java.util.ArrayList<>(catalog.list());
    lease.holder().map(FleetLease::rolloutOf).filter(id -> listed.stream().noneMatch(l -> l.id().equals(id)))
        .filter(this::planned).ifPresent(id -> {
          RolloutRecord r = RolloutRecord.of(journal(id).entries());
          listed.add(listing(id, r, r.state()));
          listed.sort(java.util.Comparator.comparing(RolloutListing::started).thenComparing(RolloutListing::id)
              .reversed());
        });
    return listed;
  }

  /**
   * Refuses at once when another rollout holds the fleet's lock: before a plan is resolved (a read per tenant)
   * and shown. Taking the lock when the rollout starts is what keeps two apart; this only spares the wait.
   */
  public void refuseIfLocked() {
    lease.holder().ifPresent(h -> {
      throw busy(h, null);
    });
  }

  /** Who runs rollout {@code id} now, as the lock says: empty when no process holds the lock for it. */
  public Optional<Locks.Holder> runnerOf(String id) {
    return lease.runnerOf(id);
  }

  private Journal<RolloutEvent> journal(String id) {
    return state.journal(id, RolloutEvent.class);
  }

  /**
   * The journal of a rollout that was started. One whose start stopped before it wrote its plan (a lock, or an index
   * record from an older release, and no plan) has nothing to show or resume: said so, with the way out.
   */
  private Journal<RolloutEvent> existing(String id) {
    if (planned(id)) {
      return journal(id);
    }
    Optional<Locks.Holder> holder = lease.runnerOf(id);
    if (holder.isEmpty() && catalog.listing(id).isEmpty()) {
      throw Fault.invalid("no rollout " + id, "list them: tenantctl rollout ls");
    }
    if (holder.isPresent() && !holder.get().endedOn(Locks.Claimant.current("").host())) {
      throw Fault.failed("rollout " + id + " is being started by " + holder.get().describe() + ": its plan is not"
          + " written yet", "wait for it; if that process is gone, break its lock: tenantctl rollout unlock --force "
          + id);
    }
    throw Fault.failed("rollout " + id + " never started: its start stopped before it wrote its plan, and nothing"
        + " was deployed", holder.isPresent()
        ? "break its lock, then start again: tenantctl rollout unlock --force " + id
        : "start a new rollout: tenantctl rollout start --stack " + catalog.listing(id).get().stack());
  }

  /** Runs {@code body} holding the lease; a crash (an Error) leaves the lock behind, as a dead process would. */
  private Summary holding(Supplier<Summary> body) {
    Summary s;
    try (AutoCloseable handlers = onSignals ? signals.install(signal -> progress.on(new ProgressEvent.Step("rollout",
        signal + ": stopping; tenants in flight finish, then the lock is released (a second signal stops at once)")),
        lease::release) : () -> { }) {
      s = body.get();
    } catch (LockLost e) {
      throw e;
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    } catch (Exception closing) {
      throw new IllegalStateException(closing);
    }
    lease.release();
    return s;
  }
}
