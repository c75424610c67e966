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

  /** One stack: {@code status} is CloudFormation's, or {@code NOT_DEPLOYED}; {@code current} when its fingerprint matches the plan. */
  public record StackStatus(String name, String stackName, String status, boolean current) {}

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
        StackPlan plan = plans.plan(tenant, stack);
        Optional<Stacks.StackState> state = cloud.stacks(plan.region()).describe(plan.stackName());
        stacks.add(new StackStatus(stack, plan.stackName(), state.map(s -> s.status().name()).orElse("NOT_DEPLOYED"),
            state.map(s -> plan.fingerprint().equals(s.tags().get(StackPlan.FINGERPRINT_TAG))).orElse(false)));
      }
    } catch (RoleNotAssumableException e) {
      problem = Optional.of(e.getMessage());
    }
    return new TenantStatus(tenant.name(), tenant.wave(), Optional.of(id), Optional.of(ou.orElse(parent)), stacks, problem);
  }
}
