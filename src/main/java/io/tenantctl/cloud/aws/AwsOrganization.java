package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import static io.tenantctl.cloud.aws.AwsCalls.call;
import static io.tenantctl.cloud.aws.AwsCalls.run;

import io.tenantctl.cloud.Organization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;

/** {@link Organization} on the SDK's Organizations client, with its paginators. */
final class AwsOrganization implements Organization {
  private final OrganizationsClient client;
  private volatile String rootId;
  private final software.amazon.awssdk.services.servicequotas.ServiceQuotasClient quotas;

  /** Service Quotas' code of Organizations' "Default maximum number of accounts". */
  static final String ACCOUNT_QUOTA_CODE = "L-E619E127";

  AwsOrganization(OrganizationsClient client) {
    this(client, null);
  }

  AwsOrganization(OrganizationsClient client, software.amazon.awssdk.services.servicequotas.ServiceQuotasClient quotas) {
    this.client = client;
    this.quotas = quotas;
  }

  @Override
  public Optional<OrgInfo> describe() {
    try {
      var org = client.describeOrganization().organization();
      return Optional.of(new OrgInfo(org.id(), org.masterAccountId()));
    } catch (AwsOrganizationsNotInUseException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      return call("Organizations DescribeOrganization", () -> {
        throw e;
      });
    }
  }

  @Override
  public OrgInfo create() {
    try {
      var org = call("Organizations CreateOrganization",
          () -> client.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization());
      return new OrgInfo(org.id(), org.masterAccountId());
    } catch (CloudException e) {
      // the SDK retried a call whose answer was lost: the first call made the organization; the caller checks
      // that it is managed by this account
      if ("AlreadyInOrganizationException".equals(e.errorCode())) {
        return describe().orElseThrow(() -> e);
      }
      throw e;
    }
  }

  @Override
  public String rootId() {
    if (rootId == null) {
      rootId = call("Organizations ListRoots", () -> client.listRootsPaginator().stream().flatMap(p -> p.roots().stream()).findFirst().orElseThrow().id());
    }
    return rootId;
  }

  @Override
  public List<OrgUnit> childUnits(String parentId) {
    return call("Organizations ListOrganizationalUnitsForParent", () ->
        client.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parentId)).stream().flatMap(p -> p.organizationalUnits().stream())
            .map(ou -> new OrgUnit(ou.id(), ou.name()))
            .toList());
  }

  @Override
  public OrgUnit createUnit(String parentId, String name) {
    try {
      var ou = call("Organizations CreateOrganizationalUnit " + name,
          () -> client.createOrganizationalUnit(r -> r.parentId(parentId).name(name)).organizationalUnit());
      return onlyOne(parentId, new OrgUnit(ou.id(), ou.name()));
    } catch (CloudException e) {
      // a lost answer retried, or another run made it meanwhile: the OU wanted exists
      if ("DuplicateOrganizationalUnitException".equals(e.errorCode())) {
        return childUnits(parentId).stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /**
   * AWS refuses a second OU of one name under one parent, but an endpoint that does not (moto) makes one when the
   * SDK retries a call whose answer was lost: the first listed is kept, and empty twins made this way removed.
   */
  private OrgUnit onlyOne(String parentId, OrgUnit made) {
    List<OrgUnit> twins = childUnits(parentId).stream().filter(u -> u.name().equals(made.name())).toList();
    if (twins.size() <= 1) {
      return made;
    }
    for (OrgUnit twin : twins.subList(1, twins.size())) {
      boolean empty = childUnits(twin.id()).isEmpty() && call("Organizations ListAccountsForParent",
          () -> client.listAccountsForParent(r -> r.parentId(twin.id())).accounts().isEmpty());
      if (empty) {
        run("Organizations DeleteOrganizationalUnit", () -> client.deleteOrganizationalUnit(r -> r
            .organizationalUnitId(twin.id())));
      }
    }
    return twins.get(0);
  }

  @Override
  public List<Account> accounts() {
    return call("Organizations ListAccounts", () -> client.listAccountsPaginator().stream().flatMap(p -> p.accounts().stream())
        .map(a -> new Account(a.id(), a.name(), a.email(), a.statusAsString()))
        .toList());
  }

  @Override
  public Map<String, String> tags(String accountId) {
    Map<String, String> tags = new LinkedHashMap<>();
    call("Organizations ListTagsForResource " + accountId,
        () -> client.listTagsForResourcePaginator(r -> r.resourceId(accountId)).stream().flatMap(p -> p.tags().stream()).toList())
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Override
  public void tag(String accountId, Map<String, String> tags) {
    List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    run("Organizations TagResource " + accountId, () -> client.tagResource(r -> r.resourceId(accountId).tags(list)));
  }

  @Override
  public String parentOf(String accountId) {
    return call("Organizations ListParents " + accountId,
        () -> client.listParents(r -> r.childId(accountId)).parents().get(0).id());
  }

  @Override
  public void move(String accountId, String fromParentId, String toParentId) {
    run("Organizations MoveAccount " + accountId, () -> client.moveAccount(
        r -> r.accountId(accountId).sourceParentId(fromParentId).destinationParentId(toParentId)));
  }

  @Override
  public AccountRequest createAccount(String name, String email, Map<String, String> tags) {
    List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    return request(call("Organizations CreateAccount " + name,
        () -> client.createAccount(r -> r.accountName(name).email(email).tags(list)).createAccountStatus()));
  }

  @Override
  public AccountRequest accountRequest(String requestId) {
    return request(call("Organizations DescribeCreateAccountStatus " + requestId,
        () -> client.describeCreateAccountStatus(r -> r.createAccountRequestId(requestId)).createAccountStatus()));
  }

  @Override
  public List<AccountRequest> accountRequests() {
    return call("Organizations ListCreateAccountStatus",
        () -> client.listCreateAccountStatusPaginator(r -> { }).stream().flatMap(p -> p.createAccountStatuses().stream())
            .map(AwsOrganization::request)
            .toList());
  }

  @Override
  public void untag(String accountId, java.util.Set<String> keys) {
    if (!keys.isEmpty()) {
      run("Organizations UntagResource " + accountId, () -> client.untagResource(r -> r.resourceId(accountId)
          .tagKeys(keys)));
    }
  }

  @Override
  public Optional<Account> account(String accountId) {
    try {
      return Optional.of(call("Organizations DescribeAccount " + accountId, () -> {
        var a = client.describeAccount(r -> r.accountId(accountId)).account();
        return new Account(a.id(), a.name(), a.email(), a.statusAsString());
      }));
    } catch (CloudException e) {
      if ("AccountNotFoundException".equals(e.errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String accountStatus(String accountId) {
    return call("Organizations DescribeAccount " + accountId,
        () -> client.describeAccount(r -> r.accountId(accountId)).account().statusAsString());
  }

  @Override
  public void closeAccount(String accountId) {
    run("Organizations CloseAccount " + accountId, () -> client.closeAccount(r -> r.accountId(accountId)));
  }

  @Override
  public Optional<Integer> accountQuota() {
    if (quotas == null) {
      return Optional.empty();
    }
    try {
      // "Default maximum number of accounts"; an organization without an applied value uses the default
      double value = quotas.getServiceQuota(r -> r.serviceCode("organizations").quotaCode(ACCOUNT_QUOTA_CODE))
          .quota().value();
      return Optional.of((int) value);
    } catch (RuntimeException e) {
      try {
        return Optional.of((int) (double) quotas.getAWSDefaultServiceQuota(r -> r.serviceCode("organizations")
            .quotaCode(ACCOUNT_QUOTA_CODE)).quota().value());
      } catch (RuntimeException unreadable) {
        // no permission, or an endpoint without Service Quotas: the fleet file's accountQuota stands in
        return Optional.empty();
      }
    }
  }

  private static AccountRequest request(CreateAccountStatus s) {
    var state = switch (s.stateAsString()) {
      case "SUCCEEDED" -> AccountRequest.State.SUCCEEDED;
      case "FAILED" -> AccountRequest.State.FAILED;
      default -> AccountRequest.State.IN_PROGRESS;
    };
    return new AccountRequest(s.id(), s.accountName(), state, Optional.ofNullable(s.accountId()),
        Optional.ofNullable(s.failureReasonAsString()));
  }

  OrganizationsClient client() {
    return client;
  }

  void close() {
    client.close();
    if (quotas != null) {
      quotas.close();
    }
  }
}
