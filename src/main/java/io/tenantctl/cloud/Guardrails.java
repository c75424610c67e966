package io.tenantctl.cloud;

/** Organization policies, from the management account. */
public interface Guardrails {

  /** Enables a policy type on the root; true when this call enabled it. */
  boolean enable(String rootId, Kind kind);

  /** Creates the policy by name, or updates its content when it differs. */
  Put put(Kind kind, String name, String description, String content);

  /** Attaches the policy to a root, OU or account; true when it was not attached before. */
  boolean attach(String policyId, String targetId);

  /**
   * Service control policies limit what the principals in an account may do; resource control
   * policies limit what anyone may do to the resources in an account.
   */
  enum Kind { SERVICE_CONTROL, RESOURCE_CONTROL }

  /** What {@link #put} did. */
  record Put(String policyId, Change change) {}

  enum Change { CREATED, UPDATED, UNCHANGED }
}
