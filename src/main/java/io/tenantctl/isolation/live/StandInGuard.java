package io.tenantctl.isolation.live;

import io.tenantctl.core.Secrets;
import io.tenantctl.isolation.Breach;
import io.tenantctl.isolation.DeployTarget;
import io.tenantctl.isolation.IsolationContext;
import io.tenantctl.isolation.TemplateGuard;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.stacks.StackTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template guard without AWS, for {@code validate}: every tenant's stacks and the production stack are judged
 * as the deploy guard would, with stand-in account ids and OU paths, so that a template breaking the one-way rule
 * fails a pull request's CI before anything reaches an account.
 */
public final class StandInGuard {
  static final String MANAGEMENT = "111111111111";
  static final String PRODUCTION = "222222222222";
  static final String ORGANIZATION = "o-standin0000";
  /** The shared-resources parameter bootstrap fills with the tenants' OU path (see onboard.SharedResources). */
  static final String ORG_PATH_PARAMETER = "TenantsOrgPath";
  /** Stands for a variable's value that validate does not need. */
  static final String UNSET = "tenantctl-validate-stand-in";

  private final Fleet fleet;
  private final List<Tenant> tenants;
  private final Map<String, String> env;

  public StandInGuard(Fleet fleet, List<Tenant> tenants, Map<String, String> env) {
    this.fleet = fleet;
    this.tenants = tenants;
    this.env = env;
  }

  /** Every breach and refusal, tenants in manifest order, then production. */
  public List<Breach> check() {
    Map<String, String> accounts = new LinkedHashMap<>();
    for (int i = 0; i < tenants.size(); i++) {
      accounts.put(String.format("3%011d", i + 1), tenants.get(i).name());
    }
    String tenantsPath = ORGANIZATION + "/r-st00/ou-st00-tenants/*";
    var context = new IsolationContext(Optional.of(ORGANIZATION), MANAGEMENT, PRODUCTION, accounts,
        List.of(tenantsPath, ORGANIZATION + "/r-st00/ou-st00-dev/*"));
    var guard = new TemplateGuard(context);
    var plans = new StackPlans(fleet, standInEnv(), new Secrets());
    List<Breach> out = new ArrayList<>();
    Map<String, Tenant> byName = new HashMap<>();
    tenants.forEach(t -> byName.put(t.name(), t));
    accounts.forEach((account, name) -> {
      Tenant tenant = byName.get(name);
      for (String stack : fleet.stacks().keySet()) {
        StackPlan plan = plans.plan(tenant, stack);
        out.addAll(guard.check(shown(plans.template(stack).file()), plan.templateBody(), plan.parameters(),
            new DeployTarget(account, plan.region(), plan.stackName())));
      }
    });
    fleet.productionStack().ifPresent(definition -> {
      StackTemplate template = StackTemplate.read(definition.template());
      Map<String, String> parameters = new LinkedHashMap<>();
      definition.parameters().forEach((k, v) -> {
        if (template.parameters().containsKey(k)) {
          parameters.put(k, v);
        }
      });
      if (template.parameters().containsKey(ORG_PATH_PARAMETER)) {
        parameters.put(ORG_PATH_PARAMETER, tenantsPath);
      }
      out.addAll(guard.check(shown(template.file()), template.body(), parameters,
          new DeployTarget(PRODUCTION, fleet.region(), "tenantctl-production-shared")));
    });
    return out;
  }

  /** A template as messages show it: relative to the fleet file's directory. */
  private java.nio.file.Path shown(java.nio.file.Path file) {
    var root = fleet.templateRoot().toAbsolutePath().normalize();
    var absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute) : file;
  }

  /**
   * The breaches as lines, each once: the same statement judged in every tenant's account is one line naming the
   * tenants (or production), not one per account.
   */
  public static List<String> lines(List<Breach> breaches) {
    Map<String, List<String>> where = new LinkedHashMap<>();
    for (Breach b : breaches) {
      String message = b.message().replaceFirst("^account \\d{12}( \\(tenant [^)]*\\))?, ", "");
      where.computeIfAbsent(message, k -> new ArrayList<>()).add(b.tenant().map(t -> "tenant " + t)
          .orElse("production"));
    }
    List<String> out = new ArrayList<>();
    where.forEach((message, accounts) -> out.add(message + " (for " + String.join(", ", accounts) + ")"));
    return out;
  }

  /** The run's environment, with a stand-in for every variable a stack names that is not set. */
  private Map<String, String> standInEnv() {
    Map<String, String> out = new HashMap<>(env);
    var plans = new StackPlans(fleet);
    for (String stack : fleet.stacks().keySet()) {
      plans.variables(tenants, stack).forEach(v -> out.putIfAbsent(v, UNSET));
    }
    return out;
  }
}
