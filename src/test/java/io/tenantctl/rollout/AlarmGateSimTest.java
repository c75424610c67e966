package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate tells an alarm the rolled-out stack will create (its template declares it) from one that is missing: the
 * first does not fail the check before the wave and is found by the bake; the second halts, naming it and the fix.
 */
class AlarmGateSimTest {
  @TempDir Path state;
  @TempDir Path repo;

  private SimFleet fleet;
  private final VirtualTime time = new VirtualTime();

  @BeforeEach
  void onboarded() throws IOException {
    Cli.copy(Samples.fleet(), repo.resolve("fleet.yaml"));
    Cli.copyTree(Samples.tenants(), repo.resolve("tenants"));
    Cli.copyTree(Samples.templates(), repo.resolve("templates"));
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceFirst("bake: 10m",
        "bake: 10m\n    gate: { alarms: [app-5xx] }"));
    fleet = new SimFleet(new SimCloud(SimConfig.seeded(12).accountCreationPolls(1).roleNotAssumableFor(1)), state);
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
  }

  private Services services() {
    var settings = Settings.of(repo.resolve("fleet.yaml"), repo.resolve("tenants")).withPollDelay(Duration.ZERO)
        .withStateDir(state);
    return new Services(settings, new Launch(Map.of(), s -> fleet.cloud), Progress.NONE);
  }

  private Rollout.Summary rollout(String id) {
    Services s = services();
    return s.rollout("app", time).start(id, RolloutPlan.of(s.manifests().fleet(), s.manifests().tenants(), "app",
        TenantSelector.ALL, false));
  }

  private String acme() {
    return services().rolloutStacks("app").places(List.of("acme")).get(0).account();
  }

  private void declareAlarm() throws IOException {
    Path app = repo.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("Outputs:", "  ErrorAlarm:\n"
        + "    Type: AWS::CloudWatch::Alarm\n"
        + "    Properties:\n"
        + "      AlarmName: app-5xx\n"
        + "      Namespace: App\n"
        + "      MetricName: 5xx\n"
        + "      Statistic: Sum\n"
        + "      Period: 60\n"
        + "      EvaluationPeriods: 1\n"
        + "      Threshold: 1\n"
        + "      ComparisonOperator: GreaterThanOrEqualToThreshold\n"
        + "      TreatMissingData: notBreaching\n\nOutputs:"));
  }

  @Test
  void anAlarmTheStackDeclaresDoesNotFailTheCheckBeforeTheWaveAndTheBakeFindsItAfterTheDeploy() throws IOException {
    declareAlarm();
    String acme = acme();
    // the stack makes it: it is there a minute into the canary's bake
    fleet.cloud.config().alarms().clock(time::now).at(time.now().plus(Duration.ofMinutes(1)), acme, "app-5xx",
        Alarms.State.OK);

    var summary = rollout("r-1");

    assertEquals("done", summary.state().label(), () -> summary.record().halt().toString());
  }

  @Test
  void anAlarmTheStackDeclaresButNeverMadeHaltsWhenTheBakeEnds() throws IOException {
    declareAlarm();
    String acme = acme();

    var summary = rollout("r-1");

    assertEquals("halted", summary.state().label());
    assertEquals(RolloutRecord.TenantState.DEPLOYED, summary.record().tenant("acme"), "the wave was not blocked");
    String reason = summary.record().halt().orElseThrow().reason();
    assertTrue(reason.startsWith("the bake of wave canary ended with alarms in INSUFFICIENT_DATA: " + acme
        + "/app-5xx (not created yet: the template rolled out declares it"), reason);
  }

  @Test
  void aMissingAlarmHaltsNamingTheAlarmTheAccountAndTheFix() {
    String acme = acme();

    var summary = rollout("r-1");

    assertEquals("halted", summary.state().label());
    assertEquals(RolloutRecord.TenantState.WAITING, summary.record().tenant("acme"), "nothing changed");
    String reason = summary.record().halt().orElseThrow().reason();
    assertTrue(reason.contains("no such alarm: " + acme + "/app-5xx (account " + acme + " has no alarm app-5xx in"
        + " us-east-1: create it there, declare it in the stack's template, or take it out of the wave's gate"), reason);
    assertTrue(reason.contains("tenantctl --local emulator alarm " + acme + " app-5xx OK"), reason);
  }
}
