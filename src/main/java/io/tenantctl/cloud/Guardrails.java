package io.tenantctl.cloud;

import java.util.List;

/** Organization policies (service control policies), from the management account. */
public interface Guardrails {

  /** Enables the service-control-policy type on the root; true when this call enabled it. */
  boolean enableServiceControlPolicies(String rootId);

  /** Creates the policy by name, or updates its content when it differs. */
  Put put(String name, String description, String content);

  /** Attaches the policy to a root, OU or account; true when it was not attached before. */
  boolean attach(String policyId, String targetId);

  /** The service control policies attached directly to a root, OU or account. */
  List<Policy> attachedTo(String targetId);

  record Policy(String id, String name) {}

  /** What {@link #put} did. */
  record Put(String policyId, Change change) {}

  enum Change { CREATED, UPDATED, UNCHANGED }
}
