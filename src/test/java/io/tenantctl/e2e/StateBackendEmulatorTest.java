package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.cloud.aws.AwsSettings;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The DynamoDB state backend through the CLI on moto: state init, check and migrate, then a rollout resumed from the table. */
@EmulatorTest
class StateBackendEmulatorTest {
  @TempDir Path repo;

  private void state(String yaml) throws Exception {
    Path file = repo.resolve("fleet.yaml");
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.indexOf("state:")) + "state:\n" + yaml
        + text.substring(text.indexOf("state:") + "state:\n  dir: .tenantctl\n".length()));
  }

  private static <T> T withDynamoDb(URI aws, java.util.function.Function<DynamoDbClient, T> use) {
    try (var cloud = new AwsCloud(AwsSettings.of("us-east-1", Optional.empty(), Optional.of(aws)))) {
      return use.apply(cloud.dynamoDb("us-east-1"));
    }
  }

  @Test
  void initShowsItsPlanNeedsYesWithoutATerminalThenCheckPassesOnTheTestEmulator(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    state("  backend: dynamodb\n  table: team-state\n  dir: .tenantctl\n");

    var refused = cli.run(aws, "state", "init");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("! create the DynamoDB table team-state (keys pk (string, partition key) and sk"
        + " (string, sort key), billed on demand)"), refused::toString);
    assertTrue(refused.err().contains("pass --yes"), refused::toString);
    boolean made = withDynamoDb(aws, c -> c.listTables().tableNames().contains("team-state"));
    assertFalse(made, "nothing was created");

    var created = cli.run(aws, "state", "init", "--pitr", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    var table = withDynamoDb(aws, c -> c.describeTable(r -> r.tableName("team-state")).table());
    assertEquals("PAY_PER_REQUEST", table.billingModeSummary().billingModeAsString());
    var again = cli.run(aws, "state", "init");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains("the state table team-state is ready: keys pk (string, partition key) and sk"
        + " (string, sort key), billing pay_per_request, point-in-time recovery on"), again::toString);

    var check = cli.run(aws, "state", "check");
    assertEquals(0, check.exitCode(), check::toString);
    assertTrue(check.out().contains("the state table team-state enforces conditional writes"), check::toString);
  }

  @Test
  void aTableWithOtherKeysIsRefusedNamingItAndNothingIsWritten(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    withDynamoDb(aws, c -> c.createTable(r -> r.tableName("orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))));
    state("  backend: dynamodb\n  table: orders\n  dir: .tenantctl\n");

    for (String[] command : new String[][] {{"state", "init", "--yes"}, {"state", "check"}, {"rollout", "ls"}}) {
      var r = cli.run(aws, command);
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains("the table orders has the keys id (S, HASH); tenantctl's state needs pk (string,"
          + " partition key) and sk (string, sort key); nothing was written"), r::toString);
      assertTrue(r.err().contains("name another table in state.table"), r::toString);
    }
    int items = withDynamoDb(aws, c -> c.scan(s -> s.tableName("orders")).count());
    assertEquals(0, items);
  }

  @Test
  void aRolloutHaltedOnLocalFilesIsMigratedThenRolledBackFromTheTable(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    try (Stream<Path> old = Files.list(repo.resolve("tenants"))) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    Files.writeString(repo.resolve("tenants/t01.yaml"), "name: t01\nwave: canary\n");
    Files.writeString(repo.resolve("tenants/t02.yaml"), "name: t02\nwave: general\n");
    Path fleet = repo.resolve("fleet.yaml");
    String text = Files.readString(fleet);
    Files.writeString(fleet, text.substring(0, text.indexOf("waves:")) + """
        waves:
          - name: canary
            concurrency: 1
            tolerance: 0
          - name: general
            concurrency: 1
            tolerance: 0
        state:
          dir: .tenantctl
        """);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "--all", "--yes").exitCode());
    assertEquals(0, cli.run(aws, "rollout", "start", "--stack", "app", "--yes").exitCode());
    // moto keeps a stack's tags through a change set, so its fingerprint tag stays that of the version it was
    // created with: the version rolled back to must be another one
    release("2.0.0");
    assertEquals(0, cli.run(aws, "rollout", "start", "--stack", "app", "--yes").exitCode());
    Files.writeString(fleet, Files.readString(fleet).replace("    tolerance: 0\n  - name: general",
        "    tolerance: 0\n    bake: 40s\n    gate: { alarms: [app-5xx] }\n  - name: general"));
    try (var raw = new RawAws(aws)) {
      String canary = raw.accountsWithEmail("aws+t01@example.com").get(0).id();
      var cw = raw.cloudwatch(canary);
      cw.putMetricAlarm(a -> a.alarmName("app-5xx").namespace("App").metricName("5xx").statistic(Statistic.SUM)
          .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
      cw.setAlarmState(s -> s.alarmName("app-5xx").stateValue(StateValue.OK).stateReason("quiet"));
      release("3.0.0");
      AtomicReference<Cli.Result> halted = new AtomicReference<>();
      Thread run = new Thread(() -> halted.set(cli.run(aws, "rollout", "start", "--stack", "app", "--yes")));
      run.start();
      waitForBake();
      cw.setAlarmState(s -> s.alarmName("app-5xx").stateValue(StateValue.ALARM).stateReason("5xx spike"));
      run.join(120_000);
      assertEquals(1, halted.get().exitCode(), halted.get()::toString);
      assertEquals("3.0.0", appVersion(raw, canary), "the halted rollout left the canary on the new version");

      // the team moves to the table: the local state is copied, then set aside
      state("  backend: dynamodb\n  table: team-state\n  dir: .tenantctl\n");
      assertEquals(0, cli.run(aws, "state", "init", "--yes").exitCode());
      var migrated = cli.run(aws, "state", "migrate", "--to", "dynamodb");
      assertEquals(0, migrated.exitCode(), migrated::toString);
      assertTrue(migrated.out().startsWith("copied "), migrated::toString);
      assertFalse(migrated.out().startsWith("copied 0 "), migrated::toString);
      // the rollout's listing and previous templates, and the tenant registry's record of each tenant
      assertTrue(migrated.out().contains(" and 7 records into the state table"), migrated::toString);
      var twice = cli.run(aws, "state", "migrate", "--to", "dynamodb");
      assertEquals(0, twice.exitCode(), twice::toString);
      assertTrue(twice.out().startsWith("copied 0 journal entries of "), twice::toString);
      assertTrue(twice.out().contains(" and 0 records into the state table"), twice::toString);
      Files.move(repo.resolve(".tenantctl/state"), repo.resolve("set-aside"));

      var listed = cli.run(aws, "rollout", "ls");
      assertEquals(0, listed.exitCode(), listed::toString);
      String id = listed.out().lines().filter(l -> l.contains("halted")).findFirst()
          .orElseThrow(() -> new AssertionError(listed.toString()))
          .trim().split("\\s+")[0];
      var resumed = cli.run(aws, "rollout", "resume", id, "--rollback-on-halt");
      assertTrue(resumed.out().contains("rolled back"), resumed::toString);
      assertEquals("2.0.0", appVersion(raw, canary), () -> "rolled back from the previous template kept in the table\n"
          + resumed + "\n" + halted.get() + "\n" + migrated);
      assertFalse(Files.exists(repo.resolve(".tenantctl/state")) && Files.list(repo.resolve(".tenantctl/state"))
          .findAny().isPresent(), "nothing was written to local state");
    }
  }

  private void release(String version) throws Exception {
    Path file = repo.resolve("fleet.yaml");
    Files.writeString(file, Files.readString(file).replaceAll("AppVersion: \"[0-9.]+\"", "AppVersion: \"" + version
        + "\""));
  }

  private static String appVersion(RawAws raw, String account) {
    var stack = raw.cfn(account).describeStacks(s -> s.stackName("tenantctl-t01-app")).stacks().get(0);
    return stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion")).findFirst().orElseThrow()
        .parameterValue();
  }

  /** Until the running rollout's journal says the canary bakes. */
  private void waitForBake() throws Exception {
    io.tenantctl.testing.JournalWatch.until(repo.resolve(".tenantctl"), "bake-started");
  }
}
