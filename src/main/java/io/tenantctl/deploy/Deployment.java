package io.tenantctl.deploy;

import io.tenantctl.stacks.StackPlans;
import io.tenantctl.isolation.live.DeployGuard;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.registry.TenantRegistry;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import java.util.List;
import java.util.Optional;

/** Deploys, or previews, an onboarded tenant's stacks in the fleet's order. */
public final class Deployment {
  private final Fleet fleet;
  private final AccountDirectory directory;
  private final DeployAccess access;
  private final StackPlans plans;
  private final StackDeployer deployer;
  private final DeployGuard guard;

  private final Leases leases;
  private final TenantRegistry registry;

  public Deployment(Fleet fleet, AccountDirectory directory, DeployAccess access, StackPlans plans,
      StackDeployer deployer, DeployGuard guard, Leases leases, TenantRegistry registry) {
    this.leases = leases;
    this.registry = registry;
    this.fleet = fleet;
    this.directory = directory;
    this.access = access;
    this.plans = plans;
    this.deployer = deployer;
    this.guard = guard;
  }

  public List<StackDeployer.Outcome> deploy(Tenant tenant, Optional<String> stack, Progress progress) {
    return deploy(tenant, stack, false, progress);
  }

  /** @param force skip the fingerprint shortcut: ask CloudFormation for every stack */
  public List<StackDeployer.Outcome> deploy(Tenant tenant, Optional<String> stack, boolean force, Progress progress) {
    // planned and applied under the tenant's claim: the plan's change sets are writes too
    return leases.run(Leases.tenant(tenant.name()), "deploy " + tenant.name(), tenant.name(), progress,
        claim -> deployClaimed(claim, tenant, stack, force, progress));
  }

  /** Deploys for a flow that holds the tenant's claim already (e.g. {@code dev up}, which claimed an account). */
  public List<StackDeployer.Outcome> deployClaimed(Lease claim, Tenant tenant, Optional<String> stack, boolean force,
      Progress progress) {
    requireClaim(claim, tenant.name());
    if (claim.waited()) {
      directory.forget(); // the run waited for may have changed the tenant's account
    }
    return applyHeld(claim, plan(tenant, stack, force, progress), progress);
  }

  /** Refuses a step on {@code tenant} under any lease but that tenant's claim: a bug, never a user's error. */
  public static void requireClaim(Lease claim, String tenant) {
    if (!claim.name().equals(Leases.tenant(tenant))) {
      throw new IllegalStateException("a step on tenant " + tenant + " needs its claim, not " + claim.name());
    }
  }

  /**
   * What a deploy would do to each stack, shown before it is done. An existing stack's change set is kept for
   * {@link #apply} to execute, so what was shown is what runs; {@link #discard} removes it otherwise.
   */
  public DeployPlan plan(Tenant tenant, Optional<String> stack, boolean force, Progress progress) {
    List<String> names = stacks(fleet, stack);
    AccountCloud account = open(tenant, names, progress);
    List<DeployPlan.Planned> planned = names.stream().map(s -> {
      var plan = plans.plan(tenant, s);
      var preview = deployer.preview(account.stacks(plan.region()), plan, plans.template(s), force, true);
      return new DeployPlan.Planned(s, plan, preview);
    }).toList();
    return new DeployPlan(tenant.name(), tenant.account().ou(), account, planned, force);
  }

  /**
   * Deploys the plan under the tenant's lock; a stack it found up to date costs nothing more (its one read was the
   * plan's).
   */
  public List<StackDeployer.Outcome> apply(DeployPlan plan, Progress progress) {
    return leases.run(Leases.tenant(plan.tenant()), "deploy " + plan.tenant(), plan.tenant(), progress,
        claim -> {
          if (claim.waited()) {
            directory.forget(); // the run waited for may have changed the tenant's account
          }
          return applyHeld(claim, plan, progress);
        });
  }

  private List<StackDeployer.Outcome> applyHeld(Lease claim, DeployPlan plan, Progress progress) {
    return plan.stacks().stream().map(p -> {
      claim.check();
      var preview = p.preview();
      StackDeployer.Outcome outcome = preview.upToDate() && preview.current().isPresent()
          ? new StackDeployer.Outcome(p.plan().stackName(), StackDeployer.Result.UNCHANGED, preview.current().get())
          : deployer.deploy(plan.account().stacks(p.plan().region()), p.plan(), plan.force(), progress);
      if (outcome.result() != StackDeployer.Result.UNCHANGED
          || registry.get(plan.tenant()).map(r -> r.stacks().get(p.name())).isEmpty()) {
        registry.deployed(plan.tenant(), plan.account().accountId(), plan.ou(), p.name(), p.plan(), outcome, "deploy");
      }
      return outcome;
    }).toList();
  }

  /** Removes the change sets the plan made, when the deploy does not go ahead. */
  public void discard(DeployPlan plan) {
    for (var p : plan.stacks()) {
      if (!p.preview().upToDate() && !p.preview().newStack()) {
        deployer.discard(plan.account().stacks(p.plan().region()), p.plan());
      }
    }
  }

  public List<StackDeployer.Preview> diff(Tenant tenant, Optional<String> stack, Progress progress) {
    List<String> names = stacks(fleet, stack);
    AccountCloud account = open(tenant, names, progress);
    return names.stream().map(s -> {
      var plan = plans.plan(tenant, s);
      return deployer.preview(account.stacks(plan.region()), plan, plans.template(s));
    }).toList();
  }

  /** The stacks to act on, checked before any AWS call. */
  public static List<String> stacks(Fleet fleet, Optional<String> stack) {
    if (stack.isPresent()) {
      if (!fleet.stacks().containsKey(stack.get())) {
        throw Fault.invalid("no stack named " + stack.get() + " in the fleet file",
            "use one of: " + String.join(", ", fleet.stacks().keySet()));
      }
      return List.of(stack.get());
    }
    return List.copyOf(fleet.stacks().keySet());
  }

  /** The tenant's account, once every stack to deploy has passed the template guard: refused before any write. */
  private AccountCloud open(Tenant tenant, List<String> names, Progress progress) {
    var account = directory.byTenantTag(tenant.name()).orElseThrow(() -> Fault.failed(
        "tenant " + tenant.name() + " has no account yet", "onboard it first: `tenantctl create " + tenant.name() + "`"));
    for (String name : names) {
      guard.checkTenant(tenant.name(), account.id(), plans.template(name).file(), plans.plan(tenant, name));
    }
    return access.open(account.id(), progress);
  }
}
