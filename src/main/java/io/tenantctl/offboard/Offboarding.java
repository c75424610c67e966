package io.tenantctl.offboard;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.OuPaths;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.state.Journal;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import io.tenantctl.state.StateStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a tenant off the platform: deletes its stacks in reverse order, moves its account to the quarantine OU and
 * tags it (offboarded when, by whom), and, when asked, closes it within AWS's closure quota. A customer's account
 * never goes back to the pool. Every step is journalled before it is taken and is idempotent, so a re-run after a
 * crash finishes the job; all of it holds the tenant's claim, so no other flow changes the tenant meanwhile.
 */
public final class Offboarding {
  public static final String JOURNAL = "offboard";
  public static final String OFFBOARDED_AT = "tenantctl:offboarded-at";
  public static final String OFFBOARDED_BY = "tenantctl:offboarded-by";

  private final Fleet fleet;
  private final Cloud cloud;
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final DeployAccess access;
  private final StackTeardown teardown;
  private final StateStore state;
  private final Leases leases;
  private final Polling polling;
  private final Clock clock;

  public Offboarding(Fleet fleet, Cloud cloud, AccountDirectory directory, OuPaths ous, DeployAccess access,
      StackTeardown teardown, StateStore state, Leases leases, Polling polling, Clock clock) {
    this.fleet = fleet;
    this.cloud = cloud;
    this.org = cloud.organization();
    this.directory = directory;
    this.ous = ous;
    this.access = access;
    this.teardown = teardown;
    this.state = state;
    this.leases = leases;
    this.polling = polling;
    this.clock = clock;
  }

  /** What {@code delete} will do, shown before it does it. */
  public record Plan(String tenant, String accountId, List<String> stacks, String quarantineOu, boolean close) {}

  /** What {@code delete} did. */
  public record Deleted(Plan plan, List<String> deletedStacks, String accountStatus, boolean alreadyDone) {}

  /**
   * @param manifest the tenant's manifest when it still has one: its home region holds its stacks
   */
  public Deleted delete(String tenant, Optional<Tenant> manifest, boolean close, Progress progress) {
    return leases.run(Leases.tenant(tenant), "delete " + tenant, tenant, progress,
        claim -> deleteClaimed(claim, tenant, manifest, close, progress));
  }

  private Deleted deleteClaimed(Lease claim, String tenant, Optional<Tenant> manifest, boolean close,
      Progress progress) {
    String key = "delete:" + tenant;
    Journal<OffboardEvent> journal = state.journal(JOURNAL, OffboardEvent.class);
    Optional<OffboardEvent> last = journal.latest(key).map(Journal.Entry::event);
    Account account = resolve(tenant, last);
    if (last.isPresent() && last.get() instanceof OffboardEvent.Done done
        && (!close || !"ACTIVE".equals(done.accountStatus()))) {
      progress.step(tenant, "already offboarded (account " + account.id() + ")");
      return new Deleted(plan(tenant, account.id(), close), List.of(), org.accountStatus(account.id()), true);
    }
    Plan plan = plan(tenant, account.id(), close);
    progress.step(tenant, "will delete stacks " + String.join(", ", reversed(plan.stacks())) + " (in that order),"
        + " move account " + account.id() + " to " + plan.quarantineOu() + " and tag it"
        + (close ? ", then close it" : ""));
    if (close) {
      checkClosureQuota(account.id());
    }
    claim.check();
    journal.append(key, new OffboardEvent.Planned(tenant, account.id(), plan.stacks(), close));

    String region = manifest.map(Tenant::homeRegion).orElse(fleet.region());
    var result = teardown.teardown(access.open(account.id(), progress).stacks(region), plan.stacks(), tenant,
        progress);
    if (!result.clean()) {
      throw Fault.failed("tenant " + tenant + ": " + String.join("; ", result.leftovers()),
          "remove what blocks the delete (e.g. empty the bucket), then re-run the same delete: it resumes");
    }
    claim.check();
    journal.append(key, new OffboardEvent.StacksDeleted(tenant, account.id()));

    String to = ous.ensure(fleet.organizationalUnits().quarantine(), progress);
    String from = org.parentOf(account.id());
    if (!from.equals(to)) {
      progress.step(tenant, "moving account " + account.id() + " to " + plan.quarantineOu());
      org.move(account.id(), from, to);
    }
    Map<String, String> current = org.tags(account.id());
    if (!current.containsKey(OFFBOARDED_AT)) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put(OFFBOARDED_AT, io.tenantctl.pool.PoolTags.instant(clock.instant()));
      tags.put(OFFBOARDED_BY, io.tenantctl.pool.PoolTags.value(cloud.caller().arn()));
      org.tag(account.id(), tags);
    }
    journal.append(key, new OffboardEvent.Quarantined(tenant, account.id()));

    String status = org.accountStatus(account.id());
    if (close) {
      if ("ACTIVE".equals(status)) {
        checkClosureQuota(account.id());
        // the date first: it is what the quota counts, even if this run dies right after CloseAccount
        if (!org.tags(account.id()).containsKey(ClosureQuota.CLOSED_AT)) {
          org.tag(account.id(), Map.of(ClosureQuota.CLOSED_AT, io.tenantctl.pool.PoolTags.instant(clock.instant())));
        }
        claim.check();
        journal.append(key, new OffboardEvent.Closing(tenant, account.id()));
        progress.step(tenant, "closing account " + account.id());
        org.closeAccount(account.id());
      }
      status = polling.until(String.class, () -> org.accountStatus(account.id()), s -> !"ACTIVE".equals(s),
          s -> false);
      progress.step(tenant, "account " + account.id() + " is " + status);
    }
    journal.append(key, new OffboardEvent.Done(tenant, account.id(), status));
    directory.changed(account.id());
    return new Deleted(plan, result.deleted(), status, false);
  }

  /**
   * Whether {@code account}, found for {@code tenant} by {@code create} or {@code up}, was offboarded: then it is
   * brought back only when {@code reinstate} says so (true is returned), and a closed account never is.
   *
   * @throws Fault (exit 1) for a closed account, or an offboarded one without {@code reinstate}
   */
  public static boolean returning(String tenant, Account account, Map<String, String> tags, boolean reinstate) {
    String forget = "remove tenants/" + tenant + ".yaml from git: the tenant was offboarded";
    if ("SUSPENDED".equals(account.status()) || "PENDING_CLOSURE".equals(account.status())) {
      throw Fault.failed("tenant " + tenant + " was offboarded and its account " + account.id() + " is "
          + account.status() + " (closed): it cannot be onboarded again", forget + "; AWS Support can reopen a"
          + " closed account within 90 days, after which the tenant is reinstated with `tenantctl create " + tenant
          + " --reinstate`");
    }
    if (!tags.containsKey(OFFBOARDED_AT)) {
      return false;
    }
    if (!reinstate) {
      throw Fault.failed("tenant " + tenant + " was offboarded at " + tags.get(OFFBOARDED_AT) + " (account "
          + account.id() + " waits in quarantine); its manifest is still in tenants/, but tenantctl does not bring"
          + " it back unasked", forget + "; or bring it back: `tenantctl create " + tenant + " --reinstate`");
    }
    return true;
  }

  /**
   * Brings an offboarded tenant back, before {@code create} onboards it again: drops the offboarded tags (so later
   * runs treat it as any tenant) and journals it, so a later {@code delete} offboards it afresh.
   */
  public void reinstate(String tenant, String accountId, Progress progress) {
    progress.step(tenant, "reinstating: account " + accountId + " is no longer marked offboarded");
    state.journal(JOURNAL, OffboardEvent.class).append("delete:" + tenant,
        new OffboardEvent.Reinstated(tenant, accountId));
    org.untag(accountId, java.util.Set.of(OFFBOARDED_AT, OFFBOARDED_BY));
    directory.changed(accountId);
  }

  /**
   * The tenants a journal says are offboarded (their last {@code delete} done, not reinstated since): what
   * {@code validate} warns about without any AWS call.
   */
  public static Map<String, OffboardEvent.Done> offboardedIn(Journal<OffboardEvent> journal) {
    Map<String, OffboardEvent> last = new java.util.TreeMap<>();
    journal.entries().forEach(e -> last.put(e.event().tenant(), e.event()));
    Map<String, OffboardEvent.Done> out = new java.util.TreeMap<>();
    last.forEach((tenant, event) -> {
      if (event instanceof OffboardEvent.Done done) {
        out.put(tenant, done);
      }
    });
    return out;
  }

  private Plan plan(String tenant, String accountId, boolean close) {
    List<String> stacks = fleet.stacks().keySet().stream().map(s -> StackPlans.stackName(tenant, s)).toList();
    return new Plan(tenant, accountId, stacks, fleet.organizationalUnits().quarantine(), close);
  }

  private static List<String> reversed(List<String> in) {
    List<String> out = new java.util.ArrayList<>(in);
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * The tenant's account: the one an interrupted delete journalled, else the one tagged for it. The management
   * account, production and any account without a {@code tenantctl:tenant} tag are refused.
   */
  private Account resolve(String tenant, Optional<OffboardEvent> last) {
    directory.changed(null);
    Optional<Account> account = last.flatMap(e -> directory.byId(e.accountId()))
        .or(() -> directory.byTenantTag(tenant))
        .or(() -> tenant.matches("\\d{12}") ? directory.byId(tenant) : Optional.empty());
    String management = org.describe().map(Organization.OrgInfo::managementAccountId).orElse("");
    Optional<String> production = fleet.production().accountId()
        .or(() -> fleet.production().email().flatMap(directory::byEmail).map(Account::id));
    String id = account.map(Account::id).orElse(tenant);
    if (id.equals(management)) {
      throw Fault.failed("refusing to delete " + tenant + ": account " + id + " is the organization's management"
          + " account", "tenantctl never deletes or closes the management account");
    }
    if (production.isPresent() && id.equals(production.get())) {
      throw Fault.failed("refusing to delete " + tenant + ": account " + id + " is production, which every tenant"
          + " reads from", "tenantctl never offboards production");
    }
    if (account.isEmpty()) {
      throw Fault.failed("refusing to delete " + tenant + ": no account in this organization is tagged"
          + " tenantctl:tenant=" + tenant, "tenantctl deletes only what it manages; `tenantctl status` lists tenants");
    }
    String tag = directory.tags(id).get(AccountDirectory.TENANT_TAG);
    if (tag == null) {
      throw Fault.failed("refusing to delete " + tenant + ": account " + id + " has no tenantctl:tenant tag, so"
          + " tenantctl does not manage it", "offboard it by hand, or onboard it first (account.id in a manifest)");
    }
    if (!tag.equals(tenant)) {
      throw Fault.invalid("account " + id + " belongs to tenant " + tag + ": name the tenant, not its account",
          "`tenantctl delete " + tag + " --confirm " + tag + "`");
    }
    return account.get();
  }

  private void checkClosureQuota(String accountId) {
    directory.changed(null);
    directory.readAllTags();
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    directory.accounts().forEach(a -> tags.put(a.id(), directory.tags(a.id())));
    String management = org.describe().map(Organization.OrgInfo::managementAccountId).orElse("");
    ClosureQuota quota = ClosureQuota.of(directory.accounts(), tags, management, accountId, clock.instant());
    if (!quota.allowsOne()) {
      throw Fault.failed("closing account " + accountId + " would exceed the organization's closure quota: "
          + quota.describe(), "re-run when a slot frees, or delete without --close-account now (the account waits"
          + " in " + fleet.organizationalUnits().quarantine() + ") and close it later");
    }
  }
}
