package io.tenantctl.pool;

import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.cloud.Organization.AccountRequest;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountEvent;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OuPaths;
import io.tenantctl.state.Journal;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account pool: accounts made ahead of need, kept in the pool OU, their state in account tags. Filling counts
 * what is in flight (the journal and AWS's own list of requests), not only what is finished, and does so under the
 * {@code pool-fill} lock, so concurrent or crashed runs never overshoot the target. {@link #claim} is the only way
 * any flow takes a pool account (a customer's {@code create} as much as {@code dev up}), under the
 * {@code pool-claim} lock, so no account is ever handed out twice.
 */
public final class AccountPool {
  /** Account names of pool accounts start so: AWS's list of requests tells in-flight pool accounts by it. */
  public static final String NAME_PREFIX = "tenantctl-pool-";
  static final String FILL_LOCK = "pool-fill";
  static final String CLAIM_LOCK = "pool-claim";

  private final Fleet fleet;
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final AccountVendor vendor;
  private final StateStore state;
  private final Leases leases;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** @param leases the pool's locks: their lease and how long a run waits for another's claim or fill */
  public AccountPool(Fleet fleet, Organization org, AccountDirectory directory, OuPaths ous, AccountVendor vendor,
      StateStore state, Leases leases, Clock clock) {
    this.fleet = fleet;
    this.org = org;
    this.directory = directory;
    this.ous = ous;
    this.vendor = vendor;
    this.state = state;
    this.leases = leases;
    this.clock = clock;
  }

  /** One account of the pool, as its tags describe it. */
  public record PoolAccount(String accountId, String name, String status, PoolTags.State state, Optional<Instant> since,
      Optional<String> lastOwner, Optional<String> reason, Map<String, String> tags) {}

  /**
   * The organization's account quota against what it holds: suspended accounts count until AWS removes them.
   *
   * @param source where the quota came from: {@code Service Quotas} or {@code the fleet file's accountQuota}
   */
  public record Quota(Optional<Integer> limit, String source, int accounts, int inFlight) {
    public Optional<Integer> headroom() {
      return limit.map(l -> Math.max(0, l - accounts - inFlight));
    }

    public String describe() {
      return limit.map(l -> accounts + " accounts" + (inFlight > 0 ? " and " + inFlight + " being created" : "")
          + " of " + l + " allowed (" + source + "): " + headroom().orElseThrow() + " left")
          .orElse(accounts + " accounts; the quota is unknown (Service Quotas unreadable and no accountQuota in the"
              + " fleet file)");
    }
  }

  /** What the pool holds, read from Organizations. */
  public record Listing(List<PoolAccount> accounts, int target, int inFlight, Quota quota) {
    public long count(PoolTags.State s) {
      return accounts.stream().filter(a -> a.state() == s).count();
    }
  }

  /** What {@code pool fill} did. */
  public record Fill(int target, int ready, int inFlightBefore, List<String> created, List<String> resumed,
      List<String> movedIn, Quota quota) {}

  public Listing list() {
    directory.changed(null);
    List<PoolAccount> out = poolAccounts();
    List<AccountRequest> inFlight = inFlightRequests();
    return new Listing(out, fleet.pool().target(), inFlight.size(), quota(inFlight.size()));
  }

  /**
   * Creates accounts into the pool until it holds {@code fleet.pool().target()} unclaimed accounts (ready or being
   * cleaned, or being created), at most {@code max} (and the fleet's {@code maxCreatesPerRun}) in this run.
   */
  public Fill fill(Optional<Integer> max, Progress progress) {
    int target = fleet.pool().target();
    if (max.isPresent() && max.get() < 1) {
      throw Fault.invalid("pool fill " + max.get() + ": the number of accounts to create must be at least 1",
          "e.g. `tenantctl pool fill 3`, or `tenantctl pool fill` to fill up to pool.target");
    }
    // an explicit N is this run's own bound; the target bounds every run
    int allowed = max.orElse(fleet.pool().maxCreatesPerRun());
    return locked(FILL_LOCK, "pool fill", progress, held -> {
      List<String> resumed = resumeInterrupted(progress);
      directory.changed(null);
      List<PoolAccount> accounts = poolAccounts();
      int ready = (int) accounts.stream().filter(a -> "ACTIVE".equals(a.status()))
          .filter(a -> a.state() == PoolTags.State.READY || a.state() == PoolTags.State.CLEANING).count();
      int inFlight = inFlightRequests().size();
      int wanted = Math.max(0, Math.min(allowed, target - ready - inFlight));
      refuseBeyondQuota("pool fill", wanted, "or lower pool.target in the fleet file");
      progress.step("pool", "target " + target + ": " + ready + " ready, " + inFlight + " being created; creating "
          + wanted);
      List<String> created = new ArrayList<>();
      for (int i = 0; i < wanted; i++) {
        confirm(held);
        String suffix = suffix();
        var vended = vendor.provision(wanted("pool-" + suffix, NAME_PREFIX + suffix, PoolTags.State.READY,
            Map.of()), progress);
        created.add(vended.account().id());
      }
      directory.changed(null);
      List<String> moved = moveReadyIntoPool(progress);
      return new Fill(target, ready, inFlight, created, resumed, moved, quota(0));
    });
  }

  /**
   * Claims a ready account for {@code tenant} of {@code owner}, tagging it with {@code tags} under the claim lock:
   * one preferring accounts this owner had; with {@code sameOwnerOnly}, never one another owner gave back. The only
   * way a pool account is taken, by any flow.
   */
  public Optional<Account> claim(String tenant, String owner, boolean sameOwnerOnly, Map<String, String> tags,
      Progress progress) {
    return locked(CLAIM_LOCK, "claim for " + tenant, progress, held -> {
      directory.changed(null);
      // read afresh: the tags decide, and another run may have claimed since this run's cache was filled
      List<Candidate> candidates = candidates(owner, sameOwnerOnly, true);
      if (candidates.isEmpty()) {
        List<String> kept = !sameOwnerOnly ? List.of() : candidates(owner, false, false).stream()
            .map(c -> c.account().id() + " (" + c.tags().get(PoolTags.LAST_OWNER) + ")").toList();
        if (!kept.isEmpty()) {
          progress.step(tenant, "the pool's ready account" + (kept.size() == 1 ? " is" : "s are") + " kept for"
              + " the developer who gave it back (dev.reuse: same-owner), not handed to " + owner + ": "
              + String.join(", ", kept));
        }
        return Optional.<Account>empty();
      }
      Account chosen = candidates.get(0).account();
      Map<String, String> claim = new LinkedHashMap<>(tags);
      claim.put(PoolTags.STATE, PoolTags.State.CLAIMED.tag());
      claim.put(PoolTags.SINCE, PoolTags.instant(clock.instant()));
      progress.step(tenant, "claiming pool account " + chosen.id());
      confirm(held);
      org.tag(chosen.id(), claim);
      directory.changed(chosen.id());
      return Optional.of(chosen);
    });
  }

  /**
   * How many accounts a claim could take now, by the claim's own rule (for a plan: read-only, no lock), and how many
   * more are ready but kept for their previous owners.
   */
  public Claimable claimable(String owner, boolean sameOwnerOnly) {
    int any = candidates(owner, false, false).size();
    int mine = sameOwnerOnly ? candidates(owner, true, false).size() : any;
    return new Claimable(mine, any - mine);
  }

  /** What {@link #claimable} found: accounts a claim may take, and ready ones kept for other owners. */
  public record Claimable(int available, int keptForOthers) {}

  private record Candidate(Account account, Map<String, String> tags) {}

  /**
   * Ready accounts in the pool OU, in the order a claim takes them: active, no tenant, and {@code ready} — or no
   * pool state at all (an account put in the pool OU by hand). {@code fresh} reads each one's tags again.
   */
  private List<Candidate> candidates(String owner, boolean sameOwnerOnly, boolean fresh) {
    Optional<String> poolOu = ous.find(fleet.organizationalUnits().pool());
    if (poolOu.isEmpty()) {
      return List.of();
    }
    directory.readAllTags();
    List<Candidate> out = new ArrayList<>();
    for (Account a : directory.accounts()) {
      if (!"ACTIVE".equals(a.status()) || !ready(directory.tags(a.id()))) {
        continue;
      }
      Map<String, String> t = fresh ? org.tags(a.id()) : directory.tags(a.id());
      if (!ready(t)) {
        continue;
      }
      String last = t.get(PoolTags.LAST_OWNER);
      if (sameOwnerOnly && last != null && !last.equals(owner)) {
        continue;
      }
      if (!org.parentOf(a.id()).equals(poolOu.get())) {
        continue;
      }
      out.add(new Candidate(a, t));
    }
    // this owner's former accounts first, then never-owned ones, then those other owners gave back
    out.sort(Comparator.comparingInt((Candidate c) -> {
      String last = c.tags().get(PoolTags.LAST_OWNER);
      return owner.equals(last) ? 0 : last == null ? 1 : 2;
    }));
    return out;
  }

  private static boolean ready(Map<String, String> tags) {
    return !tags.containsKey(AccountDirectory.TENANT_TAG)
        && PoolTags.State.of(tags).map(s -> s == PoolTags.State.READY).orElse(!tags.containsKey(PoolTags.STATE));
  }

  /**
   * A new account for {@code tenant}, claimed from birth, when the pool has none ready. Journalled like any pool
   * account, and named after the tenant, so a re-run after a crash resumes the same request.
   */
  public Account createClaimed(String tenant, Map<String, String> tags, Progress progress) {
    Map<String, String> claim = new LinkedHashMap<>(tags);
    claim.put(PoolTags.SINCE, PoolTags.instant(clock.instant()));
    var want = wanted(tenant, "tenantctl-" + tenant, PoolTags.State.CLAIMED, claim);
    // its own e-mail: an earlier account of this tenant may still exist, quarantined
    want = new AccountVendor.Wanted(want.purpose(), want.tenant(), want.accountName(),
        fleet.emailFor(tenant + "-" + suffix()), want.adoptId(), want.tags());
    return vendor.provision(want, progress).account();
  }

  /** Gives an account back to the pool, ready for {@code lastOwner} first. */
  public void release(String accountId, String lastOwner, Set<String> dropTags, Progress progress) {
    org.untag(accountId, dropTags);
    org.tag(accountId, Map.of(PoolTags.STATE, PoolTags.State.READY.tag(), PoolTags.SINCE,
        PoolTags.instant(clock.instant()), PoolTags.LAST_OWNER, PoolTags.value(lastOwner)));
    move(accountId, fleet.organizationalUnits().pool(), progress);
    directory.changed(accountId);
  }

  /** Takes an account out of circulation for good, saying why: it is never handed out again. */
  public void quarantine(String accountId, String reason, Set<String> dropTags, Progress progress) {
    progress.step(accountId, "quarantining: " + reason);
    org.untag(accountId, dropTags);
    org.tag(accountId, Map.of(PoolTags.STATE, PoolTags.State.QUARANTINED.tag(), PoolTags.SINCE,
        PoolTags.instant(clock.instant()), PoolTags.REASON, PoolTags.value(reason)));
    move(accountId, fleet.organizationalUnits().quarantine(), progress);
    directory.changed(accountId);
  }

  /** Moves the account to the OU at {@code path} (made when missing) unless it is there. */
  public void move(String accountId, String path, Progress progress) {
    String to = ous.ensure(path, progress);
    String from = org.parentOf(accountId);
    if (!from.equals(to)) {
      progress.step(accountId, "moving to " + path);
      org.move(accountId, from, to);
    }
  }

  /**
   * Refuses, before anything is made, {@code what} creating {@code creates} accounts beyond the organization's account
   * quota: every request AWS is still working on counts, whoever made it. Returns the quota read.
   */
  public Quota refuseBeyondQuota(String what, int creates, String otherFix) {
    int inFlight = (int) org.accountRequests().stream()
        .filter(r -> r.state() == AccountRequest.State.IN_PROGRESS).count();
    Quota quota = quota(inFlight);
    if (creates > 0 && quota.headroom().isPresent() && quota.headroom().get() < creates) {
      throw Fault.failed(what + " would create " + creates + " account" + (creates == 1 ? "" : "s")
          + ", beyond the organization's account quota: " + quota.describe(),
          "ask AWS Support to raise the quota (Service Quotas, Organizations, L-E619E127), close unused accounts, "
              + otherFix);
    }
    return quota;
  }

  public Quota quota(int inFlight) {
    Optional<Integer> fromAws = org.accountQuota();
    String source = fromAws.isPresent() ? "Service Quotas" : "the fleet file's accountQuota";
    return new Quota(fromAws.or(fleet::accountQuota), source, directory.accounts().size(), inFlight);
  }

  /** Every account carrying a pool state, wherever it is. */
  private List<PoolAccount> poolAccounts() {
    directory.readAllTags();
    List<PoolAccount> out = new ArrayList<>();
    for (Account a : directory.accounts()) {
      Map<String, String> t = directory.tags(a.id());
      // `create` may take a ready pool account for a customer (AccountVendor): its tenant tag says it is taken
      PoolTags.State.of(t).map(s -> s == PoolTags.State.READY && t.containsKey(AccountDirectory.TENANT_TAG)
          ? PoolTags.State.CLAIMED : s).ifPresent(s -> out.add(new PoolAccount(a.id(), a.name(), a.status(), s,
          PoolTags.instant(t, PoolTags.SINCE), Optional.ofNullable(t.get(PoolTags.LAST_OWNER)),
          Optional.ofNullable(t.get(PoolTags.REASON)), t)));
    }
    return out;
  }

  /** Pool requests AWS is still working on: they become ready accounts, so they count. */
  private List<AccountRequest> inFlightRequests() {
    return org.accountRequests().stream()
        .filter(r -> r.accountName().startsWith(NAME_PREFIX) && r.state() == AccountRequest.State.IN_PROGRESS)
        .toList();
  }

  /**
   * Sees through pool requests an earlier run journalled and did not finish; an intent AWS never received (a
   * crash before {@code CreateAccount}) is set aside, never created anew, so that it cannot overshoot.
   */
  private List<String> resumeInterrupted(Progress progress) {
    Journal<AccountEvent> journal = state.journal(AccountVendor.JOURNAL, AccountEvent.class);
    Map<String, AccountEvent> latest = new LinkedHashMap<>();
    Map<String, String> accountNames = new LinkedHashMap<>();
    for (var entry : journal.entries()) {
      AccountEvent e = entry.event();
      if (e.purpose() != AccountVendor.Purpose.POOL || !e.name().startsWith("pool-")) {
        continue;
      }
      latest.put(e.name(), e);
      if (e instanceof AccountEvent.Requesting r) {
        accountNames.put(e.name(), r.accountName());
      }
    }
    Set<String> known = new LinkedHashSet<>();
    org.accountRequests().forEach(r -> known.add(r.accountName()));
    List<String> resumed = new ArrayList<>();
    latest.forEach((name, e) -> {
      boolean unsettled = e instanceof AccountEvent.Requesting || e instanceof AccountEvent.Requested;
      if (!unsettled) {
        return;
      }
      String accountName = accountNames.getOrDefault(name, NAME_PREFIX + name.substring("pool-".length()));
      if (e instanceof AccountEvent.Requesting && !known.contains(accountName)) {
        journal.append(AccountVendor.Purpose.POOL + ":" + name, new AccountEvent.SetAside(AccountVendor.Purpose.POOL,
            name, "", "never reached AWS"));
        return;
      }
      var vended = vendor.provision(wanted(name, accountName, PoolTags.State.READY, Map.of()), progress);
      resumed.add(vended.account().id());
    });
    return resumed;
  }

  /** Ready accounts outside the pool OU (created, but a crash came before the move) are moved in. */
  private List<String> moveReadyIntoPool(Progress progress) {
    List<String> moved = new ArrayList<>();
    String poolOu = ous.ensure(fleet.organizationalUnits().pool(), progress);
    for (PoolAccount a : poolAccounts()) {
      if (a.state() == PoolTags.State.READY && "ACTIVE".equals(a.status())
          && !a.tags().containsKey(AccountDirectory.TENANT_TAG)) {
        String parent = org.parentOf(a.accountId());
        if (!parent.equals(poolOu)) {
          progress.step("pool", "moving account " + a.accountId() + " into " + fleet.organizationalUnits().pool());
          org.move(a.accountId(), parent, poolOu);
          moved.add(a.accountId());
        }
      }
    }
    return moved;
  }

  private AccountVendor.Wanted wanted(String name, String accountName, PoolTags.State initial,
      Map<String, String> more) {
    Map<String, String> tags = new LinkedHashMap<>(more);
    tags.put(PoolTags.STATE, initial.tag());
    tags.putIfAbsent(PoolTags.SINCE, PoolTags.instant(clock.instant()));
    tags.put(PoolTags.MANAGED_BY, "tenantctl");
    return new AccountVendor.Wanted(AccountVendor.Purpose.POOL, name, accountName, fleet.emailFor(name),
        Optional.empty(), tags);
  }

  private String suffix() {
    String time = Long.toString(clock.millis(), 36);
    String noise = Integer.toString(random.nextInt(36 * 36 * 36 * 36), 36);
    return time + "-" + noise;
  }

  private <T> T locked(String name, String purpose, Progress progress, java.util.function.Function<Lease, T> body) {
    return leases.run(name, purpose, "pool", progress, body);
  }

  /** Before each step that writes: a run whose lock another run took over stops there (fencing). */
  private void confirm(Lease held) {
    try {
      held.confirm();
    } catch (LockLost e) {
      throw Fault.failed("lost lock " + held.name() + " (another run took it over after its lease of "
          + leases.lease() + "): stopping before the next change", "re-run; the pool is counted again from AWS");
    }
  }
}
