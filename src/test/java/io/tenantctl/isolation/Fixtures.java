package io.tenantctl.isolation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts every isolation test uses. */
final class Fixtures {

  static final String MANAGEMENT = "999999999999";
  static final String PRODUCTION = "222222222222";
  static final String ACME = "333333333333";
  static final String GLOBEX = "444444444444";
  static final String TENANTS_OU_PATH = "o-abc123def4/r-ab12/ou-ab12-11111111/*";

  private Fixtures() {}

  static IsolationContext context() {
    return context(List.of(TENANTS_OU_PATH));
  }

  static IsolationContext context(List<String> tenantOrgPaths) {
    return new IsolationContext(Optional.of("o-abc123def4"), MANAGEMENT, PRODUCTION,
        Map.of(ACME, "acme", GLOBEX, "globex"), tenantOrgPaths);
  }
}
