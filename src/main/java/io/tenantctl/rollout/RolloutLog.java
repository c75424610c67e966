package io.tenantctl.rollout;

import io.tenantctl.state.Journal;
import java.time.Instant;
import java.util.function.Consumer;

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

  RolloutLog(Journal<RolloutEvent> journal, FleetLease lease, Consumer<RolloutEvent> afterStep) {
    this.journal = journal;
    this.record = RolloutRecord.of(journal.entries());
    this.lease = lease;
    this.afterStep = afterStep;
  }

  RolloutRecord record() {
    return record;
  }

  /** Journals {@code event} durably, then applies it. */
  void step(String key, RolloutEvent event) {
    lease.renewIfDue();
    record.apply(journal.append(key, event));
    afterStep.accept(event);
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
