package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.state.Journal;
import io.tenantctl.state.LockLost;
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

  public Rollout(StateStore state, TenantStacks stacks, HealthGate gate, Bakery time, Progress progress) {
    this.state = state;
    this.stacks = stacks;
    this.gate = gate;
    this.time = time;
    this.progress = progress;
    this.catalog = new RolloutCatalog(state.records(), time);
    this.lease = new FleetLease(state.locks());
    this.templates = new PreviousTemplates(state.records());
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
    return catalog.newId(stack);
  }

  /** How a rollout ended (or stopped). */
  public record Summary(String id, String stack, RolloutState state, RolloutRecord record) {}

  /** What {@code rollout ls} lists; kept in the records under {@code rollouts/<id>}. */
  public record RolloutListing(String id, String stack, RolloutState state, Instant started, String selector) {}

  /** A template a rollout may put back, under {@code rollouts/<id>/templates/<sha256>}. */
  public record PreviousTemplate(String body) {}

  public Summary start(String id, RolloutPlan plan) {
    lease.acquire(id);
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
      catalog.put(new RolloutListing(id, plan.stack(), RolloutState.RUNNING, started, plan.selector()));
      RolloutLog log = new RolloutLog(journal, lease, afterStep);
      log.step("plan", new RolloutEvent.Planned(id, plan.stack(), plan.selector(), waves, plan.rollbackOnHalt(),
          started));
      return engine(id, log).run(false);
    });
  }

  /** Continues a rollout where it stopped; {@code rollback} rolls back a halted one that did not. */
  public Summary resume(String id, boolean rollback) {
    Journal<RolloutEvent> journal = existing(id);
    lease.acquire(id);
    return holding(() -> {
      RolloutLog log = new RolloutLog(journal, lease, afterStep);
      readable(id, log.record());
      return engine(id, log).run(rollback);
    });
  }

  private RolloutEngine engine(String id, RolloutLog log) {
    return new RolloutEngine(id, log, stacks, gate, time, progress, templates, catalog);
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
      catalog.put(new RolloutListing(id, record.plan().stack(), RolloutState.ABORTED, record.plan().started(),
          record.plan().selector()));
    }
    return record;
  }

  /** Breaks the lock a dead rollout left, deliberately, and journals it in that rollout. */
  public Locks.Lock unlock(String id, Locks.Claimant by) {
    Journal<RolloutEvent> journal = existing(id);
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
    journal.append("lock", new RolloutEvent.LockBroken(held.holder(), by.user() + "@" + by.host()));
    state.locks().breakLock(LOCK, by, "rollout unlock --force " + id);
    return held;
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
    return catalog.latest();
  }

  /** Every rollout of this state, newest first. */
  public List<RolloutListing> list() {
    return catalog.list();
  }

  /**
   * Refuses at once when another rollout holds the fleet's lock: before a plan is resolved (a read per tenant)
   * and shown. Taking the lock when the rollout starts is what keeps two apart; this only spares the wait.
   */
  public void refuseIfLocked() {
    lease.holder().ifPresent(h -> {
      throw FleetLease.busy(h, null);
    });
  }

  /** Who runs rollout {@code id} now, as the lock says: empty when no process holds the lock for it. */
  public Optional<Locks.Holder> runnerOf(String id) {
    return lease.runnerOf(id);
  }

  private Journal<RolloutEvent> journal(String id) {
    return state.journal(id, RolloutEvent.class);
  }

  private Journal<RolloutEvent> existing(String id) {
    if (catalog.listing(id).isEmpty()) {
      throw Fault.invalid("no rollout " + id, "list them: tenantctl rollout ls");
    }
    return journal(id);
  }

  /** Runs {@code body} holding the lease; a crash (an Error) leaves the lock behind, as a dead process would. */
  private Summary holding(Supplier<Summary> body) {
    Summary s;
    try {
      s = body.get();
    } catch (LockLost e) {
      throw e;
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
    lease.release();
    return s;
  }
}
