package io.tenantctl.registry;

import java.time.Instant;
import java.util.Map;

/**
 * What the platform knows of one tenant, kept in the state after each change for {@code status}, {@code registry
 * export} and the rest of the platform: its account, OU and home region, and each stack's fingerprint and outputs
 * (role, key and bucket ARNs; never an output that carries a secret parameter's value).
 *
 * @param stacks by stack name in the fleet file (e.g. {@code baseline})
 * @param changedBy what last changed the tenant: {@code create}, {@code deploy}, {@code rollout r-…}
 */
public record TenantRecord(String tenant, String accountId, String ou, String region, Map<String, StackRecord> stacks,
    String changedBy, Instant changedAt) {

  /** One stack as last deployed: its CloudFormation name, status, fingerprint and outputs. */
  public record StackRecord(String stackName, String region, String status, String fingerprint,
      Map<String, String> outputs, String changedBy, Instant changedAt) {}
}
