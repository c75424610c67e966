package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The organization's accounts, listed once per run; each account's tags are read once, when first needed. */
public final class AccountDirectory {
  public static final String TENANT_TAG = "tenantctl:tenant";

  private final Organization org;
  private volatile List<Account> accounts;
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

  public AccountDirectory(Organization org) {
    this.org = org;
  }

  public List<Account> accounts() {
    if (accounts == null) {
      accounts = org.accounts();
    }
    return accounts;
  }

  public Map<String, String> tags(String accountId) {
    return tags.computeIfAbsent(accountId, org::tags);
  }

  public Optional<Account> byId(String id) {
    return accounts().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<Account> byTenantTag(String tenant) {
    return accounts().stream().filter(a -> tenant.equals(tags(a.id()).get(TENANT_TAG))).findFirst();
  }

  public Optional<Account> byEmail(String email) {
    return accounts().stream().filter(a -> a.email() != null && a.email().equalsIgnoreCase(email)).findFirst();
  }

  /** Forgets what was listed, after this run created or tagged an account ({@code null}: any account). */
  public void changed(String accountId) {
    accounts = null;
    if (accountId != null) {
      tags.remove(accountId);
    }
  }
}
