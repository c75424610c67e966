package io.tenantctl.rollout;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.stacks.StackPlans;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stack of every tenant, through each tenant's deploy role and the resumable {@link StackDeployer}: the same
 * path as {@code deploy}, template guard included. A revert is not guarded: it puts back what was deployed before.
 */
public final class LiveTenantStacks implements TenantStacks {
  private final Map<String, Tenant> tenants;
  private final String stack;
  private final AccountDirectory directory;
  private final DeployAccess access;
  private final StackPlans plans;
  private final StackDeployer deployer;
  private final DeployGuard guard;
  private final Progress progress;
  private final Map<String, StackPlan> planned = new ConcurrentHashMap<>();
  private final Map<String, AccountCloud> opened = new ConcurrentHashMap<>();

  public LiveTenantStacks(List<Tenant> tenants, String stack, AccountDirectory directory, DeployAccess access,
      StackPlans plans, StackDeployer deployer, DeployGuard guard, Progress progress) {
    this.tenants = new ConcurrentHashMap<>();
    tenants.forEach(t -> this.tenants.put(t.name(), t));
    this.stack = stack;
    this.directory = directory;
    this.access = access;
    this.plans = plans;
    this.deployer = deployer;
    this.guard = guard;
    this.progress = progress;
  }

  @Override
  public boolean atTarget(String tenant) {
    StackPlan plan = plan(tenant);
    Optional<Stacks.StackState> now = stacks(tenant).describe(plan.stackName());
    return StackDeployer.decide(now, plan, false) == StackDeployer.Decision.LEAVE;
  }

  @Override
  public PreviousVersion current(String tenant) {
    StackPlan plan = plan(tenant);
    // a stack left empty (a failed first create, a change set never executed) ran nothing: going back is no stack
    return stacks(tenant).template(plan.stackName()).filter(t -> !t.status().leftEmpty())
        .map(t -> new PreviousVersion(tenant, plan.stackName(), plan.region(), true, t.body(),
            masked(t.parameters(), plan)))
        .orElse(new PreviousVersion(tenant, plan.stackName(), plan.region(), false, "", Map.of()));
  }

  /**
   * A secret parameter's value is masked before it is journalled, as CloudFormation masks a NoEcho one; a
   * restore takes it from the plan.
   */
  private static Map<String, String> masked(Map<String, String> parameters, StackPlan plan) {
    Map<String, String> out = new java.util.LinkedHashMap<>(parameters);
    out.replaceAll((k, v) -> plan.secretParameters().contains(k) ? StackDeployer.MASK : v);
    return out;
  }

  @Override
  public void deploy(String tenant) {
    StackPlan plan = plan(tenant);
    AccountCloud account = account(tenant);
    guard.checkTenant(tenant, account.accountId(), plans.template(stack).file(), plan);
    deployer.deploy(account.stacks(plan.region()), plan, progress);
  }

  @Override
  public void restore(String tenant, PreviousVersion previous) {
    StackPlan target = plan(tenant);
    Stacks stacks = account(tenant).stacks(previous.region());
    if (!previous.existed()) {
      // the rollout created it: going back means no stack
      if (stacks.describe(previous.stackName()).isPresent()) {
        stacks.protect(previous.stackName(), false);
        stacks.delete(previous.stackName(), e -> { });
      }
      return;
    }
    // CloudFormation masks a NoEcho value in GetTemplate's parameters: such a value is taken from the plan
    Map<String, String> parameters = new java.util.LinkedHashMap<>(previous.parameters());
    parameters.replaceAll((k, v) -> StackDeployer.MASK.equals(v) && target.parameters().containsKey(k)
        ? target.parameters().get(k) : v);
    StackPlan back = new StackPlan(previous.stackName(), previous.region(), previous.templateBody(), parameters,
        target.secretParameters(), target.tags());
    deployer.deploy(stacks, back, progress);
  }

  @Override
  public List<HealthGate.Place> places(List<String> names) {
    // the account ids only: a wave not started yet is read before any of its accounts is opened; a tenant whose
    // manifest is gone is skipped by the rollout, and so is its account here
    return names.stream().filter(tenants::containsKey)
        .map(t -> new HealthGate.Place(accountId(t), plan(t).region())).toList();
  }

  /** What a deploy would change, for {@code --dry-run}: a change set made and deleted again, as {@code diff} does. */
  public StackDeployer.Preview preview(String tenant) {
    StackPlan plan = plan(tenant);
    return deployer.preview(stacks(tenant), plan, plans.template(stack));
  }

  private StackPlan plan(String tenant) {
    Tenant manifest = tenants.get(tenant);
    if (manifest == null) {
      throw new Removed(tenant);
    }
    return planned.computeIfAbsent(tenant, t -> plans.plan(manifest, stack));
  }

  private Stacks stacks(String tenant) {
    return account(tenant).stacks(plan(tenant).region());
  }

  private AccountCloud account(String tenant) {
    return opened.computeIfAbsent(tenant, t -> access.open(accountId(t), progress));
  }

  private String accountId(String tenant) {
    AccountCloud open = opened.get(tenant);
    return open != null ? open.accountId() : directory.byTenantTag(tenant).orElseThrow(() -> Fault.failed(
        "tenant " + tenant + " has no account yet", "onboard it first: `tenantctl create " + tenant + "`")).id();
  }
}
