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

  @Test
  void twoAccountsTaggedForOneTenantStopTheLookupNamingBoth() {
    SimCloud sim = new SimCloud(SimConfig.seeded(4));
    String first = sim.addAccount("tenant-acme", "aws+acme@example.com", "/", Map.of(AccountDirectory.TENANT_TAG, "acme"));
    String second = sim.addAccount("tenant-acme-2", "aws+acme2@example.com", "/",
        Map.of(AccountDirectory.TENANT_TAG, "acme"));

    var fault = org.junit.jupiter.api.Assertions.assertThrows(io.tenantctl.core.Fault.class,
        () -> new AccountDirectory(sim.organization()).byTenantTag("acme"));

    assertTrue(fault.getMessage().contains("tenant acme has 2 accounts tagged tenantctl:tenant=acme"), fault.getMessage());
    assertTrue(fault.getMessage().contains(first) && fault.getMessage().contains(second), fault.getMessage());
    assertTrue(fault.fix().orElseThrow().contains("remove the tag from the others"), fault.fix().toString());
  }

  @Test
  void anAccountCreatedOrTaggedDuringTheRunIsFoundOnceTheDirectoryIsToldItChanged() {
    SimCloud sim = new SimCloud(SimConfig.seeded(5));
    sim.addAccount("tenant-acme", "aws+acme@example.com", "/", Map.of(AccountDirectory.TENANT_TAG, "acme"));
    var directory = new AccountDirectory(sim.organization());
    assertTrue(directory.byTenantTag("globex").isEmpty());

    String globex = sim.addAccount("tenant-globex", "aws+globex@example.com", "/",
        Map.of(AccountDirectory.TENANT_TAG, "globex"));
    assertTrue(directory.byTenantTag("globex").isEmpty(), "the listing is read once per run");
    directory.changed(globex);

    assertEquals(globex, directory.byTenantTag("globex").orElseThrow().id());
    directory.forget();
    assertEquals(globex, directory.byTenantTag("globex").orElseThrow().id());
    assertTrue(directory.byTenantTag("acme").isPresent());
  }

  @Test
  void aRunThatLooksUpManyTenantsAsksTheIndexForAFewThenScansOnce() {
    SimCloud sim = new SimCloud(SimConfig.seeded(5));
    Map<String, String> where = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      where.put("t" + i, sim.addAccount("t" + i, "t" + i + "@example.com", "/", Map.of(AccountDirectory.TENANT_TAG,
          "t" + i)));
    }
    AccountIndex index = new AccountIndex() {
      @Override
      public java.util.Optional<String> accountOf(String tenant) {
        return java.util.Optional.ofNullable(where.get(tenant));
      }

      @Override
      public void remember(String tenant, String accountId) {
      }
    };
    var directory = new AccountDirectory(sim.organization(), 4, index);

    for (int i = 0; i < 8; i++) {
      assertEquals(where.get("t" + i), directory.byTenantTag("t" + i).orElseThrow().id());
    }

    assertEquals(AccountDirectory.INDEXED_PER_RUN, sim.calls("account"), "a DescribeAccount per indexed tenant only");
    assertEquals(1, sim.calls("accounts"), "then the organization is listed once");
  }
}
