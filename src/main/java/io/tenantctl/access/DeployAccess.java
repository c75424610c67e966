package io.tenantctl.access;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.RoleNotAssumableException;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a tenant account through its deploy role. A brand-new account's role is not assumable at once
 * (IAM is eventually consistent), so refusals are retried with backoff until the polling timeout. An account is
 * verified once: opened again (a health gate read every 30 s, say) it costs no call.
 */
public final class DeployAccess {
  private final Cloud cloud;
  private final Cloud.DeployRoleRef role;
  private final Polling polling;
  private final Set<String> verified;

  public DeployAccess(Cloud cloud, Cloud.DeployRoleRef role, Polling polling) {
    this(cloud, role, polling, ConcurrentHashMap.newKeySet());
  }

  /** @param verified the accounts whose role was assumed already, shared by the accesses of one run */
  public DeployAccess(Cloud cloud, Cloud.DeployRoleRef role, Polling polling, Set<String> verified) {
    this.cloud = cloud;
    this.role = role;
    this.polling = polling;
    this.verified = verified;
  }

  public AccountCloud open(String accountId, Progress progress) {
    AccountCloud account = cloud.account(accountId, role);
    String key = accountId + "/" + role.name();
    if (verified.contains(key)) {
      return account;
    }
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
    verified.add(key);
    return account;
  }
}
