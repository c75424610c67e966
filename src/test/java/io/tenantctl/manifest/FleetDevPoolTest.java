package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet file's {@code pool:}, {@code dev:} and {@code accountQuota} sections. */
class FleetDevPoolTest {

  @TempDir Path dir;

  private MiniRepo with(String yaml) {
    return new MiniRepo(dir).fleetReplacing("region: us-east-1\n", "region: us-east-1\n" + yaml);
  }

  private static void assertProblem(String problems, String expected) {
    assertTrue(problems.contains(expected), () -> "expected:\n" + expected + "\nin:\n" + problems);
  }

  @Test
  void absentSectionsGetDefaults() {
    Fleet fleet = new MiniRepo(dir).load().fleet();
    assertEquals(new Fleet.Pool(0, 5), fleet.pool());
    assertEquals(Optional.empty(), fleet.accountQuota());
    assertEquals(List.of(fleet.baselineStack()), fleet.dev().stacks());
    assertEquals(Duration.ofHours(8), fleet.dev().defaultTtl());
    assertEquals(Duration.ofHours(72), fleet.dev().maxTtl());
    assertEquals(Fleet.Dev.Reuse.SAME_OWNER, fleet.dev().reuse());
  }

  @Test
  void sectionsAreRead() {
    Fleet fleet = with("accountQuota: 40\npool:\n  target: 4\n  maxCreatesPerRun: 2\ndev:\n  ttl:\n    default: 2h\n"
        + "    max: 12h\n  reuse: any-owner\n").load().fleet();
    assertEquals(new Fleet.Pool(4, 2), fleet.pool());
    assertEquals(Optional.of(40), fleet.accountQuota());
    assertEquals(Duration.ofHours(2), fleet.dev().defaultTtl());
    assertEquals(Duration.ofHours(12), fleet.dev().maxTtl());
    assertEquals(Fleet.Dev.Reuse.ANY_OWNER, fleet.dev().reuse());
  }

  @Test
  void theShippedSampleHasWorkingSections() {
    Fleet fleet = io.tenantctl.sim.SimFleet.samples().fleet();
    assertEquals(new Fleet.Pool(3, 3), fleet.pool());
    assertEquals(List.of("baseline"), fleet.dev().stacks());
    assertEquals(Map.of(), fleet.dev().parameters());
  }

  @Test
  void badValuesAreNamedWithFileAndLine() {
    assertProblem(with("pool:\n  target: -1\n").problems(), "fleet.yaml:");
    assertProblem(with("pool:\n  target: -1\n").problems(), "pool.target");
    assertProblem(with("dev:\n  stacks: [nosuch]\n").problems(),
        "dev.stacks: \"nosuch\" is not one of the stacks declared under stacks");
    assertProblem(with("dev:\n  ttl:\n    default: 9h\n    max: 4h\n").problems(),
        "dev.ttl.default (9h) is longer than dev.ttl.max (4h)");
    assertProblem(with("dev:\n  ttl:\n    default: soon\n").problems(), "dev.ttl.default");
    assertProblem(with("dev:\n  ttl:\n    max: 8761h\n").problems(),
        "fleet.yaml:17:10: dev.ttl.max 8761h is out of range: allowed 1s to 8760h (a year)\n  fix: use a time to live"
            + " within the range, e.g. 72h");
    assertProblem(with("dev:\n  ttl:\n    max: 9000000000000h\n").problems(), "dev.ttl.max 9000000000000h is out of range");
    assertProblem(with("dev:\n  ttl:\n    default: 0h\n").problems(), "dev.ttl.default 0h is out of range: allowed 1s");
    assertEquals(Duration.ofHours(8760), with("dev:\n  ttl:\n    max: 8760h\n").load().fleet().dev().maxTtl());
    assertProblem(with("dev:\n  reuse: anyone\n").problems(), "dev.reuse");
    assertProblem(with("dev:\n  guardrail: policies/none.json\n").problems(),
        "dev.guardrail: policy file policies/none.json does not exist");
    assertProblem(with("pool:\n  tagret: 3\n").problems(), "tagret");
  }
}
