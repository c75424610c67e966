package io.tenantctl.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant, read from {@code tenants/<name>.yaml}. Defaults from the fleet are already applied:
 * {@code account.email}, {@code account.ou} and {@code regions} are never empty.
 *
 * @param parameters per stack name, the stack parameters that override the fleet's defaults
 * @param source     where the manifest came from, for messages
 */
public record Tenant(
    String name,
    Map<String, String> labels,
    TenantAccount account,
    String wave,
    List<String> regions,
    Map<String, Map<String, String>> parameters,
    Map<String, String> tags,
    Source source) {

  public Tenant {
    labels = Map.copyOf(labels);
    regions = List.copyOf(regions);
    parameters = Map.copyOf(parameters);
    tags = Map.copyOf(tags);
  }

  /** The first region is the tenant's home: the baseline stack lives there. */
  public String homeRegion() {
    return regions.get(0);
  }

  /** The tenant's account as the manifest describes it. */
  public record TenantAccount(String email, String ou, Optional<String> id) {}
}
