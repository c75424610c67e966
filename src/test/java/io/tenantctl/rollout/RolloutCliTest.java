package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenantctl rollout …} on the simulated cloud, through the whole CLI. */
class RolloutCliTest {
  @TempDir Path repo;
  private Cli cli;
  private SimFleet fleet;
  private SimCloud cloud;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void onboarded() throws Exception {
    cli = Cli.onSamples(repo);
    // wall-clock bakes: none here (virtual time is tested in RolloutEngineTest)
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s"));
    cloud = new SimCloud(SimConfig.seeded(21).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cli.withClouds(s -> cloud);
  }

  private Set<String> stateFiles() throws Exception {
    try (Stream<Path> walk = Files.walk(repo.resolve(".tenantctl"))) {
      Set<String> out = new HashSet<>();
      for (Path p : walk.toList()) {
        out.add(repo.relativize(p) + (Files.isRegularFile(p) ? " " + Files.size(p) : ""));
      }
      return out;
    }
  }

  @Test
  void aDryRunPrintsTheIdThenThePlanWithChangesAndWritesNothing() throws Exception {
    Set<String> before = stateFiles();
    var r = cli.run("rollout", "start", "--stack", "app", "--dry-run");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().matches("(?s)rollout r-\\d{8}-\\d{4}-app \\(dry run: nothing is written\\)\n.*"), r.out());
    assertTrue(r.out().contains("wave canary: acme\n  1 at once; 1 tenant, tolerance 0 → 0 failures tolerated,"
        + " halts on the 1st\n  bake none, gate none, on halt stop\n  0 already at the target (skipped at one read"
        + " each)\n    acme: tenantctl-acme-app new stack, 2 resources to add"), r.out());
    assertEquals(before, stateFiles(), "no journal, lock or record");
  }

  @Test
  void aDryRunsJsonPlanLinesCarryEachWavesGate() throws Exception {
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceFirst("bake: 0s",
        "bake: 0s\n    gate: { alarms: [app-5xx], alarmPrefix: app-, production: true }"));
    var r = cli.run("--output", "json", "rollout", "start", "--stack", "app", "--dry-run");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode canary = JSON.readTree(r.out().lines().toList().get(1));
    assertEquals("canary", canary.get("wave").asText());
    assertEquals("app-5xx", canary.get("gate").get("alarms").get(0).asText());
    assertEquals("app-", canary.get("gate").get("alarmPrefix").asText());
    assertTrue(canary.get("gate").get("production").asBoolean());
    JsonNode change = JSON.readTree(r.out().lines().toList().get(2));
    assertEquals("change", change.get("type").asText());
    assertEquals("acme", change.get("tenant").asText());
  }

  @Test
  void whileAnotherRolloutHoldsTheLockStartIsRefusedBeforeItReadsAnyTenant() {
    var holder = new io.tenantctl.state.Locks.Claimant("ops", "build-7", 4242, "rollout r-20261123-0900-app");
    fleet.state().locks().acquire(Rollout.LOCK, holder, Duration.ofMinutes(5));
    int reads = cloud.calls("describe");

    var r = cli.run("rollout", "start", "--stack", "app", "--yes");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("another rollout holds the fleet's lock: ops@build-7 (pid 4242) for rollout"
        + " r-20261123-0900-app since "), r.err());
    assertTrue(r.err().contains("tenantctl " + options() + " rollout unlock --force r-20261123-0900-app"), r.err());
    assertFalse(r.out().contains("wave canary"), "no plan shown: " + r.out());
    assertEquals(reads, cloud.calls("describe"), "no tenant's stack read");
  }

  @Test
  void statusAndResumeSayWhenTheProcessOfARolloutIsGoneAndHowToGoOn() throws Exception {
    // a rollout whose process died after its first step, its lock left behind
    RolloutPlan plan = new RolloutPlan("app", "all tenants", List.of(new WavePlan("canary", List.of("acme"), 1,
        io.tenantctl.manifest.Fleet.Tolerance.count(0), Duration.ZERO, java.util.Optional.empty(),
        io.tenantctl.manifest.Fleet.OnHalt.STOP)), false);
    Rollout died = new Rollout(fleet.state(), new FakeStacks(List.of("acme"), Duration.ZERO), HealthGate.NONE,
        new VirtualTime(), Progress.NONE).afterEachStep(e -> {
          throw new RolloutEngineTest.Crash();
        });
    org.junit.jupiter.api.Assertions.assertThrows(RolloutEngineTest.Crash.class, () -> died.start("r-1", plan));
    var me = io.tenantctl.state.Locks.Claimant.current("rollout r-1");

    var running = cli.run("rollout", "status", "r-1");
    assertTrue(running.out().startsWith("rollout r-1 of app: running; run by " + me.user() + "@" + me.host() + " (pid "
        + me.pid() + ") since "), running.out());

    // the same lock, held by a process of this host that has ended
    Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version").redirectErrorStream(true).start();
    ended.getInputStream().readAllBytes();
    ended.waitFor();
    fleet.state().locks().breakLock(Rollout.LOCK, me, "test");
    fleet.state().locks().acquire(Rollout.LOCK, new io.tenantctl.state.Locks.Claimant(me.user(), me.host(),
        ended.pid(), "rollout r-1"), Duration.ofMinutes(5));

    var gone = cli.run("rollout", "status", "r-1");
    assertTrue(gone.out().startsWith("rollout r-1 of app: running; its process (pid " + ended.pid() + " on "
        + me.host() + ") is gone: tenantctl " + options() + " rollout unlock --force r-1, then tenantctl " + options()
        + " rollout resume r-1"),
        gone.out());
    var json = JSON.readTree(cli.run("--output", "json", "rollout", "status", "r-1").out());
    assertEquals(ended.pid(), json.get("runner").get("pid").asLong());
    assertTrue(json.get("runner").get("ended").asBoolean());

    var refused = cli.run("rollout", "resume", "r-1");
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("rollout r-1 still holds the fleet's lock: " + me.user() + "@" + me.host()
        + " (pid " + ended.pid() + ")"), refused.err());
    assertTrue(refused.err().contains("that process is no longer running"), refused.err());
    assertTrue(refused.err().contains("tenantctl " + options() + " rollout unlock --force r-1 && tenantctl " + options()
        + " rollout resume r-1"),
        refused.err());

    var unlocked = cli.run("rollout", "unlock", "--force", "r-1");
    assertEquals(0, unlocked.exitCode(), unlocked.toString());
    assertTrue(unlocked.out().endsWith("resume with: tenantctl " + options() + " rollout resume r-1\n"),
        unlocked.out());
    var nobody = cli.run("rollout", "status", "r-1");
    assertTrue(nobody.out().startsWith("rollout r-1 of app: running; no process runs it: tenantctl " + options()
        + " rollout resume r-1"), nobody.out());
    var resumed = cli.run("rollout", "resume", "r-1");
    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertTrue(cli.run("rollout", "status", "r-1").out().startsWith("rollout r-1 of app: done\n"));
  }

  private static List<JsonNode> jsonLines(String text) {
    return text.lines().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + l, e);
      }
    }).toList();
  }

  /** What every fix repeats: the options Cli.run gives every command. */
  private String options() {
    return "--fleet " + repo.resolve("fleet.yaml") + " --tenants " + repo.resolve("tenants");
  }

  @Test
  void withoutATerminalStartRequiresYes() {
    var r = cli.run("rollout", "start", "--stack", "app");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("rollout start asks for confirmation, and there is no terminal to ask on"), r.err());
  }

  @Test
  void aRolloutStreamsJsonLinesCoveringEveryTenantAndIsListedAndShown() throws Exception {
    var r = cli.run("--output", "json", "rollout", "start", "--stack", "app", "--yes");
    assertEquals(0, r.exitCode(), r.toString());
    List<JsonNode> lines = jsonLines(r.out());
    assertEquals("rollout", lines.get(0).get("type").asText());
    String id = lines.get(0).get("id").asText();
    JsonNode canary = lines.get(1);
    assertEquals("type", canary.fieldNames().next(), "type first, as in every line");
    assertEquals("plan", canary.get("type").asText());
    assertEquals("canary", canary.get("wave").asText());
    assertEquals("acme", canary.get("tenants").get(0).asText());
    assertEquals("0", canary.get("tolerance").asText());
    assertEquals(0, canary.get("tolerated").asInt());
    assertTrue(canary.get("arithmetic").asText().endsWith("halts on the 1st"), canary.toString());
    assertEquals("PT0S", canary.get("bake").asText(), "bakes are made 0s above");
    assertTrue(canary.path("gate").isNull() || canary.path("gate").isMissingNode(), canary.toString());
    assertEquals("stop", canary.get("onHalt").asText());
    assertEquals(0, canary.get("atTarget").asInt());
    Set<String> done = new HashSet<>();
    lines.stream().filter(l -> l.get("type").asText().equals("tenantDone") && l.get("succeeded").asBoolean())
        .forEach(l -> done.add(l.get("subject").asText()));
    assertEquals(Set.of("acme", "globex", "initech"), done);
    assertEquals("done", lines.get(lines.size() - 1).get("state").asText());
    // stderr is progress as JSON lines too, the report's path among them
    List<JsonNode> progress = jsonLines(r.err());
    assertTrue(progress.stream().anyMatch(l -> l.get("type").asText().equals("tenantDone")), r.err());
    Path report = Path.of(progress.stream().filter(l -> l.get("type").asText().equals("report")).findFirst()
        .orElseThrow().get("report").asText());
    assertTrue(Files.readString(report).contains("# Rollout " + id), report.toString());
    Path picture = report.resolveSibling("rollout-" + id + ".html");
    assertEquals(picture.toString(), progress.stream().filter(l -> l.get("type").asText().equals("report"))
        .findFirst().orElseThrow().get("picture").asText(), r.err());
    assertTrue(Files.readString(picture).contains("data-tenant=\"globex\""), picture.toString());

    // written again, for any journalled rollout
    Files.delete(picture);
    var again = cli.run("rollout", "report", id);
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains("picture: " + picture), again.out());
    assertTrue(Files.readString(picture).contains("data-tenant=\"initech\" data-wave="), picture.toString());
    var unknown = cli.run("rollout", "report", "r-nope");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("no rollout r-nope"), unknown.toString());

    var ls = cli.run("--output", "json", "rollout", "ls");
    JsonNode listed = JSON.readTree(ls.out()).get(0);
    assertEquals(id, listed.get("id").asText());
    assertEquals("app", listed.get("stack").asText());
    assertEquals("done", listed.get("state").asText());
    assertTrue(listed.has("started"));

    var status = cli.run("rollout", "status");
    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.out().startsWith("rollout " + id + " of app: done"), status.out());
    assertEquals(3, status.out().lines().filter(l -> l.contains(" deployed")).count(), status.out());
  }

  @Test
  void selectSelectsByLabel() {
    var r = cli.run("rollout", "start", "--stack", "app", "--select", "tier=standard", "--dry-run");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("wave early: globex") && r.out().contains("wave general: initech")
        && !r.out().contains("acme"), r.out());
    assertFalse(r.err().contains("deprecated"), r.err());
  }

  @Test
  void theReadmesRolloutStartCommandsRunAsWritten() throws Exception {
    List<String> starts = Files.readAllLines(Cli.projectRoot().resolve("README.md")).stream()
        .filter(l -> l.startsWith("tenantctl rollout start ")).map(l -> l.replaceFirst("\\s+#.*", "")).toList();
    assertTrue(starts.stream().anyMatch(l -> l.contains("--select tier=enterprise")), starts.toString());
    for (String line : starts) {
      var r = cli.run(line.substring("tenantctl ".length()).split(" "));
      assertEquals(0, r.exitCode(), line + ": " + r);
      if (line.contains("--select tier=enterprise")) {
        assertTrue(r.out().contains("wave canary: acme") && !r.out().contains("globex"), line + ": " + r.out());
        assertTrue(r.out().contains(" done"), line + ": " + r.out());
      }
    }
  }

  @Test
  void theOlderTenantsSelectorStillSelectsAndSaysItIsDeprecated() {
    var r = cli.runRaw("--fleet", repo.resolve("fleet.yaml").toString(), "rollout", "start", "--stack", "app",
        "--tenants", "tier=standard", "--dry-run");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("wave early: globex") && r.out().contains("wave general: initech")
        && !r.out().contains("acme"), r.out());
    assertTrue(r.err().contains("warning: selecting tenants with --tenants KEY=VALUE is deprecated (--tenants names"
        + " the manifests' directory): use --select tier=standard"), r.err());

    var both = cli.runRaw("--fleet", repo.resolve("fleet.yaml").toString(), "rollout", "start", "--stack", "app",
        "--tenants", "tier=standard", "--select", "tier=standard", "--dry-run");
    assertEquals(2, both.exitCode(), both.toString());
  }

  @Test
  void atATerminalStartAsksAndANoStartsNothing() throws Exception {
    Set<String> before = stateFiles();
    var no = cli.answering("n").run("rollout", "start", "--stack", "app");
    assertEquals(1, no.exitCode(), no.toString());
    assertTrue(no.out().contains("wave canary: acme") && no.out().endsWith("not started\n"), no.out());
    Set<String> after = stateFiles();
    // the start took the fleet's lock before its plan, and let go of it when declined: the lock's file remains
    after.removeIf(f -> f.endsWith(".lock 0") || f.endsWith("/locks/rollout.json 23"));
    before.removeIf(f -> f.endsWith(".lock 0"));
    assertEquals(before, after, "no journal, lock or record");
    assertTrue(fleet.state().locks().current(Rollout.LOCK).isEmpty(), "the lock is free");

    var yes = cli.answering("y").run("rollout", "start", "--stack", "app");
    assertEquals(0, yes.exitCode(), yes.toString());
    assertTrue(yes.out().contains(" done"), yes.out());
  }
}
