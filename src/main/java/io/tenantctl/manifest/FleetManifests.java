package io.tenantctl.manifest;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A validated fleet file and all tenant manifests, tenants sorted by name. */
public record FleetManifests(Fleet fleet, List<Tenant> tenants) {

  public FleetManifests {
    tenants = tenants.stream().sorted(Comparator.comparing(Tenant::name)).toList();
  }

  public Optional<Tenant> tenant(String name) {
    return tenants.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
