package io.tenantctl.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.sim.SimFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create --all with several tenants at once on the simulated cloud: what they share is handed out once. */
class BatchOnboardingSimTest {
  @TempDir Path state;

  @Test
  void tenantsVendingAtTheSameTimeNeverShareAPoolAccount() {
    // slow reads, so that every tenant looks at the pool before any has tagged its account
    var sim = new SimCloud(SimConfig.seeded(5).accountCreationPolls(1).roleNotAssumableFor(0)
        .latency("tags", Duration.ofMillis(15)).latency("parentOf", Duration.ofMillis(15)));
    var fleet = new SimFleet(sim, state);
    String first = sim.addAccount("pool-1", "pool-1@example.com", "/Pool", Map.of());
    String second = sim.addAccount("pool-2", "pool-2@example.com", "/Pool", Map.of());

    try (var services = fleet.services(3)) {
      var result = services.onboarding().onboard(services.tenants(List.of(), true), services.batch(), Progress.NONE);
      assertEquals(List.of(), result.failed(), () -> String.valueOf(result.failed()));
      Set<String> accounts = new HashSet<>();
      result.succeeded().forEach(o -> assertTrue(accounts.add(o.accountId()), "one account, two tenants: " + o));
      assertTrue(accounts.contains(first) && accounts.contains(second), "both pool accounts used: " + accounts);
      assertEquals(1, sim.calls("createAccount"), "the third tenant gets a new account: " + sim.calls());
      for (var o : result.succeeded()) {
        assertEquals(o.tenant(), sim.accountTags(o.accountId()).get(AccountDirectory.TENANT_TAG));
      }
    }
  }
}
