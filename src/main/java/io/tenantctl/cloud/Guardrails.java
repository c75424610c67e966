package io.tenantctl.cloud;

import java.util.List;

/** Organization policies, from the management account. */
public interface Guardrails {

  /** Enables a policy type on the root; true when this call enabled it. */
  boolean enable(String rootId, Kind kind);

  /** Creates the policy by name, or updates its content when it differs. */
  Put put(Kind kind, String name, String description, String content);

  /** Attaches the policy to a root, OU or account; true when it was not attached before. */
  boolean attach(String policyId, String targetId);

  /** The policies of a kind attached directly to a root, OU or account. */
  List<Policy> attachedTo(String targetId, Kind kind);

  /**
   * Service control policies limit what the principals in an account may do; resource control
   * policies limit what anyone may do to the resources in an account.
   */
  enum Kind { SERVICE_CONTROL, RESOURCE_CONTROL }

  record Policy(String id, String name) {}

  /** What {@link #put} did. */
  record Put(String policyId, Change change) {}

  enum Change { CREATED, UPDATED, UNCHANGED }
}
