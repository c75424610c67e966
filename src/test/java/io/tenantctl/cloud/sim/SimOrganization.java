package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Organization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * AWS Organizations, simulated: a root, nested OUs, accounts with tags and parents, and asynchronous
 * {@code CreateAccount} requests that settle only after several polls. Errors carry AWS's codes.
 */
final class SimOrganization implements Organization {
  private final SimConfig config;
  private final SimCalls calls;
  private final SimIds ids;
  private final SimAccounts accounts;
  private final Map<String, OrgUnit> units = new LinkedHashMap<>();
  private final Map<String, String> unitParents = new LinkedHashMap<>();
  private final String managementId;
  private OrgInfo info;
  private String rootId;

  SimOrganization(SimConfig config, SimCalls calls, SimIds ids, SimAccounts accounts, String managementId) {
    this.config = config;
    this.calls = calls;
    this.ids = ids;
    this.accounts = accounts;
    this.managementId = managementId;
    if (config.organizationExists()) {
      establish();
    }
  }

  @Override
  public Optional<OrgInfo> describe() {
    return calls.call("describeOrganization", () -> locked(() -> Optional.ofNullable(info)));
  }

  @Override
  public OrgInfo create() {
    return calls.call("createOrganization", () -> locked(() -> {
      if (info != null) {
        throw error("AlreadyInOrganizationException", "The AWS account is already a member of an organization.");
      }
      return establish();
    }));
  }

  @Override
  public String rootId() {
    return calls.call("rootId", () -> locked(this::root));
  }

  @Override
  public List<OrgUnit> childUnits(String parentId) {
    return calls.call("childUnits", () -> locked(() -> {
      requireParent(parentId, "ParentNotFoundException");
      return units.values().stream().filter(u -> parentId.equals(unitParents.get(u.id()))).toList();
    }));
  }

  @Override
  public OrgUnit createUnit(String parentId, String name) {
    return calls.call("createUnit", () -> locked(() -> {
      requireParent(parentId, "ParentNotFoundException");
      return unit(parentId, name, true);
    }));
  }

  @Override
  public List<Account> accounts() {
    return calls.call("accounts", () -> locked(() -> {
      root();
      return accounts.list();
    }));
  }

  @Override
  public Map<String, String> tags(String accountId) {
    return calls.call("tags", () -> locked(() -> {
      root();
      return accounts.require(accountId, "TargetNotFoundException").tags();
    }));
  }

  @Override
  public void tag(String accountId, Map<String, String> tags) {
    calls.run("tag", () -> locked(() -> {
      root();
      accounts.require(accountId, "TargetNotFoundException").addTags(tags);
      return null;
    }));
  }

  @Override
  public String parentOf(String accountId) {
    return calls.call("parentOf", () -> locked(() -> {
      root();
      return accounts.require(accountId, "ChildNotFoundException").parentId();
    }));
  }

  @Override
  public void move(String accountId, String fromParentId, String toParentId) {
    calls.run("move", () -> locked(() -> {
      root();
      var account = accounts.require(accountId, "AccountNotFoundException");
      requireParent(toParentId, "DestinationParentNotFoundException");
      if (!account.parentId().equals(fromParentId)) {
        throw error("SourceParentNotFoundException", "We can't find a source root or OU with the ParentId that"
            + " you specified (" + fromParentId + ").");
      }
      if (fromParentId.equals(toParentId)) {
        throw error("DuplicateAccountException", "That account is already present in the specified destination.");
      }
      account.moveTo(toParentId);
      return null;
    }));
  }

  @Override
  public AccountRequest createAccount(String name, String email, Map<String, String> tags) {
    return calls.call("createAccount", () -> locked(() -> {
      root();
      return accounts.request(ids.accountRequestId(), name, email, tags, config.accountCreationPolls(),
          config.takeAccountFailure());
    }));
  }

  @Override
  public AccountRequest accountRequest(String requestId) {
    return calls.call("accountRequest", () -> locked(() -> {
      root();
      return accounts.poll(requestId, rootId);
    }));
  }

  @Override
  public List<AccountRequest> accountRequests() {
    return calls.call("accountRequests", () -> locked(() -> {
      root();
      return accounts.requests();
    }));
  }

  @Override
  public void untag(String accountId, java.util.Set<String> keys) {
    calls.run("untag", () -> locked(() -> {
      root();
      accounts.require(accountId, "TargetNotFoundException").removeTags(keys);
      return null;
    }));
  }

  /** A closing account is PENDING_CLOSURE when first asked about, SUSPENDED afterwards. */
  @Override
  public Optional<Account> account(String accountId) {
    return calls.call("account", () -> locked(() -> {
      root();
      return accounts.list().stream().filter(a -> a.id().equals(accountId)).findFirst();
    }));
  }

  @Override
  public String accountStatus(String accountId) {
    return calls.call("accountStatus", () -> locked(() -> {
      root();
      var member = accounts.require(accountId, "AccountNotFoundException");
      String now = member.status();
      if ("PENDING_CLOSURE".equals(now)) {
        member.status("SUSPENDED");
      }
      return now;
    }));
  }

  @Override
  public void closeAccount(String accountId) {
    calls.run("closeAccount", () -> locked(() -> {
      root();
      var member = accounts.require(accountId, "AccountNotFoundException");
      if (accountId.equals(managementId)) {
        throw error("ConstraintViolationException", "You cannot close the management account (MASTER_ACCOUNT_CLOSE).");
      }
      if (!"ACTIVE".equals(member.status())) {
        throw error("AccountAlreadyClosedException", "You provided an account that is already closed.");
      }
      member.status("PENDING_CLOSURE");
      return null;
    }));
  }

  @Override
  public Optional<Integer> accountQuota() {
    return calls.call("accountQuota", () -> config.serviceQuotasReadable()
        ? Optional.of(config.accountQuota()) : Optional.<Integer>empty());
  }

  // ---- for SimCloud's inspection and set-up helpers: not counted, never faulty

  synchronized String ensurePath(String path) {
    String parent = root();
    for (String name : path.substring(1).split("/")) {
      if (!name.isEmpty()) {
        parent = unit(parent, name, false).id();
      }
    }
    return parent;
  }

  synchronized String pathOf(String parentId) {
    List<String> names = new ArrayList<>();
    for (String at = parentId; !at.equals(root()); at = unitParents.get(at)) {
      names.add(0, units.get(at).name());
    }
    return "/" + String.join("/", names);
  }

  /** The root's id, not counted as a call: for the simulation's own use. */
  synchronized String currentRoot() {
    return root();
  }

  synchronized void settleAccountRequests() {
    accounts.settleAll(root());
  }

  private OrgInfo establish() {
    info = new OrgInfo(ids.organizationId(), managementId);
    rootId = ids.rootId();
    accounts.addManagement(managementId, rootId);
    return info;
  }

  private OrgUnit unit(String parentId, String name, boolean refuseExisting) {
    var existing = units.values().stream()
        .filter(u -> u.name().equals(name) && parentId.equals(unitParents.get(u.id()))).findFirst();
    if (existing.isPresent()) {
      if (refuseExisting) {
        throw error("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
      }
      return existing.get();
    }
    OrgUnit ou = new OrgUnit(ids.unitId(rootId), name);
    units.put(ou.id(), ou);
    unitParents.put(ou.id(), parentId);
    return ou;
  }

  private void requireParent(String parentId, String code) {
    if (!root().equals(parentId) && !units.containsKey(parentId)) {
      throw error(code, "We can't find a root or OU with the ParentId that you specified (" + parentId + ").");
    }
  }

  private String root() {
    if (info == null) {
      throw error("AWSOrganizationsNotInUseException",
          "Your account is not a member of an organization.");
    }
    return rootId;
  }

  private synchronized <T> T locked(Supplier<T> body) {
    return body.get();
  }

  static CloudException error(String code, String message) {
    return new CloudException(code, "Organizations: " + message + " (" + code + ")", null);
  }
}
