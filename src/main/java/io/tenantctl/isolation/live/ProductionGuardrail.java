package io.tenantctl.isolation.live;

import io.tenantctl.cloud.Guardrails;
import io.tenantctl.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The organization policy that denies production principals any access to tenant resources. It is a
 * resource control policy: a service control policy only limits the principals of the accounts it is
 * attached to, so it could never stop a principal from production.
 */
public final class ProductionGuardrail {
  public static final String POLICY_NAME = "tenantctl-deny-production";
  static final List<String> DENIED_ACTIONS = List.of("sts:*", "s3:*", "kms:*", "sqs:*", "secretsmanager:*");

  private final Guardrails guardrails;

  public ProductionGuardrail(Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  /** What {@link #ensure} did: each field is what changed, empty or false when nothing did. */
  public record Applied(String policyId, boolean typeEnabled, Guardrails.Change policy, List<String> attachedTo) {
    public boolean changedAnything() {
      return typeEnabled || policy != Guardrails.Change.UNCHANGED || !attachedTo.isEmpty();
    }
  }

  /**
   * Enables resource control policies, creates or updates the policy, and attaches it to each target.
   *
   * @param targets OU path → OU id
   */
  public Applied ensure(String rootId, String productionAccountId, Map<String, String> targets, Progress progress) {
    var kind = Guardrails.Kind.RESOURCE_CONTROL;
    boolean enabled = guardrails.enable(rootId, kind);
    if (enabled) {
      progress.step("guardrail", "enabled resource control policies on the root");
    }
    var put = guardrails.put(kind, POLICY_NAME, "tenantctl: production principals may not reach tenant resources",
        content(productionAccountId));
    if (put.change() != Guardrails.Change.UNCHANGED) {
      progress.step("guardrail", POLICY_NAME + ": " + put.change().name().toLowerCase());
    }
    List<String> attached = new ArrayList<>();
    targets.forEach((path, id) -> {
      if (guardrails.attach(put.policyId(), id)) {
        progress.step("guardrail", "attached " + POLICY_NAME + " to " + path);
        attached.add(path);
      }
    });
    return new Applied(put.policyId(), enabled, put.change(), attached);
  }

  static String content(String productionAccountId) {
    String actions = String.join("\", \"", DENIED_ACTIONS);
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"DenyProductionPrincipals\","
        + " \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": [\"" + actions + "\"], \"Resource\": \"*\","
        + " \"Condition\": {\"StringEquals\": {\"aws:PrincipalAccount\": \"" + productionAccountId + "\"}}}]}";
  }
}
