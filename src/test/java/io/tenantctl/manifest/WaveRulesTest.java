package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waves as the rollout reads them: tolerance forms, gates, what a halt does, and membership by selector. */
class WaveRulesTest {

  @TempDir Path dir;

  private static final String WAVES = """
      onHalt: rollback
      waves:
        - name: canary
          concurrency: 1
          tolerance: 0
          bake: 10m
          gate: { alarms: [app-5xx, app-latency], alarmPrefix: "tenant-", production: true }
          onHalt: stop
          selector: { tier: canary }
        - name: general
          concurrency: 20
          tolerance: "10%"
      """;

  private MiniRepo repo() {
    String fleet = MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("waves:")) + WAVES;
    return new MiniRepo(dir).fleet(fleet);
  }

  @Test
  void waveSettingsLoad() {
    Fleet fleet = repo().load().fleet();
    Fleet.Wave canary = fleet.waves().get(0);
    assertEquals(Fleet.Tolerance.count(0), canary.tolerance());
    assertEquals(Optional.of(new Fleet.Gate(List.of("app-5xx", "app-latency"), Optional.of("tenant-"), true)),
        canary.gate());
    assertEquals(Fleet.OnHalt.STOP, canary.onHalt());
    assertEquals(Map.of("tier", "canary"), canary.selector());
    Fleet.Wave general = fleet.waves().get(1);
    assertEquals(Fleet.Tolerance.percent(10), general.tolerance());
    assertEquals("10%", general.tolerance().toString());
    assertEquals(Fleet.OnHalt.ROLLBACK, general.onHalt(), "the fleet-wide onHalt applies where the wave says none");
    assertEquals(Optional.empty(), general.gate());
  }

  @Test
  void aTenantWithoutAWaveJoinsTheOneWhoseSelectorMatches() {
    var loaded = repo().tenant("acme.yaml", "name: acme\nlabels: { tier: canary }\n")
        .tenant("globex.yaml", "name: globex\nwave: general\nlabels: { tier: canary }\n").load();
    assertEquals("canary", loaded.tenant("acme").orElseThrow().wave());
    assertEquals("general", loaded.tenant("globex").orElseThrow().wave(), "a wave named in the manifest wins");
  }

  @Test
  void aTenantNoSelectorMatchesIsRefusedWithTheFix() {
    String problems = repo().tenant("acme.yaml", "name: acme\nlabels: { tier: gold }\n").problems();
    assertTrue(problems.contains("tenants/acme.yaml:2:9: tenant names no wave, and no wave's selector matches its"
        + " labels {tier=gold}\n  fix: add wave: canary (one of: canary, general), or labels that one wave's"
        + " selector matches"), problems);
  }

  @Test
  void aTenantTwoSelectorsMatchIsRefusedNamingBoth() {
    String fleet = MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("waves:")) + WAVES
        + "    selector: { region: eu }\n";
    String problems = new MiniRepo(dir).fleet(fleet)
        .tenant("acme.yaml", "name: acme\nlabels: { tier: canary, region: eu }\n").problems();
    assertTrue(problems.contains("tenant names no wave, and the selectors of 2 waves match its labels")
        && problems.contains(": canary, general\n  fix: add wave: canary (or another) to the manifest, or narrow"
        + " the selectors in the fleet file so that one matches"), problems);
  }

  @Test
  void toleranceIsACountOrAPercent() {
    String fleet = MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("waves:")) + WAVES;
    String problems = new MiniRepo(dir).fleet(fleet.replace("\"10%\"", "\"ten\"")).problems();
    assertTrue(problems.contains("waves[1].tolerance \"ten\" is not a valid Tolerance\n  fix: how many tenants of"
        + " this wave may fail before it halts the rollout: a count (0 or more) or a percent of the wave's tenants,"
        + " rounded down, e.g. \"10%\""), problems);
  }

  @Test
  void onHaltIsStopOrRollback() {
    String problems = new MiniRepo(dir).fleet(MiniRepo.FLEET.substring(0, MiniRepo.FLEET.indexOf("waves:"))
        + WAVES.replace("onHalt: stop", "onHalt: revert")).problems();
    assertTrue(problems.contains("waves[0].onHalt \"revert\" is not one of: stop, rollback"), problems);
  }
}
