package io.tenantctl.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountDirectoryTest {
  @Test
  void aLookupByTagReadsEachAccountsTagsOnceInParallelAndFindsTheRightOne() {
    SimCloud sim = new SimCloud(SimConfig.seeded(3));
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      ids.put("t" + i, sim.addAccount("tenant-t" + i, "t" + i + "@example.com", "/",
          Map.of(AccountDirectory.TENANT_TAG, "t" + i)));
    }
    var directory = new AccountDirectory(sim.organization(), 8);
    int before = sim.calls("tags");

    for (int i = 0; i < 40; i++) {
      assertEquals(ids.get("t" + i), directory.byTenantTag("t" + i).orElseThrow().id());
    }
    assertTrue(directory.byTenantTag("nobody").isEmpty());
    assertEquals(41, sim.calls("tags") - before, "each account's tags read once (40 tenants and management)");
  }
}
