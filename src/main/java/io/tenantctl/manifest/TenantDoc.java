package io.tenantctl.manifest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant manifest as written, after the schema check: a field is null when it was absent or invalid
 * (invalid values have been pruned and reported already).
 */
record TenantDoc(
    String name,
    Map<String, String> labels,
    AccountDoc account,
    String wave,
    List<String> regions,
    Map<String, Map<String, String>> parameters,
    Map<String, String> tags) {

  record AccountDoc(String email, String ou, String id) {}

  Optional<String> explicitEmail() {
    return Optional.ofNullable(account).map(AccountDoc::email);
  }

  Optional<String> ou() {
    return Optional.ofNullable(account).map(AccountDoc::ou);
  }

  Optional<String> accountId() {
    return Optional.ofNullable(account).map(AccountDoc::id);
  }

  /** The account e-mail with the fleet's default applied, when it can be known. */
  Optional<String> email(FleetDoc fleet) {
    return explicitEmail().or(() -> name == null || fleet == null ? Optional.empty() : fleet.emailFor(name));
  }

  /** The tenant record; only called when there were no problems at all. */
  Tenant toTenant(Fleet fleet, Path file) {
    Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
    if (parameters != null) {
      parameters.forEach((stack, values) -> overrides.put(stack, Map.copyOf(values)));
    }
    return new Tenant(
        name,
        labels == null ? Map.of() : labels,
        new Tenant.TenantAccount(
            explicitEmail().orElse(fleet.emailFor(name)),
            ou().orElse(fleet.organizationalUnits().tenants()),
            accountId()),
        wave != null ? wave : fleet.waves().stream().filter(w -> w.selects(labels == null ? Map.of() : labels))
            .findFirst().orElseThrow().name(),
        regions == null ? List.of(fleet.region()) : regions,
        overrides,
        tags == null ? Map.of() : tags,
        Source.of(file));
  }
}
