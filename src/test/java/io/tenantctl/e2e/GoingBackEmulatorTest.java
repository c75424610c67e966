package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Going back to the version a stack was created with really puts it back, although moto keeps the stack's
 * creation-time fingerprint tag: by {@code deploy}, and by a halted rollout's rollback. Checked through the
 * emulator's own API: the stack's parameters and the SSM value the sample template writes.
 */
@EmulatorTest
class GoingBackEmulatorTest {
  private static final String[] TENANTS = {"acme", "globex", "initech"};
  @TempDir Path repo;
  Cli cli;

  @BeforeEach
  void fleetOn150(URI aws) throws Exception {
    cli = Cli.onSamples(repo);
    Path acme = repo.resolve("tenants/acme.yaml");
    // the canary follows the fleet's version
    Files.writeString(acme, Files.readString(acme).replace("parameters:\n  app:\n    AppVersion: \"1.0.0\"\n", ""));
    Path fleet = repo.resolve("fleet.yaml");
    String text = Files.readString(fleet);
    Files.writeString(fleet, text.substring(0, text.indexOf("waves:")) + """
        waves:
          - name: canary
            concurrency: 1
            tolerance: 0
          - name: early
            concurrency: 2
            tolerance: 0
          - name: general
            concurrency: 2
            tolerance: 0
            gate: { alarms: [app-5xx] }
        state:
          dir: .tenantctl
        """);
    release("1.5.0");
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    var created = cli.run(aws, "create", "--all", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
  }

  private void release(String version) throws Exception {
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replaceAll("AppVersion: \"[0-9.]+\"", "AppVersion: \""
        + version + "\""));
  }

  /** The version the tenant's app stack runs: its AppVersion parameter and the SSM value, which must agree. */
  private static String running(RawAws raw, String tenant) {
    String account = raw.accountsWithEmail("aws+" + tenant + "@example.com").get(0).id();
    var stack = raw.cfn(account).describeStacks(s -> s.stackName("tenantctl-" + tenant + "-app")).stacks().get(0);
    String parameter = stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion")).findFirst()
        .orElseThrow().parameterValue();
    Optional<String> ssm = raw.ssmParameter(account, "/tenantctl/" + tenant + "/app/version");
    assertEquals(Optional.of(parameter), ssm, tenant + ": the stack's parameter and the value it wrote agree");
    return parameter;
  }

  @Test
  void deployBackToTheCreationVersionRestoresIt(URI aws) throws Exception {
    for (String version : new String[] {"1.5.0", "1.6.0", "1.5.0"}) {
      release(version);
      var r = cli.run(aws, "deploy", "acme", "--stack", "app", "--yes");
      assertEquals(0, r.exitCode(), r::toString);
      try (var raw = new RawAws(aws)) {
        assertEquals(version, running(raw, "acme"), "after deploying " + version + ": " + r);
      }
    }
    var status = cli.run(aws, "status", "acme");
    assertTrue(!status.out().contains("outdated"), status::toString);
    var again = cli.run(aws, "deploy", "acme", "--stack", "app");
    assertTrue(again.out().contains("tenantctl-acme-app up to date"), again::toString);
  }

  @Test
  void aHaltedRolloutsRollbackPutsEveryChangedStackBack(URI aws) throws Exception {
    try (var raw = new RawAws(aws)) {
      String initech = raw.accountsWithEmail("aws+initech@example.com").get(0).id();
      var cw = raw.cloudwatch(initech);
      cw.putMetricAlarm(a -> a.alarmName("app-5xx").namespace("App").metricName("5xx").statistic(Statistic.SUM)
          .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
      var first = cli.run(aws, "rollout", "start", "--stack", "app", "--yes");
      assertEquals(0, first.exitCode(), first::toString);
      for (String t : TENANTS) {
        assertEquals("1.5.0", running(raw, t));
      }
      // the last wave's gate is red before it starts: the two waves before it changed their tenants
      cw.setAlarmState(s -> s.alarmName("app-5xx").stateValue(StateValue.ALARM).stateReason("5xx spike"));

      release("1.6.0");
      var halted = cli.run(aws, "rollout", "start", "--stack", "app", "--yes", "--rollback-on-halt");
      assertEquals(1, halted.exitCode(), halted::toString);
      assertTrue(halted.out().contains("halted and rolled back"), halted::toString);

      for (String t : TENANTS) {
        assertEquals("1.5.0", running(raw, t), t + " is back on 1.5.0: " + halted);
      }
    }
    var status = cli.run(aws, "rollout", "status");
    assertTrue(status.out().contains("rolled-back"), status::toString);
  }
}
