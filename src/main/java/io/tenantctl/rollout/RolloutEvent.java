package io.tenantctl.rollout;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.tenantctl.state.Locks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a rollout's journal records, each before the step it names is taken (ids and names only, never a secret).
 * A resumed rollout replays these ({@link RolloutRecord}) to find where it stopped.
 */
public sealed interface RolloutEvent {

  /**
   * The plan, as it was confirmed: a resume follows it, whatever the manifests say by then. {@code format} is the
   * journal's format ({@link RolloutJournalFormat}); journals written before it was named have none, read as 1.
   */
  @JsonTypeName("planned")
  record Planned(int format, String id, String stack, String selector, List<PlannedWave> waves,
      boolean rollbackOnHalt, Instant started) implements RolloutEvent {

    /** The plan, in the format this tenantctl writes. */
    public Planned(String id, String stack, String selector, List<PlannedWave> waves, boolean rollbackOnHalt,
        Instant started) {
      this(RolloutJournalFormat.CURRENT, id, stack, selector, waves, rollbackOnHalt, started);
    }
  }

  /** One wave of the plan; {@code alarmPrefix} is empty when the gate names none, {@code gate} false without one. */
  record PlannedWave(String name, List<String> tenants, int concurrency, String tolerance, int tolerated,
      Duration bake, boolean gate, List<String> alarms, String alarmPrefix, boolean production,
      boolean rollback) {}

  @JsonTypeName("wave-started")
  record WaveStarted(String wave) implements RolloutEvent {}

  @JsonTypeName("tenant-started")
  record TenantStarted(String wave, String tenant) implements RolloutEvent {}

  /**
   * The tenant's stack as it was, before it is changed: its parameters (a secret's value masked) and the key of
   * its template in the records ({@code ""} when there was no stack). Templates are kept once per content, since
   * most tenants of a fleet run the same one.
   */
  @JsonTypeName("previous-recorded")
  record PreviousRecorded(String tenant, String stack, String region, boolean existed, String template,
      java.util.Map<String, String> parameters) implements RolloutEvent {}

  /** Its fingerprint said it was already at the target: one read, nothing changed. */
  @JsonTypeName("tenant-at-target")
  record TenantAtTarget(String tenant) implements RolloutEvent {}

  /** Not rolled out, and why: its manifest was removed since the rollout started. */
  @JsonTypeName("tenant-skipped")
  record TenantSkipped(String tenant, String reason) implements RolloutEvent {}

  @JsonTypeName("tenant-deployed")
  record TenantDeployed(String tenant, String result) implements RolloutEvent {}

  @JsonTypeName("tenant-failed")
  record TenantFailed(String tenant, String reason) implements RolloutEvent {}

  @JsonTypeName("wave-deployed")
  record WaveDeployed(String wave, int failures) implements RolloutEvent {}

  /** The bake's absolute deadline: a resumed bake waits only what is left of it. */
  @JsonTypeName("bake-started")
  record BakeStarted(String wave, Instant deadline) implements RolloutEvent {}

  /** A gate reading that differs from the one before: {@code verdict} is green, waiting, red or unreadable. */
  @JsonTypeName("gate-verdict")
  record GateVerdict(String wave, String verdict, List<String> alarms, String detail) implements RolloutEvent {}

  @JsonTypeName("wave-baked")
  record WaveBaked(String wave) implements RolloutEvent {}

  @JsonTypeName("halted")
  record Halted(String wave, String reason) implements RolloutEvent {}

  @JsonTypeName("rollback-started")
  record RollbackStarted(List<String> tenants) implements RolloutEvent {}

  @JsonTypeName("tenant-restoring")
  record TenantRestoring(String tenant) implements RolloutEvent {}

  @JsonTypeName("tenant-restored")
  record TenantRestored(String tenant) implements RolloutEvent {}

  @JsonTypeName("tenant-restore-failed")
  record TenantRestoreFailed(String tenant, String reason) implements RolloutEvent {}

  /** An operator asked to stop starting tenants. */
  @JsonTypeName("abort-requested")
  record AbortRequested(String by) implements RolloutEvent {}

  /** The run stopped on a signal ({@code SIGINT}, {@code SIGTERM}) where the journal says: a resume goes on. */
  @JsonTypeName("interrupted")
  record Interrupted(String signal) implements RolloutEvent {}

  @JsonTypeName("lock-broken")
  record LockBroken(Locks.Holder holder, String by) implements RolloutEvent {}

  /** The end: {@code state} is done, halted, rolled-back or aborted. */
  @JsonTypeName("finished")
  record Finished(RolloutState state) implements RolloutEvent {}
}
