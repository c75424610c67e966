package io.tenantctl.dev;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Organization.Account;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.deploy.Deployment;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Source;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.manifest.TenantName;
import io.tenantctl.offboard.StackTeardown;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.pool.AccountPool;
import io.tenantctl.pool.PoolTags;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Personal developer tenants, {@code dev-<owner>}: an account from the pool, tagged with its owner and expiry,
 * deployed through the same path as customers (same baseline, same guard). Everything {@code dev ls}, {@code dev gc}
 * and a re-run need is in the account's tags. Every step that changes a dev tenant holds its claim
 * ({@code tenant-dev-<owner>}), as every flow that changes a customer does.
 */
public final class DevTenants {
  /** The tags a dev tenant has while it lives, dropped when its account goes back or to quarantine. */
  static final Set<String> TENANCY_TAGS = Set.of(AccountDirectory.TENANT_TAG, PoolTags.OWNER, PoolTags.EXPIRES,
      "tenantctl:wave");
  private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  /** How long CreateAccount usually takes, for the message when the pool is empty. */
  static final String CREATE_TAKES = "usually 1 to 5 minutes";

  private final Fleet fleet;
  private final Cloud cloud;
  private final Organization org;
  private final AccountDirectory directory;
  private final AccountPool pool;
  private final Deployment deployment;
  private final DeployAccess access;
  private final StackTeardown teardown;
  private final Leases leases;
  private final Clock clock;

  public DevTenants(Fleet fleet, Cloud cloud, AccountDirectory directory, AccountPool pool, Deployment deployment,
      DeployAccess access, StackTeardown teardown, Leases leases, Clock clock) {
    this.fleet = fleet;
    this.cloud = cloud;
    this.org = cloud.organization();
    this.directory = directory;
    this.pool = pool;
    this.deployment = deployment;
    this.access = access;
    this.teardown = teardown;
    this.leases = leases;
    this.clock = clock;
  }

  /** How {@code dev up} got its account. */
  public enum How { FROM_POOL, CREATED, ALREADY_UP }

  public record Up(String tenant, String owner, String accountId, How how, Instant expires,
      List<StackDeployer.Outcome> stacks) {}

  /** A dev tenant as its account's tags describe it. */
  public record DevTenant(String tenant, String owner, String accountId, Optional<Instant> expires,
      Optional<String> state) {

    public boolean expiredAt(Instant now) {
      return expires.map(e -> !e.isAfter(now)).orElse(false);
    }
  }

  /** What {@code dev down} did: back to the pool, or to quarantine with the reason. */
  public record Down(String tenant, String accountId, List<String> deletedStacks, boolean returned,
      Optional<String> quarantineReason) {}

  /** What {@code dev gc} did; {@code notReached} are expired tenants left for the next run when time ran out. */
  public record Gc(List<Down> removed, List<String> failed, int unexpired, List<String> notReached) {}

  /** The owner: given, else the caller's session or user name, normalised to a tenant name. */
  public String owner(Optional<String> given) {
    String owner = given.orElseGet(() -> fromArn(cloud.caller().arn()));
    checkOwner(owner);
    return owner;
  }

  /** Refuses an owner whose dev-<owner> is no tenant name; callers check a given one before any AWS call. */
  public static void checkOwner(String owner) {
    // dev-<owner> must be a tenant name; the dev- prefix itself is reserved for these tenants
    if (!OWNER.matcher(owner).matches() || tenantOf(owner).length() > TenantName.MAX_LENGTH) {
      throw Fault.invalid("'" + owner + "' cannot own a dev tenant: dev-<owner> must be a tenant name of at most "
          + TenantName.MAX_LENGTH + " characters", "pass --owner with a short name of lowercase letters, digits and"
          + " single hyphens, e.g. --owner alice");
    }
  }

  public static String tenantOf(String owner) {
    return "dev-" + owner;
  }

  /**
   * {@code arn:aws:sts::1:assumed-role/Dev/alice@example.com} gives {@code alice}; {@code arn:aws:iam::1:user/ops/Bob}
   * gives {@code bob}: the last path element, before any {@code @}, in lowercase letters, digits and single hyphens.
   */
  public static String fromArn(String arn) {
    String last = arn.substring(arn.lastIndexOf('/') + 1);
    if (arn.endsWith(":root")) {
      last = "root";
    }
    int at = last.indexOf('@');
    if (at > 0) {
      last = last.substring(0, at);
    }
    String name = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    int room = TenantName.MAX_LENGTH - "dev-".length();
    return name.length() <= room ? name : name.substring(0, room).replaceAll("-+$", "");
  }

  /** Checks a requested time to live against the fleet's maximum, before any AWS call. */
  public Duration ttl(Optional<Duration> asked) {
    return ttl(fleet, asked);
  }

  /** The time to live {@code asked} (else the fleet's default), once known to be positive and within the maximum. */
  public static Duration ttl(Fleet fleet, Optional<Duration> asked) {
    Duration ttl = asked.orElse(fleet.dev().defaultTtl());
    Duration max = fleet.dev().maxTtl();
    if (ttl.isZero() || ttl.isNegative()) {
      throw Fault.invalid("--ttl " + hours(ttl) + " must be positive", "ask for a time to live of at least 1m, e.g."
          + " --ttl 8h (at most " + hours(max) + ", dev.ttl.max)");
    }
    if (ttl.compareTo(max) > 0) {
      throw Fault.invalid("--ttl " + hours(ttl) + " is beyond dev.ttl.max (" + hours(max) + ") in "
          + fleet.source().file().getFileName(), "ask for at most " + hours(max) + ", or raise dev.ttl.max");
    }
    return ttl;
  }

  private static String hours(Duration d) {
    return d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
  }

  public Up up(String owner, Duration ttl, Progress progress) {
    String tenant = tenantOf(owner);
    return leases.run(Leases.tenant(tenant), "dev up " + tenant, tenant, progress,
        claim -> upClaimed(claim, owner, ttl, progress));
  }

  private Up upClaimed(Lease claim, String owner, Duration ttl, Progress progress) {
    String tenant = tenantOf(owner);
    directory.changed(null);
    Optional<Account> existing = directory.byTenantTag(tenant);
    How how;
    Instant expires;
    String accountId;
    if (existing.isPresent()) {
      how = How.ALREADY_UP;
      accountId = existing.get().id();
      expires = PoolTags.instant(directory.tags(accountId), PoolTags.EXPIRES).orElse(clock.instant().plus(ttl));
      progress.step(tenant, "already up in account " + accountId + " until " + PoolTags.instant(expires)
          + " (`tenantctl dev extend` gives it longer)");
    } else {
      expires = clock.instant().plus(ttl);
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put(AccountDirectory.TENANT_TAG, tenant);
      tags.put(PoolTags.OWNER, owner);
      tags.put(PoolTags.EXPIRES, PoolTags.instant(expires));
      tags.put("tenantctl:wave", "dev");
      tags.put(PoolTags.MANAGED_BY, "tenantctl");
      claim.check();
      var claimed = pool.claim(tenant, owner, fleet.dev().reuse() == Fleet.Dev.Reuse.SAME_OWNER, tags, progress);
      if (claimed.isPresent()) {
        how = How.FROM_POOL;
        accountId = claimed.get().id();
      } else {
        pool.refuseBeyondQuota("dev up", 1, "or free a pool account (`tenantctl dev gc`, `tenantctl pool ls`)");
        progress.step(tenant, "no ready pool account for " + owner + ": creating one, which " + CREATE_TAKES
            + " (`tenantctl pool fill` keeps accounts ready)");
        Map<String, String> claimedTags = new LinkedHashMap<>(tags);
        claimedTags.put(PoolTags.STATE, PoolTags.State.CLAIMED.tag());
        claim.check();
        accountId = pool.createClaimed(tenant, claimedTags, progress).id();
        how = How.CREATED;
      }
    }
    claim.check();
    pool.move(accountId, fleet.organizationalUnits().dev(), progress);
    directory.changed(accountId);
    Tenant manifest = manifest(owner, accountId);
    List<StackDeployer.Outcome> outcomes = new ArrayList<>();
    for (String stack : fleet.dev().stacks()) {
      outcomes.addAll(deployment.deployClaimed(claim, manifest, Optional.of(stack), false, progress));
    }
    return new Up(tenant, owner, accountId, how, expires, outcomes);
  }

  /** The dev tenant's manifest, derived from the fleet file's {@code dev} section: no file in git. */
  public Tenant manifest(String owner, String accountId) {
    String tenant = tenantOf(owner);
    return new Tenant(tenant, Map.of("owner", owner), new Tenant.TenantAccount(fleet.emailFor(tenant),
        fleet.organizationalUnits().dev(), Optional.of(accountId)), "dev", List.of(fleet.region()),
        fleet.dev().parameters(), Map.of(PoolTags.OWNER, owner), Source.of(fleet.source().file()));
  }

  /** Every dev tenant, read from account tags. */
  public List<DevTenant> list() {
    directory.changed(null);
    directory.readAllTags();
    List<DevTenant> out = new ArrayList<>();
    for (Account a : directory.accounts()) {
      Map<String, String> t = directory.tags(a.id());
      String tenant = t.get(AccountDirectory.TENANT_TAG);
      String owner = t.get(PoolTags.OWNER);
      if (tenant != null && owner != null && tenant.equals(tenantOf(owner))) {
        out.add(new DevTenant(tenant, owner, a.id(), PoolTags.instant(t, PoolTags.EXPIRES),
            Optional.ofNullable(t.get(PoolTags.STATE))));
      }
    }
    return out;
  }

  public DevTenant extend(String owner, Duration ttl, Progress progress) {
    String tenant = tenantOf(owner);
    return leases.run(Leases.tenant(tenant), "dev extend " + tenant, tenant, progress,
        claim -> extendClaimed(claim, owner, ttl, progress));
  }

  private DevTenant extendClaimed(Lease claim, String owner, Duration ttl, Progress progress) {
    DevTenant dev = find(owner);
    Instant now = clock.instant();
    Instant from = dev.expires().filter(e -> e.isAfter(now)).orElse(now);
    Instant cap = now.plus(fleet.dev().maxTtl());
    Instant expires = from.plus(ttl).isAfter(cap) ? cap : from.plus(ttl);
    progress.step(dev.tenant(), "expires " + PoolTags.instant(expires) + (expires.equals(cap)
        ? " (dev.ttl.max from now)" : ""));
    claim.check();
    org.tag(dev.accountId(), Map.of(PoolTags.EXPIRES, PoolTags.instant(expires)));
    directory.changed(dev.accountId());
    return new DevTenant(dev.tenant(), owner, dev.accountId(), Optional.of(expires), dev.state());
  }

  /**
   * Deletes the dev tenant's stacks in reverse order and gives the account back to the pool, ready; when cleanup
   * fails or leaves something, the account goes to quarantine with the reason instead, never back to the pool.
   */
  public Down down(String owner, Progress progress) {
    String tenant = tenantOf(owner);
    return leases.run(Leases.tenant(tenant), "dev down " + tenant, tenant, progress,
        claim -> downClaimed(claim, owner, progress));
  }

  private Down downClaimed(Lease claim, String owner, Progress progress) {
    DevTenant dev = find(owner);
    String tenant = dev.tenant();
    // marked before anything is deleted: a crash here leaves an account gc finishes, never one handed out
    claim.check();
    org.tag(dev.accountId(), Map.of(PoolTags.STATE, PoolTags.State.CLEANING.tag(), PoolTags.SINCE,
        PoolTags.instant(clock.instant())));
    List<String> names = fleet.dev().stacks().stream().map(s -> StackPlans.stackName(tenant, s)).toList();
    StackTeardown.Result result;
    try {
      var account = access.open(dev.accountId(), progress);
      result = teardown.teardown(account.stacks(fleet.region()), names, tenant, progress);
    } catch (RuntimeException e) {
      if (e instanceof Fault f && f.exitCode() == io.tenantctl.core.ExitCode.INVALID) {
        throw e;
      }
      result = new StackTeardown.Result(List.of(), List.of("cleanup failed: " + e.getMessage()));
    }
    claim.check();
    if (result.clean()) {
      progress.step(tenant, "account " + dev.accountId() + " goes back to the pool, ready");
      pool.release(dev.accountId(), owner, TENANCY_TAGS, progress);
      return new Down(tenant, dev.accountId(), result.deleted(), true, Optional.empty());
    }
    String reason = tenant + ": " + String.join("; ", result.leftovers());
    pool.quarantine(dev.accountId(), reason, TENANCY_TAGS, progress);
    return new Down(tenant, dev.accountId(), result.deleted(), false, Optional.of(reason));
  }

  /**
   * {@code dev down} for every expired dev tenant, leaving unexpired ones alone; stops starting new ones once
   * {@code budget} is spent (they are reported, for the next scheduled run). Never retries an account: one whose
   * cleanup fails goes to quarantine.
   */
  public Gc gc(Duration budget, Progress progress) {
    Instant now = clock.instant();
    Instant deadline = now.plus(budget);
    List<Down> removed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notReached = new ArrayList<>();
    int unexpired = 0;
    for (DevTenant dev : list()) {
      if (!dev.expiredAt(now)) {
        unexpired++;
        continue;
      }
      if (clock.instant().isAfter(deadline)) {
        notReached.add(dev.tenant());
        continue;
      }
      try {
        removed.add(down(dev.owner(), progress));
      } catch (RuntimeException e) {
        failed.add(dev.tenant() + ": " + e.getMessage());
      }
    }
    return new Gc(removed, failed, unexpired, notReached);
  }

  private DevTenant find(String owner) {
    String tenant = tenantOf(owner);
    return list().stream().filter(d -> d.tenant().equals(tenant)).findFirst().orElseThrow(() -> Fault.failed(
        "there is no dev tenant " + tenant, "`tenantctl dev ls` lists them; `tenantctl dev up` makes yours"));
  }
}
