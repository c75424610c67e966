package io.tenantctl.cloud;

/**
 * The whole cloud as tenantctl sees it, from the caller's (management) account. One per command run;
 * the AWS implementation reuses one SDK client per service, account and region, and closes them all.
 */
public interface Cloud extends AutoCloseable {

  CallerIdentity caller();

  Organization organization();

  /**
   * The account, reached through its deploy role. The role is assumed lazily; a role that cannot be
   * assumed (yet) surfaces as {@link RoleNotAssumableException} from the first call.
   */
  AccountCloud account(String accountId, DeployRoleRef role);

  /** The organization's policies (service control and resource control policies). */
  Guardrails guardrails();

  @Override
  void close();

  /** Who is calling. */
  record CallerIdentity(String accountId, String arn) {}

  /** The role to assume in member accounts. */
  record DeployRoleRef(String name, java.util.Optional<String> externalId) {}
}
