package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.sim.SimFleet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPlanTest {

  private static WavePlan wave(int tenants, Fleet.Tolerance tolerance, int concurrency) {
    return new WavePlan("general", IntStream.range(0, tenants).mapToObj(i -> "t" + i).toList(), concurrency,
        tolerance, Duration.ZERO, Optional.empty(), Fleet.OnHalt.STOP);
  }

  private static Fleet.Tolerance tolerance(String text) {
    return text.endsWith("%") ? Fleet.Tolerance.percent(Integer.parseInt(text.substring(0, text.length() - 1)))
        : Fleet.Tolerance.count(Integer.parseInt(text));
  }

  /** size, tolerance, tolerated, the failure that halts (0: none does). */
  @ParameterizedTest(name = "{0} tenants, tolerance {1}")
  @CsvSource({
      "1, 0, 0, 1",
      "40, 0, 0, 1",
      "40, 2, 2, 3",
      "3, 5, 5, 0",
      "40, 10%, 4, 5",
      "39, 10%, 3, 4",
      "9, 10%, 0, 1",
      "10, 10%, 1, 2",
      "7, 50%, 3, 4",
      "1, 99%, 0, 1",
      "40, 100%, 40, 0",
      "40, 0%, 0, 1",
      "1000, 1%, 10, 11",
  })
  void toleranceHaltsOnExactlyTheRightFailure(int size, String written, int tolerated, int haltsOn) {
    WavePlan plan = wave(size, tolerance(written), 10);
    assertEquals(tolerated, plan.tolerated());
    for (int failures = 0; failures <= size; failures++) {
      assertEquals(haltsOn != 0 && failures >= haltsOn, plan.halts(failures), failures + " failures");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "40 tenants, tolerance 10% → 4 failures tolerated, halts on the 5th; up to 9 more may already be in flight|40|10%|10",
      "1 tenant, tolerance 0 → 0 failures tolerated, halts on the 1st|1|0|1",
      "12 tenants, tolerance 2 → 2 failures tolerated, halts on the 3rd; up to 4 more may already be in flight|12|2|5",
      "3 tenants, tolerance 1 → 1 failure tolerated, halts on the 2nd; up to 1 more may already be in flight|3|1|20",
      "40 tenants, tolerance 100% → 40 failures tolerated: never halts on failures|40|100%|10",
      "20 tenants, tolerance 10 → 10 failures tolerated, halts on the 11th; up to 2 more may already be in flight|20|10|3",
  })
  void theArithmeticIsSpelledOut(String expected, int size, String written, int concurrency) {
    assertEquals(expected, wave(size, tolerance(written), concurrency).arithmetic());
  }

  @Test
  void tenantsAreGroupedIntoTheFleetsWavesInOrder() {
    var m = SimFleet.samples();
    RolloutPlan plan = RolloutPlan.of(m.fleet(), m.tenants(), "app", TenantSelector.ALL, false);
    assertEquals(List.of("canary", "early", "general"), plan.waves().stream().map(WavePlan::name).toList());
    assertEquals(List.of(List.of("acme"), List.of("globex"), List.of("initech")),
        plan.waves().stream().map(WavePlan::tenants).toList());
    assertEquals(3, plan.tenantCount());
  }

  @Test
  void theSelectorPicksTenantsByLabelAndEmptyWavesAreLeftOut() {
    var m = SimFleet.samples();
    RolloutPlan plan = RolloutPlan.of(m.fleet(), m.tenants(), "app", TenantSelector.parse("tier=standard"), false);
    assertEquals(List.of("early", "general"), plan.waves().stream().map(WavePlan::name).toList());
    Fault none = assertThrows(Fault.class, () -> RolloutPlan.of(m.fleet(), m.tenants(), "app",
        TenantSelector.parse("tier=gold"), false));
    assertEquals("--select tier=gold matches no tenant", none.getMessage());
  }

  @Test
  void anUnknownStackOrAMalformedSelectorIsAUsageError() {
    var m = SimFleet.samples();
    Fault stack = assertThrows(Fault.class, () -> RolloutPlan.of(m.fleet(), m.tenants(), "ap", TenantSelector.ALL,
        false));
    assertEquals("no stack named ap in the fleet file", stack.getMessage());
    assertEquals(2, stack.exitCode().code());
    Fault selector = assertThrows(Fault.class, () -> TenantSelector.parse("tier"));
    assertEquals("--select tier: \"tier\" is not a label=value pair", selector.getMessage());
  }

  @Test
  void rollbackOnHaltComesFromTheWaveOrTheFlag() {
    WavePlan stop = wave(3, Fleet.Tolerance.count(0), 1);
    assertFalse(new RolloutPlan("app", "all tenants", List.of(stop), false).rollsBack(stop));
    assertTrue(new RolloutPlan("app", "all tenants", List.of(stop), true).rollsBack(stop));
    WavePlan rollback = new WavePlan("w", List.of("a"), 1, Fleet.Tolerance.count(0), Duration.ZERO,
        Optional.empty(), Fleet.OnHalt.ROLLBACK);
    assertTrue(new RolloutPlan("app", "all tenants", List.of(rollback), false).rollsBack(rollback));
  }

  @Test
  void selectorsMatchEveryLabel() {
    TenantSelector s = TenantSelector.parse("tier=enterprise, region=eu");
    assertTrue(s.matches(Map.of("tier", "enterprise", "region", "eu", "x", "y")));
    assertFalse(s.matches(Map.of("tier", "enterprise")));
    assertTrue(TenantSelector.ALL.matches(Map.of()));
    assertEquals("tier=enterprise,region=eu", s.toString());
  }
}
