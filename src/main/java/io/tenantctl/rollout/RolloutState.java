package io.tenantctl.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Where a rollout stands, or how it ended. Journalled, listed and shown by its label ({@code rolled-back}), which is
 * what users and scripts read: the labels never change.
 */
public enum RolloutState {
  RUNNING("running"),
  /** An operator asked it to stop; tenants in flight finish. */
  ABORTING("aborting"),
  ROLLING_BACK("rolling-back"),
  /** Halted by a wave's failures or its gate; a resume with {@code --rollback-on-halt} may still roll it back. */
  HALTED("halted"),
  DONE("done"),
  ROLLED_BACK("rolled-back"),
  ABORTED("aborted");

  private final String label;

  RolloutState(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static RolloutState of(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a rollout state: " + label));
  }

  /** It ended: nothing runs it any more (a halted one may still be rolled back by a resume). */
  public boolean isTerminal() {
    return this == HALTED || this == DONE || this == ROLLED_BACK || this == ABORTED;
  }

  /** It ended with every tenant at the target (or failed within tolerance). */
  public boolean isSucceeded() {
    return this == DONE;
  }

  @Override
  public String toString() {
    return label;
  }
}
