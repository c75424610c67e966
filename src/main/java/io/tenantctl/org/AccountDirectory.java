package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.core.Fault;
import io.tenantctl.core.FanOut;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organization's accounts, listed once per run. Each account's tags are read once; a lookup that
 * needs every account's tags reads them {@code parallelism} at a time, since Organizations has no call
 * that returns the tags of many accounts. A lookup of one tenant before anything was listed asks the
 * {@link AccountIndex} first and verifies its answer with that account's tags (two calls, however large the
 * organization); only a miss or a disagreement lists and scans the organization.
 */
public final class AccountDirectory {
  public static final String TENANT_TAG = "tenantctl:tenant";
  /** Enough to hide latency, few enough to stay clear of Organizations' request rate. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final Organization org;
  private final int parallelism;
  private final AccountIndex index;
  /** The tenants a run may look up through the index before it lists the organization once. */
  static final int INDEXED_PER_RUN = 3;
  private final java.util.Set<String> indexed = new java.util.HashSet<>();
  /** Accounts described one by one (DescribeAccount), for lookups that list nothing. */
  private final Map<String, Optional<Account>> described = new ConcurrentHashMap<>();
  private volatile List<Account> accounts;
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  /** Accounts by their tenant tag, built from what was read; dropped whenever the listing or a tag changes. */
  private volatile Map<String, List<Account>> byTenant;

  public AccountDirectory(Organization org) {
    this(org, DEFAULT_PARALLELISM);
  }

  public AccountDirectory(Organization org, int parallelism) {
    this(org, parallelism, AccountIndex.NONE);
  }

  public AccountDirectory(Organization org, int parallelism, AccountIndex index) {
    this.org = org;
    this.parallelism = parallelism;
    this.index = index;
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
    if (accounts == null) {
      return described(id);
    }
    return accounts().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  private Optional<Account> described(String id) {
    return described.computeIfAbsent(id, org::account);
  }

  /**
   * The account tagged for {@code tenant}; more than one is a fault naming them all: one account per tenant (found
   * only when the organization is scanned: an index hit verified by its tag is trusted).
   */
  public Optional<Account> byTenantTag(String tenant) {
    if (accounts == null && asksIndexFor(tenant)) {
      // nothing listed this run: one tenant's lookup is worth two calls, not a scan
      Optional<String> hint = index.accountOf(tenant);
      if (hint.isPresent() && tenant.equals(tags(hint.get()).get(TENANT_TAG))) {
        Optional<Account> known = described(hint.get());
        if (known.isPresent()) {
          return known;
        }
      }
      Optional<Account> found = scanned(tenant);
      if (found.isPresent() && !hint.equals(Optional.of(found.get().id()))) {
        index.remember(tenant, found.get().id());
      }
      return found;
    }
    return scanned(tenant);
  }

  /**
   * Whether a lookup of {@code tenant} goes to the index: for the few tenants a one-tenant command names. A run that
   * looks up many (a rollout, status of the fleet) scans once instead of two calls per tenant.
   */
  private boolean asksIndexFor(String tenant) {
    synchronized (indexed) {
      if (indexed.contains(tenant) || indexed.size() < INDEXED_PER_RUN) {
        indexed.add(tenant);
        return true;
      }
      return false;
    }
  }

  /** Records where {@code tenant}'s account is, after this run tagged it. */
  public void remember(String tenant, String accountId) {
    if (!index.accountOf(tenant).equals(Optional.of(accountId))) {
      index.remember(tenant, accountId);
    }
  }

  private Optional<Account> scanned(String tenant) {
    List<Account> tagged = byTenant().getOrDefault(tenant, List.of());
    if (tagged.size() > 1) {
      throw Fault.failed("tenant " + tenant + " has " + tagged.size() + " accounts tagged " + TENANT_TAG + "=" + tenant
          + ": " + String.join(", ", tagged.stream().map(a -> a.id() + " (" + a.email() + ")").toList()),
          "one account serves one tenant: keep the one its stacks live in, remove the tag from the others (and"
              + " close them if they are spare), then re-run");
    }
    return tagged.stream().findFirst();
  }

  // an index, not a scan per lookup: a rollout looks up every tenant of a fleet of thousands
  private Map<String, List<Account>> byTenant() {
    Map<String, List<Account>> index = byTenant;
    if (index != null) {
      return index;
    }
    synchronized (this) {
      if (byTenant == null) {
        readAllTags();
        Map<String, List<Account>> built = new java.util.HashMap<>();
        for (Account a : accounts()) {
          String tenant = tags(a.id()).get(TENANT_TAG);
          if (tenant != null) {
            built.computeIfAbsent(tenant, k -> new java.util.ArrayList<>()).add(a);
          }
        }
        built.replaceAll((k, v) -> List.copyOf(v));
        byTenant = Map.copyOf(built);
      }
      return byTenant;
    }
  }

  /** Reads the tags of every account not yet read, {@code parallelism} at a time. */
  public void readAllTags() {
    List<String> unread = accounts().stream().map(Account::id).filter(id -> !tags.containsKey(id)).toList();
    FanOut.all(unread, Math.max(1, parallelism), this::tags);
  }

  public Optional<Account> byEmail(String email) {
    return accounts().stream().filter(a -> a.email() != null && a.email().equalsIgnoreCase(email)).findFirst();
  }

  /** Forgets every account and tag read: another run may have changed them meanwhile. */
  public synchronized void forget() {
    byTenant = null;
    accounts = null;
    tags.clear();
    described.clear();
  }

  /** Forgets what was listed, after this run created or tagged an account ({@code null}: any account). */
  public synchronized void changed(String accountId) {
    byTenant = null;
    accounts = null;
    if (accountId != null) {
      tags.remove(accountId);
      described.remove(accountId);
    } else {
      described.clear();
    }
  }
}
