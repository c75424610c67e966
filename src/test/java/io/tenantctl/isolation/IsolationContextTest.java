package io.tenantctl.isolation;

import static io.tenantctl.isolation.Fixtures.ACME;
import static io.tenantctl.isolation.Fixtures.MANAGEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolationContextTest {

  @Test
  void refusesProductionAsTheManagementAccount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new IsolationContext(Optional.empty(), MANAGEMENT, MANAGEMENT, Map.of(), List.of()));
    assertTrue(e.getMessage().contains("is the management account"));
  }

  @Test
  void refusesATenantThatIsProduction() {
    assertThrows(IllegalArgumentException.class, () -> new IsolationContext(Optional.empty(),
        MANAGEMENT, ACME, Map.of(ACME, "acme"), List.of()));
  }

  @Test
  void anOrgPathPatternIsWithinTheTenantsOnlyByALiteralPrefix() {
    IsolationContext context = Fixtures.context(List.of("o-abc123def4/r-ab12/ou-ab12-11111111"));

    assertEquals(List.of("o-abc123def4/r-ab12/ou-ab12-11111111/"), context.tenantOrgPaths());
    assertTrue(context.withinTenantOrgPaths("o-abc123def4/r-ab12/ou-ab12-11111111/*"));
    assertTrue(context.withinTenantOrgPaths("o-abc123def4/r-ab12/ou-ab12-11111111/ou-ab12-33333333/*"));
    assertFalse(context.withinTenantOrgPaths("o-abc123def4/r-ab12/ou-ab12-1111111*"));
    assertFalse(context.withinTenantOrgPaths("o-abc123def4/*/ou-ab12-11111111/*"));
  }
}
