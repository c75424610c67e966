package io.tenantctl.org;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.cloud.Organization.AccountRequest;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import io.tenantctl.state.Journal;
import io.tenantctl.state.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds or makes the account for a tenant, in this order: the account tagged for it, the account with
 * its e-mail, the account id its manifest names, an account an interrupted request of this tool is making, or a
 * new account. A pool account is never taken here: only through the pool's claim ({@code pool.AccountPool}),
 * which a flow asks between {@link #find} and {@link #create}.
 *
 * <p>{@code CreateAccount} is asynchronous and has no idempotency token, so the intent and the request
 * id are journalled before polling, and a re-run reconciles with the journal and with
 * {@code ListCreateAccountStatus}: a crash at any point never leads to a second account. The journal is the
 * organization's ({@link StateStore} of its scope); a request the organization no longer knows is set aside.
 */
public final class AccountVendor {
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final StateStore state;
  private final Polling polling;

  /** The name of the vendor's journal in its {@link StateStore}. */
  public static final String JOURNAL = "accounts";

  // DescribeCreateAccountStatus on AWS, and on moto after a restart: the request id means nothing here
  private static final Set<String> UNKNOWN_REQUEST = Set.of("CreateAccountStatusNotFoundException",
      "AccountNotFoundException");

  public AccountVendor(Organization org, AccountDirectory directory, OuPaths ous, StateStore state, Polling polling) {
    this.org = org;
    this.directory = directory;
    this.ous = ous;
    this.state = state;
    this.polling = polling;
  }

  /** What an account is for; journal entries are matched on it and on the name. */
  public enum Purpose { PRODUCTION, POOL, TENANT }

  /** How the account was found. */
  public enum How {
    FOUND_BY_TAG("found by its tenantctl:tenant tag"),
    FOUND_BY_EMAIL("found by its e-mail"),
    ADOPTED("adopted: the manifest names it"),
    FROM_POOL("taken from the pool"),
    CREATED("created"),
    RESUMED("created (an interrupted request was resumed)");

    public final String text;

    How(String text) {
      this.text = text;
    }
  }

  public record Vended(Account account, How how) {}

  /** What the vendor needs to know of the account wanted: what it is for, for whom ({@code tenant}), and how. */
  public record Wanted(Purpose purpose, String tenant, String accountName, String email, Optional<String> adoptId,
      Map<String, String> tags) {

    /** The journal's idempotency key of this account's request, e.g. {@code TENANT:acme}. */
    String key() {
      return purpose + ":" + tenant;
    }

    boolean owns(AccountEvent e) {
      return e.purpose() == purpose && e.name().equals(tenant);
    }
  }

  /** The account found, else a new one. */
  public Vended vend(Wanted want, Progress progress) {
    return find(want, progress).orElseGet(() -> create(want, progress));
  }

  /**
   * The account the wanted one already is: tagged for the tenant, with its e-mail, named in its manifest (adopted),
   * or being made by a request of this tool that a crash interrupted.
   */
  public Optional<Vended> find(Wanted want, Progress progress) {
    var tagged = directory.byTenantTag(want.tenant());
    if (tagged.isPresent()) {
      return Optional.of(usable(tagged.get(), want, How.FOUND_BY_TAG));
    }
    var byEmail = directory.byEmail(want.email());
    if (byEmail.isPresent()) {
      return Optional.of(usable(byEmail.get(), want, How.FOUND_BY_EMAIL));
    }
    if (want.adoptId().isPresent()) {
      String id = want.adoptId().get();
      Account a = directory.byId(id).orElseThrow(() -> Fault.failed(
          "tenant " + want.tenant() + ": account " + id + " named in its manifest is not in this organization",
          "invite the account into the organization first, or remove account.id from the manifest"));
      return Optional.of(usable(a, want, How.ADOPTED));
    }
    return resume(want, progress);
  }

  /** A new account, or the one an interrupted earlier request of this tool is making. */
  public Vended provision(Wanted want, Progress progress) {
    return resume(want, progress).orElseGet(() -> create(want, progress));
  }

  private Vended usable(Account a, Wanted want, How how) {
    if (!"ACTIVE".equals(a.status())) {
      throw Fault.failed("tenant " + want.tenant() + ": its account " + a.id() + " is " + a.status(),
          "a suspended or closing account cannot be used; offboard the tenant or give it a new e-mail");
    }
    String owner = directory.tags(a.id()).get(AccountDirectory.TENANT_TAG);
    if (owner != null && !owner.equals(want.tenant())) {
      throw Fault.failed("tenant " + want.tenant() + ": account " + a.id() + " (" + how.text + ") belongs to tenant "
          + owner, "give the tenant its own e-mail or account id; one account serves one tenant");
    }
    return new Vended(a, how);
  }

  /** A request this tool made earlier for this account and did not see through: journalled, or seen by name. */
  private Optional<Vended> resume(Wanted want, Progress progress) {
    // replayed in order: the latest intent decides (a later "requesting" outdates an earlier request id)
    Optional<String> requestId = Optional.empty();
    for (var entry : journal().entries(want.key())) {
      AccountEvent e = entry.event();
      if (!want.owns(e)) {
        continue;
      }
      if (e instanceof AccountEvent.Requesting) {
        requestId = Optional.empty();
      } else if (e instanceof AccountEvent.Requested r) {
        requestId = Optional.of(r.requestId());
      } else if (e instanceof AccountEvent.Created c) {
        requestId = Optional.of(c.requestId());
      } else if (e instanceof AccountEvent.Failed || e instanceof AccountEvent.SetAside) {
        requestId = Optional.empty();
      }
    }
    Optional<AccountRequest> request = requestId.flatMap(id -> known(want, id, progress));
    if (request.isEmpty()) {
      // journal or not (lost with .tenantctl, or a crash before the request id was written): AWS's own list
      // knows every request; one in progress or succeeded for this account name is this account's
      request = byName(want, Optional.empty());
    }
    if (request.isEmpty() || request.get().state() == AccountRequest.State.FAILED) {
      return Optional.empty();
    }
    progress.step(want.tenant(), "resuming account request " + request.get().requestId());
    return Optional.of(new Vended(settle(want, request.get(), progress), How.RESUMED));
  }

  /** The latest request for the wanted account's name that is in progress or succeeded, other than {@code not}. */
  private Optional<AccountRequest> byName(Wanted want, Optional<String> not) {
    return org.accountRequests().stream()
        .filter(r -> r.accountName().equals(want.accountName()) && r.state() != AccountRequest.State.FAILED)
        .filter(r -> not.isEmpty() || !r.requestId().equals(not.get()))
        .reduce((first, last) -> last);
  }

  /** The journalled request, or empty when the organization does not know it: reported and set aside. */
  private Optional<AccountRequest> known(Wanted want, String requestId, Progress progress) {
    try {
      return Optional.of(org.accountRequest(requestId));
    } catch (CloudException e) {
      if (!UNKNOWN_REQUEST.contains(e.errorCode())) {
        throw e;
      }
      progress.step(want.tenant(), "account request " + requestId + " in the journal is unknown to organization "
          + state.scope().organizationId() + " (" + e.errorCode() + "); setting it aside");
      journal().append(want.key(), new AccountEvent.SetAside(want.purpose(), want.tenant(), requestId,
          e.errorCode()));
      return Optional.empty();
    }
  }

  private Journal<AccountEvent> journal() {
    return state.journal(JOURNAL, AccountEvent.class);
  }

  /** A new account, journalled before {@code CreateAccount}: for a caller whose {@link #find} found none. */
  public Vended create(Wanted want, Progress progress) {
    progress.step(want.tenant(), "creating account " + want.accountName() + " <" + want.email() + ">");
    journal().append(want.key(), new AccountEvent.Requesting(want.purpose(), want.tenant(), want.accountName()));
    AccountRequest request = org.createAccount(want.accountName(), want.email(), want.tags());
    journal().append(want.key(), new AccountEvent.Requested(want.purpose(), want.tenant(), request.requestId()));
    return new Vended(settle(want, request, progress), How.CREATED);
  }

  private Account settle(Wanted want, AccountRequest request, Progress progress) {
    AccountRequest done = awaitSettled(request);
    if (done.state() == AccountRequest.State.FAILED && "EMAIL_ALREADY_EXISTS".equals(done.failureReason().orElse(""))) {
      // another request (a retry whose first response was lost, a crashed run, a second operator) may be making
      // this very account: never advise a new e-mail before the organization has been asked and waited for
      var made = madeMeanwhile(want, done, progress);
      if (made.isPresent()) {
        journal().append(want.key(), new AccountEvent.Created(want.purpose(), want.tenant(), done.requestId(),
            made.get().id()));
        progress.step(want.tenant(), "account " + made.get().id() + " with e-mail " + want.email()
            + " was made by another request meanwhile; using it");
        return usable(made.get(), want, How.FOUND_BY_EMAIL).account();
      }
    }
    if (done.state() == AccountRequest.State.FAILED) {
      String reason = done.failureReason().orElse("UNKNOWN");
      journal().append(want.key(), new AccountEvent.Failed(want.purpose(), want.tenant(), done.requestId(), reason));
      throw Fault.failed("tenant " + want.tenant() + ": creating account " + want.accountName() + " <"
          + want.email() + "> failed: " + reason, fixFor(reason, want));
    }
    String id = done.accountId().orElseThrow();
    journal().append(want.key(), new AccountEvent.Created(want.purpose(), want.tenant(), done.requestId(), id));
    directory.changed(id);
    progress.step(want.tenant(), "account " + id + " is ready");
    return directory.byId(id).orElse(new Account(id, want.accountName(), want.email(), "ACTIVE"));
  }

  /** How many times the organization is listed for an account that may not be listed yet. */
  static final int LISTINGS = 6;

  /**
   * The account another request made, or is making, with the wanted name or e-mail: a request of this name in
   * progress or succeeded is followed; every other request in progress is waited for; then the organization is
   * listed a few times, since a new account shows in {@code ListAccounts} only a while after it is made.
   */
  private Optional<Account> madeMeanwhile(Wanted want, AccountRequest refused, Progress progress) {
    var sibling = byName(want, Optional.of(refused.requestId()));
    if (sibling.isPresent()) {
      progress.step(want.tenant(), "e-mail " + want.email() + " is taken; following account request "
          + sibling.get().requestId() + " for " + want.accountName());
      AccountRequest done = awaitSettled(sibling.get());
      if (done.state() == AccountRequest.State.SUCCEEDED) {
        String id = done.accountId().orElseThrow();
        directory.changed(id);
        return Optional.of(directory.byId(id).orElse(new Account(id, want.accountName(), want.email(), "ACTIVE")));
      }
    }
    for (AccountRequest other : org.accountRequests()) {
      if (other.state() == AccountRequest.State.IN_PROGRESS) {
        progress.step(want.tenant(), "e-mail " + want.email() + " is taken; waiting for account request "
            + other.requestId() + " (" + other.accountName() + ") to settle");
        awaitSettled(other);
      }
    }
    java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
    return polling.until(Optional.class, () -> {
      listings.incrementAndGet();
      directory.changed(null);
      return directory.byEmail(want.email());
    }, found -> found.isPresent() || listings.get() >= LISTINGS, t -> false).map(Account.class::cast);
  }

  private AccountRequest awaitSettled(AccountRequest request) {
    return request.state() != AccountRequest.State.IN_PROGRESS ? request
        : polling.until(AccountRequest.class, () -> org.accountRequest(request.requestId()),
            r -> r.state() != AccountRequest.State.IN_PROGRESS, t -> false);
  }

  static String fixFor(String reason, Wanted want) {
    return switch (reason) {
      case "EMAIL_ALREADY_EXISTS" -> "no account and no account request in this organization has the e-mail "
          + want.email() + " of tenant " + want.tenant() + " (asked " + LISTINGS + " times, after every request in"
          + " progress settled), so an AWS account outside this organization uses it: set account.email in tenants/"
          + want.tenant() + ".yaml to an unused address, or invite that account and set account.id";
      case "ACCOUNT_LIMIT_EXCEEDED" -> "the organization has reached its account quota: ask AWS Support to raise it,"
          + " or close unused accounts; then re-run";
      case "CONCURRENT_ACCOUNT_MODIFICATION" -> "another change to the organization was under way: re-run";
      case "INVALID_EMAIL", "INVALID_ADDRESS" -> "fix account.email in tenants/" + want.tenant() + ".yaml";
      default -> "see the request in the Organizations console; re-run when it is resolved";
    };
  }
}
