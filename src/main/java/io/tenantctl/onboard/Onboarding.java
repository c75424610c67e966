package io.tenantctl.onboard;

import io.tenantctl.stacks.StackPlans;
import io.tenantctl.isolation.live.DeployGuard;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Organization;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.offboard.Offboarding;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OuPaths;
import io.tenantctl.pool.AccountPool;
import io.tenantctl.registry.TenantRegistry;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import io.tenantctl.tenant.TenantBatch;
import io.tenantctl.core.FanOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The create flow, holding the tenant's claim: find the tenant's account, else claim one from the pool (only
 * through the pool's claim), else create one; put it in its OU, tag it, open it through the deploy role and deploy
 * the baseline stack. Each step first reads, and writes only what differs.
 */
public final class Onboarding {
  private final Fleet fleet;
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final AccountVendor vendor;
  private final AccountPool pool;
  private final DeployAccess access;
  private final StackPlans plans;
  private final StackDeployer deployer;
  private final DeployGuard guard;
  private final Leases leases;
  private final TenantRegistry registry;

  public Onboarding(Fleet fleet, Organization org, AccountDirectory directory, OuPaths ous, AccountVendor vendor,
      AccountPool pool, DeployAccess access, StackPlans plans, StackDeployer deployer, DeployGuard guard,
      Leases leases, TenantRegistry registry) {
    this.fleet = fleet;
    this.org = org;
    this.directory = directory;
    this.ous = ous;
    this.vendor = vendor;
    this.pool = pool;
    this.access = access;
    this.plans = plans;
    this.deployer = deployer;
    this.guard = guard;
    this.leases = leases;
    this.registry = registry;
  }

  /** What {@code create} did for one tenant. */
  public record Onboarded(
      String tenant,
      String accountId,
      AccountVendor.How how,
      String ou,
      Optional<String> movedFrom,
      boolean tagged,
      StackDeployer.Outcome baseline) {

    public boolean changedAnything() {
      return how == AccountVendor.How.CREATED || how == AccountVendor.How.RESUMED || how == AccountVendor.How.FROM_POOL
          || movedFrom.isPresent() || tagged || baseline.result() != StackDeployer.Result.UNCHANGED;
    }

    /** One line: what {@code create} found and did. */
    public String summary() {
      if (!changedAnything()) {
        return "up to date (account " + accountId + ", " + ou + ", " + baseline.stackName() + " unchanged)";
      }
      return "account " + accountId + " " + how.text + movedFrom.map(f -> "; moved from " + f + " to " + ou)
          .orElse("; in " + ou) + (tagged ? "; tagged" : "") + "; " + baseline.stackName() + " "
          + baseline.result().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Onboards every tenant, {@code batch.concurrency()} at once; one tenant's failure does not stop the others.
   * A lone tenant is onboarded directly: its failure is the caller's to report.
   */
  public TenantBatch.Result<Onboarded> onboard(List<Tenant> tenants, TenantBatch batch, Progress progress) {
    return onboard(Map.of(), tenants, batch, progress);
  }

  /**
   * Onboards as {@code plan} said, the plan the operator saw: a tenant it showed creating an account creates one, a
   * tenant it showed taking a pool account claims one (and fails, creating nothing, when other runs took them all).
   */
  public TenantBatch.Result<Onboarded> onboard(OnboardingPlan plan, List<Tenant> tenants, TenantBatch batch,
      Progress progress) {
    Map<String, OnboardingPlan.AccountStep> steps = new LinkedHashMap<>();
    plan.tenants().forEach(t -> steps.put(t.tenant(), t.account()));
    return onboard(steps, tenants, batch, progress);
  }

  private TenantBatch.Result<Onboarded> onboard(Map<String, OnboardingPlan.AccountStep> planned, List<Tenant> tenants,
      TenantBatch batch, Progress progress) {
    if (tenants.size() == 1) {
      var tenant = tenants.get(0);
      var done = onboard(tenant, Optional.ofNullable(planned.get(tenant.name())), progress);
      return new TenantBatch.Result<>(List.of(new TenantBatch.Outcome<>(tenant.name(), Optional.of(done),
          Optional.empty())));
    }
    return batch.run("create", tenants, t -> onboard(t, Optional.ofNullable(planned.get(t.name())), progress),
        Onboarded::summary, progress);
  }

  /**
   * What {@link #onboard} would do for each tenant, by reads alone; a template the guard refuses is refused here,
   * before anything is shown or asked. An existing account's baseline is previewed through a change set that is
   * deleted again; a new account's baseline is the template's resources, all added.
   *
   */
  public OnboardingPlan plan(List<Tenant> tenants, int parallelism, Progress progress) {
    return plan(tenants, false, parallelism, progress);
  }

  /**
   * @param reinstate bring offboarded tenants back (their quarantined accounts); without it an offboarded tenant's
   *     manifest is refused here, before anything is changed, as is a closed account with it
   */
  public OnboardingPlan plan(List<Tenant> tenants, boolean reinstate, int parallelism, Progress progress) {
    var plan = plan(tenants, true, true, reinstate, parallelism, progress);
    pool.refuseBeyondQuota("create", plan.accountsCreated(), QUOTA_FIX);
    return plan;
  }

  private static final String QUOTA_FIX = "or create fewer tenants at once (`tenantctl pool ls` shows the quota)";

  private OnboardingPlan plan(List<Tenant> tenants, boolean organizationExists, boolean guarded, boolean reinstate,
      int parallelism, Progress progress) {
    List<OnboardingPlan.TenantPlan> planned = new ArrayList<>(
        FanOut.all(tenants, parallelism, t -> plan(t, organizationExists, guarded, reinstate, progress)));
    long wanted = planned.stream().filter(p -> p.account() == OnboardingPlan.AccountStep.CREATE).count();
    if (wanted > 0 && organizationExists) {
      // a tenant without an account claims a pool account before one is created: counted by the claim's own rule
      int free = pool.claimable(CUSTOMER, false).available();
      for (int i = 0; i < planned.size() && free > 0; i++) {
        var p = planned.get(i);
        if (p.account() == OnboardingPlan.AccountStep.CREATE) {
          planned.set(i, new OnboardingPlan.TenantPlan(p.tenant(), OnboardingPlan.AccountStep.FROM_POOL,
              p.accountId(), p.accountName(), p.email(), p.ou(), p.baseline()));
          free--;
        }
      }
    }
    return new OnboardingPlan(Optional.empty(), planned);
  }

  /** The plan of {@code up}: the organization and production account that bootstrap would make, then the tenants'. */
  public OnboardingPlan planUp(List<Tenant> tenants, boolean createOrganization, int parallelism, Progress progress) {
    return planUp(tenants, createOrganization, false, parallelism, progress);
  }

  /** @param reinstate as for {@link #plan(List, boolean, int, Progress)} */
  public OnboardingPlan planUp(List<Tenant> tenants, boolean createOrganization, boolean reinstate, int parallelism,
      Progress progress) {
    boolean exists = org.describe().isPresent();
    var production = fleet.production();
    Optional<String> productionId = !exists ? Optional.<String>empty() : production.accountId()
        .or(() -> production.email().flatMap(directory::byEmail).map(Organization.Account::id));
    var step = new OnboardingPlan.OrganizationStep(exists, createOrganization, productionId, production.name(),
        production.email());
    // the guard is left to onboarding: it judges by the production account and OUs that bootstrap makes first
    var plan = new OnboardingPlan(Optional.of(step), plan(tenants, exists, false, reinstate, parallelism, progress)
        .tenants());
    if (exists) {
      pool.refuseBeyondQuota("up", plan.accountsCreated(), QUOTA_FIX);
    }
    return plan;
  }

  private OnboardingPlan.TenantPlan plan(Tenant tenant, boolean organizationExists, boolean guarded,
      boolean reinstate, Progress progress) {
    String name = tenant.name();
    var plan = plans.plan(tenant, fleet.baselineStack());
    var template = plans.template(fleet.baselineStack());
    Optional<Organization.Account> account = !organizationExists ? Optional.empty() : directory.byTenantTag(name)
        .or(() -> directory.byEmail(tenant.account().email()));
    // an offboarded tenant comes back only when asked, a closed account never: refused before anything is shown
    boolean back = account.isPresent() && Offboarding.returning(name, account.get(),
        directory.tags(account.get().id()), reinstate);
    Optional<String> found = account.map(Organization.Account::id);
    var step = back ? OnboardingPlan.AccountStep.REINSTATE : found.isPresent() ? OnboardingPlan.AccountStep.EXISTING
        : tenant.account().id().isPresent() ? OnboardingPlan.AccountStep.ADOPT : OnboardingPlan.AccountStep.CREATE;
    Optional<String> id = found.or(() -> tenant.account().id());
    if (guarded) {
      guard.checkTenant(name, id.orElse(DeployGuard.PROVISIONAL_ACCOUNT), template.file(), plan);
    }
    var baseline = id.isPresent() && organizationExists
        ? deployer.preview(access.open(id.get(), progress).stacks(plan.region()), plan, template)
        : StackDeployer.newStack(plan, template);
    return new OnboardingPlan.TenantPlan(name, step, id, fleet.accountNameFor(name), tenant.account().email(),
        tenant.account().ou(), baseline);
  }

  /** Onboards one tenant holding its lock {@code tenant-<name>}: two runs never change one tenant at once. */
  public Onboarded onboard(Tenant tenant, Progress progress) {
    return onboard(tenant, Optional.empty(), progress);
  }

  private Onboarded onboard(Tenant tenant, Optional<OnboardingPlan.AccountStep> planned, Progress progress) {
    return leases.run(Leases.tenant(tenant.name()), "create " + tenant.name(), tenant.name(), progress, claim -> {
      if (claim.waited()) {
        directory.forget(); // the run we waited for may have made, tagged or moved the tenant's account
      }
      return onboardHeld(claim, tenant, planned, progress);
    });
  }

  private Onboarded onboardHeld(Lease claim, Tenant tenant, Optional<OnboardingPlan.AccountStep> planned,
      Progress progress) {
    String name = tenant.name();
    var plan = plans.plan(tenant, fleet.baselineStack());
    var template = plans.template(fleet.baselineStack()).file();
    // before any account is made or touched: accounts are slow to get rid of, so a template that will be
    // refused must not cost one; a tenant without an account yet is judged with a stand-in id
    String judgedAs = directory.byTenantTag(name).or(() -> directory.byEmail(tenant.account().email()))
        .map(Organization.Account::id).or(() -> tenant.account().id()).orElse(DeployGuard.PROVISIONAL_ACCOUNT);
    guard.checkTenant(name, judgedAs, template, plan);
    Map<String, String> tags = accountTags(tenant);
    var want = new AccountVendor.Wanted(AccountVendor.Purpose.TENANT, name, fleet.accountNameFor(name),
        tenant.account().email(), tenant.account().id(), tags);
    claim.check();
    var vended = vendor.find(want, progress).orElseGet(() -> poolOrNew(want, planned, progress));
    String accountId = vended.account().id();
    guard.refuseSharedAccount(name, accountId);

    // tagging claims the account: a pool account moved out of the pool untagged would be lost to a crash
    Map<String, String> current = directory.tags(accountId);
    Map<String, String> missing = new LinkedHashMap<>();
    tags.forEach((k, v) -> {
      if (!v.equals(current.get(k))) {
        missing.put(k, v);
      }
    });
    if (!missing.isEmpty()) {
      claim.check();
      progress.step(name, "tagging account " + accountId + " with " + String.join(", ", missing.keySet()));
      org.tag(accountId, missing);
      directory.changed(accountId);
    }

    String ouId = ous.ensure(tenant.account().ou(), progress);
    String parent = org.parentOf(accountId);
    Optional<String> movedFrom = Optional.empty();
    if (!parent.equals(ouId)) {
      claim.check();
      String from = ous.pathOf(parent).orElse(parent);
      progress.step(name, "moving account " + accountId + " from " + from + " to " + tenant.account().ou());
      org.move(accountId, parent, ouId);
      movedFrom = Optional.of(from);
    }

    guard.checkTenant(name, accountId, template, plan);
    var account = access.open(accountId, progress);
    claim.check();
    var outcome = deployer.deploy(account.stacks(plan.region()), plan, progress);
    registry.deployed(name, accountId, tenant.account().ou(), fleet.baselineStack(), plan, outcome, "create");
    return new Onboarded(name, accountId, vended.how(), tenant.account().ou(), movedFrom, !missing.isEmpty(), outcome);
  }

  /** A pool account, or a new one, as the plan said (without a plan: a pool account when there is one). */
  private AccountVendor.Vended poolOrNew(AccountVendor.Wanted want, Optional<OnboardingPlan.AccountStep> planned,
      Progress progress) {
    String name = want.tenant();
    if (planned.filter(s -> s == OnboardingPlan.AccountStep.CREATE).isEmpty()) {
      var claimed = pool.claim(name, CUSTOMER, false, want.tags(), progress);
      if (claimed.isPresent()) {
        return new AccountVendor.Vended(claimed.get(), AccountVendor.How.FROM_POOL);
      }
      if (planned.isPresent()) {
        throw Fault.failed("tenant " + name + ": the plan took an account from the pool, but other runs have claimed"
            + " every ready one since; nothing was created", "re-run `tenantctl create " + name + "` to see a new plan"
            + " (it would create an account), or `tenantctl pool fill` first");
      }
    }
    // the plan checked the quota; other runs may have made accounts since
    pool.refuseBeyondQuota("create " + name, 1, QUOTA_FIX);
    return vendor.create(want, progress);
  }

  /** A customer owns no pool account before: any ready one will do, a developer's former one last. */
  private static final String CUSTOMER = "";

  static Map<String, String> accountTags(Tenant tenant) {
    Map<String, String> tags = new LinkedHashMap<>(tenant.tags());
    tags.put(AccountDirectory.TENANT_TAG, tenant.name());
    tags.put("tenantctl:wave", tenant.wave());
    tags.put("tenantctl:managed-by", "tenantctl");
    return tags;
  }
}
