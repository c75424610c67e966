package io.tenantctl.fleet;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.stacks.StackTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns a tenant and a fleet stack definition into a {@link StackPlan}; templates are read once. */
public final class StackPlans {
  /** The parameter tenantctl fills in itself when a template declares it. */
  public static final String TENANT_PARAMETER = "TenantName";

  private final Fleet fleet;
  private final Map<Path, StackTemplate> templates = new ConcurrentHashMap<>();

  public StackPlans(Fleet fleet) {
    this.fleet = fleet;
  }

  public static String stackName(String tenant, String stack) {
    return "tenantctl-" + tenant + "-" + stack;
  }

  public StackTemplate template(String stack) {
    Fleet.StackDefinition def = definition(stack);
    return templates.computeIfAbsent(def.template(), StackTemplate::read);
  }

  public StackPlan plan(Tenant tenant, String stack) {
    StackTemplate template = template(stack);
    Map<String, String> given = given(tenant, stack);
    Map<String, String> params = new LinkedHashMap<>();
    template.parameters().keySet().forEach(k -> {
      if (given.containsKey(k)) {
        params.put(k, given.get(k));
      }
    });
    Map<String, String> tags = new LinkedHashMap<>(tenant.tags());
    tags.put("tenantctl:tenant", tenant.name());
    tags.put("tenantctl:stack", stack);
    return new StackPlan(stackName(tenant.name(), stack), tenant.homeRegion(), template.body(), params,
        template.secretParameters(), tags);
  }

  /**
   * Problems that would make CloudFormation refuse the stack: parameters the template does not declare,
   * declared parameters without a value or default. Found without any AWS call.
   */
  public List<String> problems(Tenant tenant, String stack) {
    List<String> out = new ArrayList<>();
    StackTemplate template;
    try {
      template = template(stack);
    } catch (Fault f) {
      return List.of(f.getMessage());
    }
    Map<String, String> given = given(tenant, stack);
    for (String name : given.keySet()) {
      if (!template.parameters().containsKey(name) && !name.equals(TENANT_PARAMETER)) {
        out.add("tenant " + tenant.name() + ", stack " + stack + ": parameter " + name + " is not declared in "
            + fleet.templateRoot().relativize(template.file()) + "; remove it or declare it in the template");
      }
    }
    template.parameters().forEach((name, declared) -> {
      if (!given.containsKey(name) && declared.defaultValue().isEmpty()) {
        out.add("tenant " + tenant.name() + ", stack " + stack + ": parameter " + name + " of "
            + fleet.templateRoot().relativize(template.file()) + " has no value; set it under stacks." + stack
            + ".parameters in the fleet file or under parameters." + stack + " in the tenant's manifest");
      }
    });
    return out;
  }

  private Map<String, String> given(Tenant tenant, String stack) {
    Map<String, String> given = new HashMap<>(definition(stack).parameters());
    given.putAll(tenant.parameters().getOrDefault(stack, Map.of()));
    given.put(TENANT_PARAMETER, tenant.name());
    return given;
  }

  private Fleet.StackDefinition definition(String stack) {
    Fleet.StackDefinition def = fleet.stacks().get(stack);
    if (def == null) {
      throw Fault.invalid("no stack named " + stack + " in the fleet file",
          "use one of: " + String.join(", ", fleet.stacks().keySet()));
    }
    return def;
  }
}
