package io.tenantctl.deploy;

import io.tenantctl.stacks.StackPlans;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.RoleNotAssumableException;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.OuPaths;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads, and only reads, where each tenant stands: its account, OU and stacks. */
public final class FleetStatus {
  private final Fleet fleet;
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final DeployAccess access;
  private final StackPlans plans;

  public FleetStatus(Fleet fleet, Organization org, AccountDirectory directory, OuPaths ous, DeployAccess access,
      StackPlans plans) {
    this.fleet = fleet;
    this.org = org;
    this.directory = directory;
    this.ous = ous;
    this.access = access;
    this.plans = plans;
  }

  /**
   * One stack: {@code status} is CloudFormation's, or {@code NOT_DEPLOYED}; {@code current} when its fingerprint
   * matches the plan; {@code cannotCompare} says why there is no plan to compare with (an unset variable).
   */
  public record StackStatus(String name, String stackName, String status, boolean current,
      Optional<String> cannotCompare) {}

  public record TenantStatus(String tenant, String wave, Optional<String> accountId, Optional<String> ou,
      List<StackStatus> stacks, Optional<String> problem) {}

  public TenantStatus of(Tenant tenant) {
    var account = directory.byTenantTag(tenant.name());
    if (account.isEmpty()) {
      return new TenantStatus(tenant.name(), tenant.wave(), Optional.empty(), Optional.empty(), List.of(),
          Optional.of("not onboarded: run `tenantctl create " + tenant.name() + "`"));
    }
    String id = account.get().id();
    String parent = org.parentOf(id);
    Optional<String> ou = ous.pathOf(parent);
    List<StackStatus> stacks = new ArrayList<>();
    Optional<String> problem = Optional.empty();
    try {
      var cloud = access.open(id, Progress.NONE);
      for (String stack : fleet.stacks().keySet()) {
        String stackName = StackPlans.stackName(tenant.name(), stack);
        List<String> unset = plans.unsetVariables(tenant, stack);
        Stacks regional = cloud.stacks(tenant.homeRegion());
        Optional<Stacks.StackState> state = regional.describe(stackName);
        String status = state.map(s -> String.valueOf(s.status())).orElse("NOT_DEPLOYED");
        if (!unset.isEmpty()) {
          // status reads only: a variable only a deploy needs must not stop it, it just cannot compare
          stacks.add(new StackStatus(stack, stackName, status, false, Optional.of("set "
              + String.join(", ", plans.variables(List.of(tenant), stack)))));
          continue;
        }
        StackPlan plan = plans.plan(tenant, stack);
        stacks.add(new StackStatus(stack, plan.stackName(), status,
            // the deployer's own judgement, so that status, diff and deploy agree
            state.map(s -> s.status().standsAsTagged() && StackDeployer.deployedAsPlanned(regional, s, plan))
                .orElse(false),
            Optional.empty()));
      }
    } catch (RoleNotAssumableException e) {
      problem = Optional.of(e.getMessage());
    }
    return new TenantStatus(tenant.name(), tenant.wave(), Optional.of(id), Optional.of(ou.orElse(parent)), stacks, problem);
  }
}
