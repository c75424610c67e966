package io.tenantctl.access;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.RoleNotAssumableException;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;

/**
 * Opens a tenant account through its deploy role. A brand-new account's role is not assumable at once
 * (IAM is eventually consistent), so refusals are retried with backoff until the polling timeout.
 */
public final class DeployAccess {
  private final Cloud cloud;
  private final Cloud.DeployRoleRef role;
  private final Polling polling;

  public DeployAccess(Cloud cloud, Cloud.DeployRoleRef role, Polling polling) {
    this.cloud = cloud;
    this.role = role;
    this.polling = polling;
  }

  public AccountCloud open(String accountId, Progress progress) {
    AccountCloud account = cloud.account(accountId, role);
    boolean[] told = {false};
    polling.until(Cloud.CallerIdentity.class, () -> {
      try {
        return account.verify();
      } catch (RoleNotAssumableException e) {
        if (!told[0]) {
          progress.step(accountId, "waiting for role " + role.name() + " to become assumable");
          told[0] = true;
        }
        throw e;
      }
    }, id -> true, t -> t instanceof RoleNotAssumableException);
    return account;
  }
}
