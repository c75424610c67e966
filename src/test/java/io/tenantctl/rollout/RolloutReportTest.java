package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.state.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown report, from a journal written by hand: times to the second, and how long each part took. */
class RolloutReportTest {
  private static final Instant T0 = Instant.parse("2026-11-23T14:12:00.123456789Z");
  private final List<Journal.Entry<RolloutEvent>> entries = new ArrayList<>();

  private void at(long millis, String key, RolloutEvent event) {
    entries.add(new Journal.Entry<>(entries.size() + 1, T0.plusMillis(millis), key, event));
  }

  @Test
  void theReportSaysWhenEachWaveAndTenantRanAndHowLongItTook() {
    var canary = new RolloutEvent.PlannedWave("canary", List.of("acme"), 1, "0", 0, Duration.ofMinutes(10), true,
        List.of("app-5xx"), "", false, false);
    var general = new RolloutEvent.PlannedWave("general", List.of("globex"), 20, "10%", 0, Duration.ZERO, false,
        List.of(), "", false, false);
    at(0, "plan", new RolloutEvent.Planned("r-20261123-1412-app", "app", "all tenants", List.of(canary, general),
        false, T0));
    at(10, "wave:canary", new RolloutEvent.WaveStarted("canary"));
    at(20, "tenant:acme", new RolloutEvent.TenantStarted("canary", "acme"));
    at(95_020, "tenant:acme", new RolloutEvent.TenantDeployed("acme", "deployed"));
    at(95_030, "wave:canary", new RolloutEvent.WaveDeployed("canary", 0));
    at(95_040, "bake:canary", new RolloutEvent.BakeStarted("canary", T0.plusSeconds(695)));
    at(95_050, "gate:canary", new RolloutEvent.GateVerdict("canary", "green", List.of(), ""));
    at(695_100, "bake:canary", new RolloutEvent.WaveBaked("canary"));
    at(695_200, "wave:general", new RolloutEvent.WaveStarted("general"));
    at(695_300, "tenant:globex", new RolloutEvent.TenantStarted("general", "globex"));
    at(695_700, "tenant:globex", new RolloutEvent.TenantAtTarget("globex"));

    String report = RolloutReport.markdown(entries);

    assertTrue(report.contains("- started: 2026-11-23T14:12:00Z\n"), report);
    assertTrue(report.contains("- last step: 2026-11-23T14:23:35Z (11m35s after the start)\n"), report);
    assertTrue(report.contains("| canary | 1 | 1 | 0 (0 tolerated) | 10m | 1 | 0 | 0 | 0 | 11m35s |"), report);
    assertTrue(report.contains("| general | 1 | 20 | 10% (0 tolerated) | - | 0 | 1 | 0 | 0 | 0.5s |"), report);
    assertTrue(report.contains("| acme | canary | deployed | 2026-11-23T14:12:00Z | 2026-11-23T14:13:35Z | 1m35s |"),
        report);
    assertTrue(report.contains("| globex | general | at target | 2026-11-23T14:23:35Z | 2026-11-23T14:23:35Z | 0.4s |"),
        report);
    assertTrue(report.contains("| 2026-11-23T14:13:35Z | canary | green | - |"), report);
  }

  @Test
  void durationsReadAsAnOperatorWouldSayThem() {
    assertEquals("0.4s", RolloutReport.took(T0, T0.plusMillis(400)));
    assertEquals("42s", RolloutReport.took(T0, T0.plusSeconds(42)));
    assertEquals("3m05s", RolloutReport.took(T0, T0.plusSeconds(185)));
    assertEquals("1h02m", RolloutReport.took(T0, T0.plusSeconds(3720)));
    assertEquals("0.0s", RolloutReport.took(T0, T0.minusSeconds(1)), "never negative");
  }
}
