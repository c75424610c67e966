package io.tenantctl.stacks;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.Positions;
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
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tenantctl.core.Secrets;

/** Turns a tenant and a fleet stack definition into a {@link StackPlan}; templates are read once. */
public final class StackPlans {
  /** The parameter tenantctl fills in itself when a template declares it. */
  public static final String TENANT_PARAMETER = "TenantName";

  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private final Fleet fleet;
  private final Map<String, String> env;
  private final Secrets secrets;
  private final Map<Path, StackTemplate> templates = new ConcurrentHashMap<>();

  /** Plans without an environment: a {@code ${env:NAME}} value is a problem. */
  public StackPlans(Fleet fleet) {
    this(fleet, Map.of(), new Secrets());
  }

  /**
   * @param env     resolves {@code ${env:NAME}} in parameter values
   * @param secrets learns every secret value planned, so that output can mask it
   */
  public StackPlans(Fleet fleet, Map<String, String> env, Secrets secrets) {
    this.fleet = fleet;
    this.env = Map.copyOf(env);
    this.secrets = secrets;
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
    Set<String> secret = secretNames(stack, template);
    Map<String, String> params = new LinkedHashMap<>();
    template.parameters().keySet().forEach(k -> {
      if (given.containsKey(k)) {
        String value = resolve(given.get(k)).orElseThrow(() -> Fault.invalid("parameter " + k + " of stack " + stack
            + " for tenant " + tenant.name() + " names an environment variable that is not set",
            "set " + String.join(", ", variables(List.of(tenant), stack)) + " in the environment that runs tenantctl"));
        params.put(k, value);
        if (secret.contains(k)) {
          if (value.length() < Secrets.MIN_LENGTH) {
            throw Fault.invalid(tooShort(tenant, stack, k), SHORT_FIX);
          }
          secrets.add(value);
        }
      }
    });
    Map<String, String> tags = new LinkedHashMap<>(tenant.tags());
    tags.put("tenantctl:tenant", tenant.name());
    tags.put("tenantctl:stack", stack);
    return new StackPlan(stackName(tenant.name(), stack), tenant.homeRegion(), template.body(), params, secret, tags,
        secrets::stretched);
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
        out.add(where(tenant, stack, name) + ": tenant " + tenant.name() + ", stack " + stack + ": parameter " + name
            + " is not declared in " + fleet.templateRoot().relativize(template.file())
            + "; remove it or declare it in the template");
      }
    }
    String file = fleet.templateRoot().relativize(template.file()).toString();
    for (String name : definition(stack).secretParameters()) {
      if (!template.parameters().containsKey(name)) {
        out.add(Positions.of(fleet.source().file(), fleet.templateRoot(), "stacks", stack, "secretParameters") + ": stack "
            + stack + ": secret parameter " + name + " is not declared in " + file
            + "; remove it from secretParameters or declare it in the template");
      }
    }
    Set<String> secret = secretNames(stack, template);
    given.forEach((name, value) -> {
      if (definition(stack).secretParameters().contains(name) && !ENV.matcher(value).find()) {
        out.add(where(tenant, stack, name) + ": tenant " + tenant.name() + ", stack " + stack + ": secret parameter "
            + name + " has its value written in the manifest, where git keeps it; give it as \"${env:NAME}\" and set NAME"
            + " in the environment that runs tenantctl");
      }
    });
    template.parameters().forEach((name, declared) -> {
      if (!given.containsKey(name) && declared.defaultValue().isEmpty()) {
        out.add(Positions.of(fleet.source().file(), fleet.templateRoot(), "stacks", stack) + ": tenant "
            + tenant.name() + ", stack " + stack + ": parameter " + name + " of " + fleet.templateRoot().relativize(template.file()) + " has no value; set it under stacks." + stack
            + ".parameters in the fleet file or under parameters." + stack + " in the tenant's manifest");
      }
    });
    return out;
  }

  /**
   * The environment variables the stack's parameters for this tenant name and that are not set: only a command
   * that deploys or previews the stack needs them.
   */
  public List<String> unsetVariables(Tenant tenant, String stack) {
    List<String> out = new ArrayList<>();
    Set<String> secret = secretNames(stack, template(stack));
    given(tenant, stack).forEach((name, value) -> {
      Optional<String> resolved = resolve(value);
      if (secret.contains(name) && resolved.isPresent() && resolved.get().length() < Secrets.MIN_LENGTH) {
        out.add(where(tenant, stack, name) + ": " + tooShort(tenant, stack, name) + "; " + SHORT_FIX);
      }
      Matcher m = ENV.matcher(value);
      while (m.find()) {
        if (!env.containsKey(m.group(1))) {
          out.add(where(tenant, stack, name) + ": tenant " + tenant.name() + ", stack " + stack + ": parameter " + name
              + " needs the environment"
              + " variable " + m.group(1) + ", which is not set; set it" + (secret.contains(name) ? " (it is secret:"
              + " its value is never shown)" : ""));
        }
      }
    });
    return out;
  }

  /** The names of the environment variables the stack's parameters read, for any tenant: what a deploy needs set. */
  public Set<String> variables(List<Tenant> tenants, String stack) {
    Set<String> out = new java.util.TreeSet<>();
    for (Tenant tenant : tenants) {
      given(tenant, stack).values().forEach(v -> {
        Matcher m = ENV.matcher(v);
        while (m.find()) {
          out.add(m.group(1));
        }
      });
    }
    return out;
  }

  private static final String SHORT_FIX = "give it a value of at least " + Secrets.MIN_LENGTH + " characters";

  private static String tooShort(Tenant tenant, String stack, String name) {
    return "tenant " + tenant.name() + ", stack " + stack + ": secret parameter " + name + " is shorter than "
        + Secrets.MIN_LENGTH + " characters, too short to be masked in output, so it is refused";
  }

  /** Where the parameter's value is written: the tenant's manifest when it sets it, else the fleet file. */
  private String where(Tenant tenant, String stack, String name) {
    if (tenant.parameters().getOrDefault(stack, Map.of()).containsKey(name)) {
      return Positions.of(tenant.source().file(), fleet.templateRoot(), "parameters", stack, name);
    }
    return Positions.of(fleet.source().file(), fleet.templateRoot(), "stacks", stack, "parameters", name);
  }

  private Set<String> secretNames(String stack, StackTemplate template) {
    Set<String> names = new HashSet<>(template.secretParameters());
    names.addAll(definition(stack).secretParameters());
    return names;
  }

  /** The value with every {@code ${env:NAME}} replaced; empty when a variable is not set. */
  private Optional<String> resolve(String value) {
    Matcher m = ENV.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        return Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
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
