package io.tenantctl.core;

import java.util.Optional;

/**
 * What a service tells the operator while it works, as data: {@code output/} decides how it looks (a live
 * display on a terminal, plain lines in CI, JSON lines). {@code subject} is a tenant, account, stack or
 * other thing the event is about.
 */
public sealed interface ProgressEvent {

  String subject();

  /** A step that changes something is about to be taken, or a notable fact was found. */
  record Step(String subject, String message) implements ProgressEvent {}

  /** A resource of {@code stack} (or the stack itself) changed status; {@code subject} is the tenant. */
  record StackEvent(String subject, String stack, String logicalId, String resourceType, String status,
      Optional<String> reason) implements ProgressEvent {
    public boolean failed() {
      return status.endsWith("_FAILED");
    }
  }

  /** One tenant of a batch has started. */
  record TenantStarted(String subject) implements ProgressEvent {}

  /** One tenant of a batch is done: {@code failure} is empty when it succeeded. */
  record TenantDone(String subject, String summary, Optional<String> failure) implements ProgressEvent {
    public boolean succeeded() {
      return failure.isEmpty();
    }
  }

  /** How far a batch or a rollout wave has got. */
  record WaveProgress(String subject, int total, int done, int failed, int inFlight) implements ProgressEvent {
    public int waiting() {
      return total - done - failed - inFlight;
    }
  }

  /** A rollout wave starts: {@code subject} is the wave. */
  record WaveStarted(String subject, int tenants, int concurrency) implements ProgressEvent {}

  /** A wave bakes until {@code deadline} (an ISO-8601 instant) while its gate is read. */
  record WaveBaking(String subject, java.time.Instant deadline) implements ProgressEvent {}

  /** A wave baked with its gate green: the next wave may start. */
  record WaveBaked(String subject) implements ProgressEvent {}

  /** A reading of a wave's health gate: {@code verdict} is green, waiting, red or unreadable. */
  record GateVerdict(String subject, String verdict, java.util.List<String> alarms, String detail)
      implements ProgressEvent {}

  /** The rollout halted at wave {@code subject}. */
  record Halted(String subject, String reason) implements ProgressEvent {}

  /** A tenant was put back on its previous version: {@code failure} is empty when that worked. */
  record RolledBack(String subject, Optional<String> failure) implements ProgressEvent {}

  /** How a rollout ended: {@code subject} is its id; {@code state} done, halted, rolled-back or aborted. */
  record RolloutSummary(String subject, String stack, String state, int deployed, int atTarget, int failed,
      int rolledBack) implements ProgressEvent {}
}
