package io.tenantctl.onboard;

import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.isolation.live.IsolationContexts;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.stacks.StackTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Deploys the fleet's production stack (shared resources tenants may read) into the production account. */
public final class SharedResources {
  public static final String STACK_NAME = "tenantctl-production-shared";
  /** The parameter tenantctl fills with the tenants' OU path, as {@code aws:PrincipalOrgPaths} sees it. */
  public static final String ORG_PATH_PARAMETER = "TenantsOrgPath";

  private final Fleet fleet;
  private final DeployAccess access;
  private final DeployGuard guard;
  private final IsolationContexts contexts;
  private final StackDeployer deployer;

  public SharedResources(Fleet fleet, DeployAccess access, DeployGuard guard, IsolationContexts contexts,
      StackDeployer deployer) {
    this.fleet = fleet;
    this.access = access;
    this.guard = guard;
    this.contexts = contexts;
    this.deployer = deployer;
  }

  /** Empty when the fleet file has no {@code productionStack}. */
  public Optional<StackDeployer.Outcome> deploy(String productionAccountId, Progress progress) {
    if (fleet.productionStack().isEmpty()) {
      return Optional.empty();
    }
    var definition = fleet.productionStack().get();
    StackTemplate template = StackTemplate.read(definition.template());
    Map<String, String> given = new LinkedHashMap<>(definition.parameters());
    String tenantsOu = fleet.organizationalUnits().tenants();
    given.put(ORG_PATH_PARAMETER, contexts.orgPath(tenantsOu).orElseThrow(() -> Fault.failed(
        "the tenants OU " + tenantsOu + " does not exist", "run `tenantctl bootstrap` again")));
    Map<String, String> parameters = new LinkedHashMap<>();
    given.forEach((k, v) -> {
      if (template.parameters().containsKey(k)) {
        parameters.put(k, v);
      }
    });
    var plan = new StackPlan(STACK_NAME, fleet.region(), template.body(), parameters, template.secretParameters(),
        Map.of("tenantctl:role", "production", "tenantctl:stack", "production"));
    guard.checkProduction(productionAccountId, template.file(), plan);
    var account = access.open(productionAccountId, progress);
    return Optional.of(deployer.deploy(account.stacks(plan.region()), plan, progress));
  }
}
