package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.cloud.Organization.AccountRequest;
import io.tenantctl.cloud.Organization.AccountRequest.State;
import io.tenantctl.cloud.RoleNotAssumableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The organization's accounts and the {@code CreateAccount} requests that make them. */
final class SimAccounts {
  private final SimConfig config;
  private final SimIds ids;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Request> requests = new LinkedHashMap<>();

  SimAccounts(SimConfig config, SimIds ids) {
    this.config = config;
    this.ids = ids;
  }

  /** One member account. The deploy role of a new account is refused a few times before it works. */
  static final class Member {
    final String id;
    final String name;
    final String email;
    private String status;
    final boolean hasDeployRole;
    private String parentId;
    private int roleRefusalsLeft;
    private int unlistedFor;
    private final Map<String, String> tags = new LinkedHashMap<>();

    Member(String id, String name, String email, String parentId, boolean hasDeployRole, int roleRefusals) {
      this.id = id;
      this.name = name;
      this.email = email;
      this.status = "ACTIVE";
      this.parentId = parentId;
      this.hasDeployRole = hasDeployRole;
      this.roleRefusalsLeft = roleRefusals;
    }

    synchronized String parentId() {
      return parentId;
    }

    synchronized void moveTo(String parent) {
      parentId = parent;
    }

    synchronized Map<String, String> tags() {
      return new LinkedHashMap<>(tags);
    }

    synchronized void addTags(Map<String, String> more) {
      tags.putAll(more);
    }

    synchronized Account account() {
      return new Account(id, name, email, status);
    }

    synchronized String status() {
      return status;
    }

    synchronized void status(String now) {
      status = now;
    }

    synchronized void removeTags(java.util.Set<String> keys) {
      tags.keySet().removeAll(keys);
    }
  }

  private static final class Request {
    final String id;
    final String name;
    final String email;
    final Map<String, String> tags;
    final Optional<String> plannedFailure;
    int pollsLeft;
    State state = State.IN_PROGRESS;
    Optional<String> accountId = Optional.empty();
    Optional<String> failure = Optional.empty();

    Request(String id, String name, String email, Map<String, String> tags, int polls, Optional<String> failure) {
      this.id = id;
      this.name = name;
      this.email = email;
      this.tags = Map.copyOf(tags);
      this.pollsLeft = polls;
      this.plannedFailure = failure;
    }

    AccountRequest view() {
      return new AccountRequest(id, name, state, accountId, failure);
    }
  }

  synchronized void addManagement(String id, String rootId) {
    members.computeIfAbsent(id, k -> new Member(id, "management", "sim-management@example.com", rootId, false, 0));
  }

  synchronized Member add(String name, String email, String parentId, Map<String, String> tags) {
    Member m = new Member(ids.accountId(), name, email, parentId, true, 0);
    m.addTags(tags);
    members.put(m.id, m);
    return m;
  }

  /** ListAccounts: an account made a moment ago is not listed yet. */
  synchronized List<Account> list() {
    List<Account> listed = new java.util.ArrayList<>();
    for (Member m : members.values()) {
      if (m.unlistedFor > 0) {
        m.unlistedFor--;
      } else {
        listed.add(m.account());
      }
    }
    return listed;
  }

  synchronized List<Account> all() {
    return members.values().stream().map(Member::account).toList();
  }

  synchronized List<Account> withEmail(String email) {
    return members.values().stream().filter(m -> m.email.equalsIgnoreCase(email)).map(Member::account).toList();
  }

  synchronized Member require(String id, String code) {
    Member m = members.get(id);
    if (m == null) {
      throw SimOrganization.error(code, "We can't find an account with the AccountId that you specified (" + id + ").");
    }
    return m;
  }

  synchronized AccountRequest request(String id, String name, String email, Map<String, String> tags, int polls,
      Optional<String> failure) {
    Request r = new Request(id, name, email, tags, polls, failure);
    requests.put(id, r);
    return r.view();
  }

  synchronized AccountRequest poll(String requestId, String rootId) {
    Request r = requests.get(requestId);
    if (r == null) {
      throw SimOrganization.error("CreateAccountStatusNotFoundException",
          "We can't find a create account request with the CreateAccountRequestId that you specified.");
    }
    if (r.state == State.IN_PROGRESS) {
      if (r.pollsLeft > 0) {
        r.pollsLeft--;
      } else {
        settle(r, rootId);
      }
    }
    return r.view();
  }

  synchronized List<AccountRequest> requests() {
    return requests.values().stream().map(Request::view).toList();
  }

  /** Time passes: every request still in progress settles. */
  synchronized void settleAll(String rootId) {
    requests.values().stream().filter(r -> r.state == State.IN_PROGRESS).forEach(r -> settle(r, rootId));
  }

  /** One attempt to assume {@code role} in the account; refused like STS refuses it. */
  synchronized void assume(String accountId, String role) {
    Member m = members.get(accountId);
    if (m == null || !m.hasDeployRole || !role.equals(config.deployRoleName())) {
      throw new RoleNotAssumableException("cannot assume the deploy role in account " + accountId + ": User is not"
          + " authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + accountId + ":role/" + role
          + " (AccessDenied)", null);
    }
    if (m.roleRefusalsLeft > 0) {
      m.roleRefusalsLeft--;
      throw new RoleNotAssumableException("cannot assume the deploy role in account " + accountId
          + ": the role is not yet assumable (AccessDenied)", null);
    }
  }

  private void settle(Request r, String rootId) {
    Optional<String> failure = r.plannedFailure;
    // AWS's e-mail uniqueness: an account, or an earlier request still making one, holds the address
    boolean heldByEarlierRequest = requests.values().stream().takeWhile(other -> other != r)
        .anyMatch(other -> other.email.equalsIgnoreCase(r.email) && other.state != State.FAILED);
    if (failure.isEmpty() && (config.emailTakenOutside(r.email) || !withEmail(r.email).isEmpty()
        || heldByEarlierRequest)) {
      failure = Optional.of("EMAIL_ALREADY_EXISTS");
    }
    if (failure.isEmpty() && members.size() >= config.accountQuota()) {
      failure = Optional.of("ACCOUNT_LIMIT_EXCEEDED");
    }
    if (failure.isPresent()) {
      r.state = State.FAILED;
      r.failure = failure;
      return;
    }
    Member m = new Member(ids.accountId(), r.name, r.email, rootId, true, config.roleNotAssumableFor());
    m.addTags(r.tags);
    m.unlistedFor = config.newAccountsUnlistedFor();
    members.put(m.id, m);
    r.state = State.SUCCEEDED;
    r.accountId = Optional.of(m.id);
  }
}
