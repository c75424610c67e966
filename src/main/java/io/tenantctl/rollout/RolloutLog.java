package io.tenantctl.rollout;

import io.tenantctl.state.Journal;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A running rollout's journal and its record, kept in step: each event is journalled (renewing the fleet lease when
 * due, so a run whose lock was broken stops before its next step) and then applied to the record in memory. The
 * journal is replayed once, when the run begins; never again while it runs.
 */
final class RolloutLog {
  private final Journal<RolloutEvent> journal;
  private final RolloutRecord record;
  private final FleetLease lease;
  private final Consumer<RolloutEvent> afterStep;
  private final UnaryOperator<String> mask;

  /** {@code mask} hides the run's secret values in the text an event carries (a reason quoting a parameter). */
  RolloutLog(Journal<RolloutEvent> journal, FleetLease lease, Consumer<RolloutEvent> afterStep,
      UnaryOperator<String> mask) {
    this.journal = journal;
    this.record = RolloutRecord.of(journal.entries());
    this.lease = lease;
    this.afterStep = afterStep;
    this.mask = mask;
  }

  RolloutRecord record() {
    return record;
  }

  /** Journals {@code event} durably, then applies it. */
  void step(String key, RolloutEvent event) {
    lease.renewIfDue();
    RolloutEvent masked = masked(event);
    record.apply(journal.append(key, masked));
    afterStep.accept(masked);
  }

  /** The event with every known secret value masked in its free text: the journal never holds one. */
  private RolloutEvent masked(RolloutEvent e) {
    if (e instanceof RolloutEvent.TenantFailed f) {
      return new RolloutEvent.TenantFailed(f.tenant(), mask.apply(f.reason()));
    } else if (e instanceof RolloutEvent.TenantRestoreFailed f) {
      return new RolloutEvent.TenantRestoreFailed(f.tenant(), mask.apply(f.reason()));
    } else if (e instanceof RolloutEvent.Halted h) {
      return new RolloutEvent.Halted(h.wave(), mask.apply(h.reason()));
    } else if (e instanceof RolloutEvent.GateVerdict v) {
      return new RolloutEvent.GateVerdict(v.wave(), v.verdict(), v.alarms(), mask.apply(v.detail()));
    }
    return e;
  }

  /** Journals a step whose loss in a crash only repeats idempotent work ({@link Journal#appendLazily}). */
  void stepLazily(String key, RolloutEvent event) {
    lease.renewIfDue();
    journal.appendLazily(key, event);
    record.apply(new Journal.Entry<>(-1, Instant.now(), key, event));
    afterStep.accept(event);
  }

  /** Whether an operator asked the rollout to stop: {@code rollout abort} appends to the journal from anywhere. */
  boolean abortRequested() {
    if (record.abortedBy().isPresent()) {
      return true;
    }
    var abort = journal.latest(Rollout.ABORT_KEY);
    abort.ifPresent(record::apply);
    return abort.isPresent();
  }
}
