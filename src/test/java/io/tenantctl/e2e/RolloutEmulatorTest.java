package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** 12 tenants in 3 waves rolled out on moto through the real SDK; a canary alarm halts and rolls back. */
@EmulatorTest
class RolloutEmulatorTest {
  @TempDir Path repo;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TENANTS = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("t%02d", i))
      .toList();

  private void fleet(String canaryExtra) throws Exception {
    Path file = repo.resolve("fleet.yaml");
    String text = Files.readString(file);
    text = text.substring(0, text.indexOf("waves:")) + """
        waves:
          - name: canary
            concurrency: 1
            tolerance: 0
        """ + canaryExtra + """
          - name: early
            concurrency: 3
            tolerance: 0
          - name: general
            concurrency: 4
            tolerance: "25%"
        state:
          dir: .tenantctl
        """;
    Files.writeString(file, text);
  }

  private void release(String version) throws Exception {
    Path file = repo.resolve("fleet.yaml");
    Files.writeString(file, Files.readString(file).replaceAll("AppVersion: \"[0-9.]+\"", "AppVersion: \"" + version
        + "\""));
  }

  @Test
  void twelveTenantsInThreeWavesThenACanaryAlarmHaltsAndRollsBack(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    // the sample fleet allows 10 accounts (the emulator has no Service Quotas): room for twelve tenants
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("accountQuota: \\d+", "accountQuota: 100"));
    try (Stream<Path> old = Files.list(repo.resolve("tenants"))) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    for (int i = 0; i < TENANTS.size(); i++) {
      String wave = i == 0 ? "canary" : i < 4 ? "early" : "general";
      Files.writeString(repo.resolve("tenants/" + TENANTS.get(i) + ".yaml"), "name: " + TENANTS.get(i) + "\nwave: "
          + wave + "\n");
    }
    fleet("");
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    var created = cli.run(aws, "create", "--all", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    assertEquals(0, cli.run(aws, "rollout", "start", "--stack", "app", "--yes").exitCode());

    release("2.0.0");
    var r = cli.run(aws, "--output", "json", "rollout", "start", "--stack", "app", "--yes");
    assertEquals(0, r.exitCode(), r::toString);
    Set<String> done = new HashSet<>();
    for (String line : r.out().lines().toList()) {
      JsonNode n = JSON.readTree(line);
      if (n.get("type").asText().equals("tenantDone") && n.get("succeeded").asBoolean()) {
        done.add(n.get("subject").asText());
      }
    }
    assertEquals(new HashSet<>(TENANTS), done, "the JSON lines cover every tenant");
    var status = cli.run(aws, "--output", "json", "rollout", "status");
    JsonNode tenants = JSON.readTree(status.out()).get("tenants");
    assertEquals(12, tenants.size());
    tenants.forEach(t -> assertEquals("deployed", t.get("state").asText(), t.toString()));
    String canary;
    try (var raw = new RawAws(aws)) {
      canary = raw.accountsWithEmail("aws+t01@example.com").get(0).id();
      for (String t : TENANTS) {
        String id = raw.accountsWithEmail("aws+" + t + "@example.com").get(0).id();
        var stack = raw.cfn(id).describeStacks(s -> s.stackName("tenantctl-" + t + "-app")).stacks().get(0);
        assertEquals("2.0.0", stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion"))
            .findFirst().orElseThrow().parameterValue(), t);
      }
      var cw = raw.cloudwatch(canary);
      cw.putMetricAlarm(a -> a.alarmName("app-5xx").namespace("App").metricName("5xx").statistic(Statistic.SUM)
          .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
      cw.setAlarmState(s -> s.alarmName("app-5xx").stateValue(StateValue.OK).stateReason("quiet"));

      fleet("    bake: 40s\n    gate: { alarms: [app-5xx] }\n");
      release("3.0.0");
      AtomicReference<Cli.Result> halted = new AtomicReference<>();
      Thread run = new Thread(() -> halted.set(cli.run(aws, "rollout", "start", "--stack", "app", "--yes",
          "--rollback-on-halt")));
      run.start();
      waitForBake();
      cw.setAlarmState(s -> s.alarmName("app-5xx").stateValue(StateValue.ALARM).stateReason("5xx spike"));
      run.join(120_000);
      var result = halted.get();
      assertEquals(1, result.exitCode(), result::toString);
      assertTrue(result.out().contains("halted and rolled back: alarm in ALARM during the bake of wave canary: "
          + canary + "/app-5xx"), result::toString);
      var stack = raw.cfn(canary).describeStacks(s -> s.stackName("tenantctl-t01-app")).stacks().get(0);
      assertEquals("2.0.0", stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion"))
          .findFirst().orElseThrow().parameterValue(), "the canary is back on its previous version");
      Path report = Path.of(result.err().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow()
          .substring("report: ".length()));
      String md = Files.readString(report);
      assertTrue(md.contains(canary + "/app-5xx") && md.contains("rolled-back"), md);
    }
  }

  /** Until the running rollout's journal says the canary bakes. */
  private void waitForBake() throws Exception {
    io.tenantctl.testing.JournalWatch.until(repo.resolve(".tenantctl"), "bake-started");
  }
}
