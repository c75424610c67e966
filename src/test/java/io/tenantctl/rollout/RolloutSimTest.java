package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.sim.SimFleet;
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

/** Rollouts of the sample fleet's app stack on the simulated cloud, through the composition root. */
class RolloutSimTest {
  @TempDir Path state;
  @TempDir Path repo;

  private SimFleet fleet;
  private final VirtualTime time = new VirtualTime();

  @BeforeEach
  void onboarded() throws IOException {
    copy(Samples.DIR, repo);
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

  private RolloutPlan plan(Services s, boolean rollback) {
    return RolloutPlan.of(s.manifests().fleet(), s.manifests().tenants(), "app", TenantSelector.ALL, rollback);
  }

  private Rollout.Summary rollout(String id, boolean rollback) {
    Services s = services();
    return s.rollout("app", time).start(id, plan(s, rollback));
  }

  private void release(String version) throws IOException {
    for (Path file : new Path[] {repo.resolve("fleet.yaml"), repo.resolve("tenants/acme.yaml")}) {
      Files.writeString(file, Files.readString(file).replaceAll("AppVersion: \"[0-9.]+\"",
          "AppVersion: \"" + version + "\""));
    }
  }

  private String version(String tenant) {
    return services().rolloutStacks("app").current(tenant).parameters().get("AppVersion");
  }

  @Test
  void aTenantWhoseManifestWasRemovedBeforeAResumeIsSkippedByNameAndTheOthersGoOn() throws IOException {
    Services s = services();
    RolloutPlan plan = plan(s, false);
    Rollout dying = s.rollout("app", time).afterEachStep(e -> {
      if (e instanceof RolloutEvent.TenantDeployed d && d.tenant().equals("acme")) {
        throw new RolloutEngineTest.Crash();
      }
    });
    org.junit.jupiter.api.Assertions.assertThrows(RolloutEngineTest.Crash.class, () -> dying.start("r-1", plan));
    Files.delete(repo.resolve("tenants/initech.yaml"));
    services().state().locks().breakLock(Rollout.LOCK, io.tenantctl.state.Locks.Claimant.current("test"), "died");

    var summary = services().rollout("app", time).resume("r-1", false);

    assertEquals(RolloutState.DONE, summary.state());
    assertEquals(RolloutRecord.TenantState.SKIPPED, summary.record().tenant("initech"));
    assertEquals(java.util.Optional.of("the manifest of tenant initech was removed since the rollout started:"
        + " skipped"), summary.record().reason("initech"));
    assertEquals(RolloutRecord.TenantState.DEPLOYED, summary.record().tenant("globex"));
    assertEquals("1.0.0", version("globex"));
  }

  @Test
  void aRolloutDeploysEveryTenantAndAnUnchangedOneCostsOneReadEach() {
    // the sample waves have no gate
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    for (String t : new String[] {"acme", "globex", "initech"}) {
      assertEquals("1.0.0", version(t));
    }
    int before = fleet.cloud.calls("describe");
    var again = rollout("r-2", false);
    assertEquals(RolloutState.DONE, again.state());
    again.record().tenants().values().forEach(s -> assertEquals(RolloutRecord.TenantState.AT_TARGET, s));
    assertEquals(3, fleet.cloud.calls("describe") - before, "one read per tenant at the target");
    assertEquals(0, fleet.cloud.calls("executeChangeSet"));
  }

  @Test
  void aHaltWithRollbackPutsEveryChangedTenantBackOnItsPreviousTemplateAndParameters() throws IOException {
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    release("2.0.0");
    fleet.cloud.config().failResource("tenantctl-globex-app", "DeployedVersion", "queue limit exceeded");

    var summary = rollout("r-2", true);

    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    assertEquals("1.0.0", version("acme"), "the canary is back on its previous parameters");
    assertEquals("1.0.0", version("globex"));
    assertEquals("1.0.0", version("initech"));
    assertEquals(RolloutRecord.TenantState.WAITING, summary.record().tenant("initech"), "no later wave started");
    String reason = summary.record().reason("globex").orElseThrow();
    assertTrue(reason.contains("tenantctl-globex-app") && reason.contains("DeployedVersion")
        && reason.contains("queue limit exceeded"), reason);
    var previous = summary.record().previous("acme").orElseThrow();
    assertEquals("1.0.0", previous.parameters().get("AppVersion"));
    assertTrue(previous.template().startsWith("rollouts/r-2/templates/"), previous.template());
    var template = services().state().records().get(previous.template(), Rollout.PreviousTemplate.class)
        .orElseThrow();
    assertTrue(template.body().contains("DeployedVersion"));
    assertEquals(List.of(previous.template()), services().state().records().keys("rollouts/r-2/templates/"),
        "the tenants' common previous template is kept once");
  }

  @Test
  void aSecretParameterIsNeverJournalledAndARollbackPutsItBackFromThePlan() throws IOException {
    String secret = "s3cr3t-Pa55word-7f2c91";
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = repo.resolve("templates/app.yaml");
    // no NoEcho: CloudFormation would show the value, so tenantctl must mask it itself
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n", "  DbPassword:\n    Type: String\n"
        + "  AppVersion:\n"));
    Map<String, String> env = Map.of("DB_PASSWORD", secret);
    var settings = Settings.of(fleetFile, repo.resolve("tenants")).withPollDelay(Duration.ZERO).withStateDir(state);
    java.util.function.BiFunction<String, Boolean, Rollout.Summary> run = (id, rollback) -> {
      var s = new Services(settings, new Launch(env, x -> fleet.cloud), Progress.NONE);
      return s.rollout("app", time).start(id, plan(s, rollback));
    };
    assertEquals(RolloutState.DONE, run.apply("r-1", false).state());
    release("2.0.0");
    fleet.cloud.config().failResource("tenantctl-globex-app", "DeployedVersion", "queue limit exceeded");

    var summary = run.apply("r-2", true);

    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    var previous = summary.record().previous("acme").orElseThrow();
    assertEquals("****", previous.parameters().get("DbPassword"), "masked in the journal");
    String acme = fleet.cloud.accountsWithEmail("aws+acme@example.com").get(0).id();
    var stack = fleet.cloud.stack(acme, "us-east-1", "tenantctl-acme-app").orElseThrow();
    assertEquals("1.0.0", stack.parameters().get("AppVersion"));
    assertEquals(secret, stack.parameters().get("DbPassword"), "the rollback took the secret from the plan");
    try (var files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(f).contains(secret), "the secret is in " + f);
      }
    }
  }

  @Test
  void aRollbackOfAStackTheRolloutCreatedRemovesIt() {
    fleet.cloud.config().failResource("tenantctl-globex-app", "WorkQueue", "queue limit exceeded");
    var summary = rollout("r-1", true);
    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    assertFalse(services().rolloutStacks("app").current("acme").existed());
  }

  private void gateOnCanary() throws IOException {
    Path file = repo.resolve("fleet.yaml");
    String text = Files.readString(file);
    Files.writeString(file, text.replaceFirst("bake: 10m", "bake: 10m\n    gate: { alarms: [app-5xx] }"));
  }

  @Test
  void anAlarmGoingRedInTheCanaryAccountDuringTheBakeHaltsAndRollsTheCanaryBack() throws IOException {
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    gateOnCanary();
    release("2.0.0");
    String acme = services().rolloutStacks("app").places(java.util.List.of("acme")).get(0).account();
    fleet.cloud.config().alarms().clock(time::now).set(acme, "app-5xx", io.tenantctl.cloud.Alarms.State.OK)
        .at(time.now().plus(Duration.ofMinutes(4)), acme, "app-5xx", io.tenantctl.cloud.Alarms.State.ALARM);

    var summary = rollout("r-2", true);

    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    assertEquals("alarm in ALARM during the bake of wave canary: " + acme + "/app-5xx",
        summary.record().halt().orElseThrow().reason());
    assertEquals("1.0.0", version("acme"));
    assertEquals(RolloutRecord.TenantState.WAITING, summary.record().tenant("globex"));
    String report = RolloutReport.markdown(services().rollouts().journalOf("r-2"));
    assertTrue(report.contains("| canary | red | " + acme + "/app-5xx |"), report);
  }

  @Test
  void eachAccountsRoleIsCheckedOnceARunHoweverOftenTheGateReadsIt() throws IOException {
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    gateOnCanary();
    release("2.0.0");
    int before = fleet.cloud.calls("verify");
    String acme = services().rolloutStacks("app").places(List.of("acme")).get(0).account();
    assertEquals(before, fleet.cloud.calls("verify"), "where to read a gate needs no account opened");
    fleet.cloud.config().alarms().clock(time::now).set(acme, "app-5xx", io.tenantctl.cloud.Alarms.State.OK);

    int readsBefore = fleet.cloud.calls("describeAlarms");

    assertEquals(RolloutState.DONE, rollout("r-2", false).state());

    int reads = fleet.cloud.calls("describeAlarms") - readsBefore;
    assertTrue(reads > 10, "a 10-minute bake reads the gate every 30 s: " + reads);
    assertEquals(3, fleet.cloud.calls("verify") - before, "one role check per tenant account");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = io.tenantctl.cloud.Stacks.StackStatus.class,
      names = {"ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS"})
  void aStackLeftEmptyBeforeTheRolloutIsRemovedByItsRollbackNotRecreated(io.tenantctl.cloud.Stacks.StackStatus left)
      throws IOException {
    gateOnCanary();
    var acme = services().rolloutStacks("app").places(List.of("acme")).get(0);
    // what a failed first create, or a change set made and never executed, leaves: a stack with nothing deployed
    fleet.cloud.putStack(acme.account(), acme.region(), "tenantctl-acme-app", left,
        "Resources:\n  Old:\n    Type: AWS::SNS::Topic\n", Map.of(), Map.of());
    fleet.cloud.config().alarms().clock(time::now).set(acme.account(), "app-5xx", io.tenantctl.cloud.Alarms.State.OK)
        .at(time.now().plus(Duration.ofMinutes(4)), acme.account(), "app-5xx", io.tenantctl.cloud.Alarms.State.ALARM);

    var summary = rollout("r-1", true);

    assertEquals(RolloutState.ROLLED_BACK, summary.state());
    assertFalse(summary.record().previous("acme").orElseThrow().existed(), "nothing was deployed before");
    assertEquals(java.util.Optional.empty(), fleet.cloud.stackStatus(acme.account(), acme.region(),
        "tenantctl-acme-app"), "going back is no stack, not the empty one made again");
  }

  @Test
  void anAlarmAlreadyRedBlocksTheWaveAndAnUnreadableOneFailsClosed() throws IOException {
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    gateOnCanary();
    release("2.0.0");
    String acme = services().rolloutStacks("app").places(java.util.List.of("acme")).get(0).account();
    fleet.cloud.config().alarms().clock(time::now).set(acme, "app-5xx", io.tenantctl.cloud.Alarms.State.ALARM);
    var blocked = rollout("r-2", false);
    assertEquals(RolloutState.HALTED, blocked.state());
    assertEquals("alarms already in ALARM before wave canary started: " + acme + "/app-5xx",
        blocked.record().halt().orElseThrow().reason());
    assertEquals("1.0.0", version("acme"), "nothing changed");

    fleet.cloud.config().alarms().unreadable(acme);
    var unreadable = rollout("r-3", false);
    assertEquals(RolloutState.HALTED, unreadable.state());
    assertTrue(unreadable.record().halt().orElseThrow().reason().startsWith("the gate of wave canary cannot be read"),
        unreadable.record().halt().toString());
  }

  @Test
  void theGateReadsEachTenantsAlarmsInTheRegionItsStackLivesIn() throws IOException {
    Path acmeFile = repo.resolve("tenants/acme.yaml");
    Files.writeString(acmeFile, Files.readString(acmeFile) + "regions: [eu-west-1]\n");
    assertEquals(RolloutState.DONE, rollout("r-1", false).state());
    gateOnCanary();
    release("2.0.0");
    var place = services().rolloutStacks("app").places(List.of("acme")).get(0);
    assertEquals("eu-west-1", place.region());
    fleet.cloud.config().alarms().clock(time::now)
        .at(java.time.Instant.EPOCH, place.account(), "us-east-1", "app-5xx", io.tenantctl.cloud.Alarms.State.OK)
        .at(java.time.Instant.EPOCH, place.account(), "eu-west-1", "app-5xx", io.tenantctl.cloud.Alarms.State.ALARM);

    var blocked = rollout("r-2", false);

    assertEquals(RolloutState.HALTED, blocked.state(), "the alarm next to acme's stack is red, not the one in the fleet's region");
    assertEquals("alarms already in ALARM before wave canary started: " + place.account() + "/app-5xx",
        blocked.record().halt().orElseThrow().reason());
    assertEquals("1.0.0", version("acme"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
