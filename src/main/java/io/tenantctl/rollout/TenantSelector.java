package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which tenants a rollout targets, by their labels: {@code tier=enterprise,region=eu} (all must match). */
public record TenantSelector(Map<String, String> labels) {

  public TenantSelector {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public static final TenantSelector ALL = new TenantSelector(Map.of());

  /** Parses {@code --select}; a malformed selector is a usage error. */
  public static TenantSelector parse(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw Fault.invalid("--select " + text + ": \"" + part.strip() + "\" is not a label=value pair",
            "write labels as key=value, several separated by commas, e.g. --select tier=enterprise,region=eu");
      }
      labels.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    return new TenantSelector(labels);
  }

  public boolean matches(Map<String, String> tenantLabels) {
    return labels.entrySet().stream().allMatch(e -> e.getValue().equals(tenantLabels.get(e.getKey())));
  }

  @Override
  public String toString() {
    return labels.isEmpty() ? "all tenants" : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(","));
  }
}
