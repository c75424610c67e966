package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.rollout.RolloutRecord.TenantState;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals saved from real runs of an earlier tenantctl (format 1, before the format was named in the journal),
 * replayed by today's code: their record, state and tenants read as they did, and a killed one resumes where it
 * stopped. A change that breaks a rollout in flight fails here.
 */
class JournalReplayTest {
  @TempDir Path dir;

  /** A copy of a saved state directory, {@code journal-format-1/<name>}: journal and records as they were written. */
  private StateStore saved(String name) throws Exception {
    Path from = resource("journal-format-1/" + name);
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return new FileStateStore(dir, new StateScope("o-test", "aws"));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(JournalReplayTest.class.getResource(name).toURI());
  }

  private static FakeStacks stacks(Map<String, String> versions) {
    FakeStacks stacks = new FakeStacks(List.copyOf(versions.keySet()), Duration.ZERO);
    stacks.versions.putAll(versions);
    return stacks;
  }

  @Test
  void aSavedRolledBackRolloutReadsAsItDidAndResumingItChangesNothing() throws Exception {
    StateStore state = saved("rolled-back");
    FakeStacks stacks = stacks(Map.of("c0", "v1", "e0", "v2", "e1", "v1", "e2", "v1", "g0", "v1", "g1", "v1"));
    Rollout rollouts = new Rollout(state, stacks, HealthGate.NONE, new VirtualTime(), Progress.NONE);
    String id = "r-20261123-1412-app";

    RolloutRecord r = rollouts.record(id);
    assertEquals(1, r.format());
    assertEquals(RolloutState.ROLLED_BACK, r.state());
    assertTrue(r.state().isTerminal());
    assertEquals(Map.of("c0", TenantState.RESTORED, "e0", TenantState.AT_TARGET, "e1", TenantState.RESTORED,
        "e2", TenantState.RESTORED, "g0", TenantState.WAITING, "g1", TenantState.WAITING), r.tenants());
    assertEquals("1 of 3 tenants of wave early failed; tolerance 0 allows 0", r.halt().orElseThrow().reason());
    assertEquals(List.of("c0", "e1", "e2"), r.changed());
    assertEquals(Optional.of("stack tenantctl-e2-app failed: UPDATE_ROLLBACK_COMPLETE: Bucket (AWS::S3::Bucket):"
        + " access denied"), r.reason("e2"));
    assertEquals(1, r.verdicts().size());
    assertEquals(RolloutState.ROLLED_BACK, rollouts.list().get(0).state());
    String report = RolloutReport.markdown(rollouts.journalOf(id));
    assertTrue(report.contains("- state: **rolled-back**"), report);
    assertTrue(report.contains("| early | 3 | 1 | 0 (0 tolerated) | - | 0 | 1 | 0 | 2 |"), report);

    var again = rollouts.resume(id, true);
    assertEquals(RolloutState.ROLLED_BACK, again.state());
    assertEquals(0, stacks.deploys.size() + stacks.restores.size(), "a finished rollout changes nothing");
  }

  @Test
  void aSavedRolloutKilledMidWaveResumesWhereItStoppedAndDeploysEachRemainingTenantOnce() throws Exception {
    StateStore state = saved("killed");
    // the world as the killed run left it: c0, e0 and g0 at the target, e1 failed
    FakeStacks stacks = stacks(Map.of("c0", "v2", "e0", "v2", "e1", "v1", "g0", "v2", "g1", "v1", "g2", "v1"));
    VirtualTime time = new VirtualTime();
    Rollout rollouts = new Rollout(state, stacks, HealthGate.NONE, time, Progress.NONE);
    String id = "r-20261124-0900-app";

    RolloutRecord before = rollouts.record(id);
    assertEquals(RolloutState.RUNNING, before.state());
    assertEquals(Map.of("c0", TenantState.DEPLOYED, "e0", TenantState.DEPLOYED, "e1", TenantState.FAILED,
        "g0", TenantState.DEPLOYED, "g1", TenantState.WAITING, "g2", TenantState.WAITING), before.tenants());
    assertTrue(before.waveBaked("early") && before.waveStarted("general") && !before.waveDeployed("general"));
    assertEquals("tier=gold", before.plan().selector());

    var summary = rollouts.resume(id, false);
    assertEquals(RolloutState.DONE, summary.state());
    assertEquals(Map.of("g1", 1, "g2", 1), Map.of("g1", stacks.deploys("g1"), "g2", stacks.deploys("g2")));
    assertEquals(2, stacks.deploys.size(), "only the tenants not yet done: " + stacks.deploys);
    assertEquals(List.of(), time.sleeps, "the early wave's bake was over: nothing to wait");
    RolloutRecord after = rollouts.record(id);
    assertEquals(RolloutState.DONE, after.state());
    assertEquals(TenantState.DEPLOYED, after.tenant("g2"));
    assertEquals(TenantState.FAILED, after.tenant("e1"));
    assertEquals(RolloutState.DONE, rollouts.list().get(0).state());
  }

  @Test
  void aJournalOfANewerFormatIsRefusedWithAClearMessageAndNothingIsWritten() throws Exception {
    StateStore state = saved("killed");
    Path journal = dir.resolve("journal/r-20261124-0900-app.jsonl");
    String text = Files.readString(journal).replace("\"type\":\"planned\",", "\"type\":\"planned\",\"format\":2,"
        + "\"somethingNew\":{\"a\":1},");
    Files.writeString(journal, text);
    FakeStacks stacks = stacks(Map.of("g1", "v1"));
    Rollout rollouts = new Rollout(state, stacks, HealthGate.NONE, new VirtualTime(), Progress.NONE);

    for (var attempt : List.<org.junit.jupiter.api.function.Executable>of(
        () -> rollouts.resume("r-20261124-0900-app", false), () -> rollouts.record("r-20261124-0900-app"),
        () -> rollouts.abort("r-20261124-0900-app", "ops"))) {
      Fault f = assertThrows(Fault.class, attempt);
      assertEquals(ExitCode.FAILED, f.exitCode());
      assertTrue(f.getMessage().contains("journalled by a newer tenantctl (journal format 2; this one reads up to 1)"),
          f.getMessage());
    }
    assertEquals(text, Files.readString(journal), "nothing appended");
    assertEquals(0, stacks.deploys.size());
    assertTrue(state.locks().current(Rollout.LOCK).isEmpty(), "the lock is released");
  }

  @Test
  void aNewJournalNamesItsFormat() throws Exception {
    StateStore state = new FileStateStore(dir, new StateScope("o-test", "aws"));
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(RolloutEngineTest.wave("canary", List.of("a"), 1,
        Fleet.Tolerance.count(0), Duration.ZERO, Optional.empty())), false);
    new Rollout(state, stacks(Map.of("a", "v1")), HealthGate.NONE, new VirtualTime(), Progress.NONE)
        .start("r-1", plan);
    String first = Files.readAllLines(dir.resolve("journal/r-1.jsonl")).get(0);
    assertTrue(first.contains("\"event\":{\"type\":\"planned\",\"format\":1,"), first);
  }
}
