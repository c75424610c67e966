package io.tenantctl.rollout;

import java.util.List;

/**
 * What a rollout does to one tenant's stack. The live implementation ({@link LiveTenantStacks}) goes through the
 * deploy role and the resumable {@code StackDeployer}; tests may count and fail calls.
 */
public interface TenantStacks {

  /** Whether the tenant's stack already is at the target: one read (the fingerprint tag). */
  boolean atTarget(String tenant);

  /** The stack's template and parameters as deployed now, to put it back later. */
  PreviousVersion current(String tenant);

  /** Brings the stack to the target; a failure (after the SDK's retries) is thrown with its reason. */
  void deploy(String tenant);

  /** Puts the stack back as it was: its template and parameters, or no stack when there was none. */
  void restore(String tenant, PreviousVersion previous);

  /** Where the health gate reads the tenants' alarms: each one's account, in its stack's region. */
  List<HealthGate.Place> places(List<String> tenants);

  /**
   * A stack as it was before a rollout changed it; {@code existed} false when there was none.
   * A {@code NoEcho} parameter's value is masked, as CloudFormation returns it.
   */
  record PreviousVersion(String tenant, String stackName, String region, boolean existed, String templateBody,
      java.util.Map<String, String> parameters) {}

  /** The tenant's manifest is gone (removed since the rollout started): the rollout skips it, by name. */
  final class Removed extends io.tenantctl.core.Fault {
    private static final long serialVersionUID = 1L;

    public Removed(String tenant) {
      super(io.tenantctl.core.ExitCode.FAILED, "the manifest of tenant " + tenant + " was removed since the rollout"
          + " started: skipped", "to roll it out, restore its manifest and start a new rollout");
    }
  }
}
