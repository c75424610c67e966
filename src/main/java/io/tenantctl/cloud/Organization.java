package io.tenantctl.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AWS Organizations, from the management account. */
public interface Organization {

  /** The organization the caller belongs to, if any. */
  Optional<OrgInfo> describe();

  /** Creates an organization with all features, managed by the caller's account. */
  OrgInfo create();

  String rootId();

  List<OrgUnit> childUnits(String parentId);

  OrgUnit createUnit(String parentId, String name);

  List<Account> accounts();

  Map<String, String> tags(String accountId);

  void tag(String accountId, Map<String, String> tags);

  /** The id of the root or OU directly containing the account. */
  String parentOf(String accountId);

  void move(String accountId, String fromParentId, String toParentId);

  /** Starts {@code CreateAccount}; it has no idempotency token, so callers journal the request id. */
  AccountRequest createAccount(String name, String email, Map<String, String> tags);

  AccountRequest accountRequest(String requestId);

  /** Recent {@code CreateAccount} requests of every state, for reconciling after a crash. */
  List<AccountRequest> accountRequests();

  /** Removes the named tags from the account; absent ones are ignored. */
  void untag(String accountId, java.util.Set<String> keys);

  /** One account as {@code DescribeAccount} gives it; empty when the organization has no such account. */
  Optional<Account> account(String accountId);

  /** The account's status as {@code DescribeAccount} gives it: ACTIVE, PENDING_CLOSURE or SUSPENDED. */
  String accountStatus(String accountId);

  /**
   * Starts {@code CloseAccount}: the account becomes PENDING_CLOSURE, then SUSPENDED. AWS lets an organization close
   * at most 10% of its member accounts (at least 10, at most 1,000) in any 30 days.
   */
  void closeAccount(String accountId);

  /** The organization's account quota as Service Quotas has it; empty when it cannot be read. */
  Optional<Integer> accountQuota();

  record OrgInfo(String id, String managementAccountId) {}

  record OrgUnit(String id, String name) {}

  record Account(String id, String name, String email, String status) {}

  /** The state of one {@code CreateAccount} request. */
  record AccountRequest(
      String requestId,
      String accountName,
      State state,
      Optional<String> accountId,
      Optional<String> failureReason) {

    public enum State { IN_PROGRESS, SUCCEEDED, FAILED }
  }
}
