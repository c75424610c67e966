package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.TenantCtl;
import io.tenantctl.app.Launch;
import io.tenantctl.app.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Every command's options and defaults, parsed without running anything. */
class CommandParseTest {
  private final Launch launch = new Launch(Map.of(), s -> {
    throw new AssertionError("parsing must not reach the cloud");
  });

  private <T> T parse(Class<T> type, String... args) {
    CommandLine cli = TenantCtl.commandLine(launch);
    var parsed = cli.parseArgs(args);
    var sub = parsed.subcommand();
    return type.cast(sub.commandSpec().userObject());
  }

  private Settings settings(String... args) {
    CommandLine cli = TenantCtl.commandLine(launch);
    var parsed = cli.parseArgs(args);
    return GlobalOptions.of(parsed.subcommand().commandSpec()).settings();
  }

  @Test
  void globalDefaults() {
    var s = settings("status");
    assertEquals(Path.of("fleet.yaml"), s.fleetFile());
    assertEquals(Path.of("tenants"), s.tenantsDir());
    assertEquals(Optional.empty(), s.region());
    assertEquals(Optional.empty(), s.profile());
    assertEquals(Optional.empty(), s.endpoint());
    assertFalse(s.local());
    assertFalse(s.verbose());
    assertEquals(OptionalInt.empty(), s.concurrency());
    assertEquals(Optional.empty(), s.stateDir());
  }

  @Test
  void globalOptionsBeforeOrAfterTheCommandNameReachTheSameSettings() {
    var before = settings("--fleet", "f.yaml", "--tenants", "t", "--region", "eu-west-1", "--profile", "mgmt",
        "--endpoint-url", "http://127.0.0.1:4566", "--local", "--verbose", "status");
    var after = settings("status", "--fleet", "f.yaml", "--tenants", "t", "--region", "eu-west-1", "--profile", "mgmt",
        "--endpoint-url", "http://127.0.0.1:4566", "--local", "--verbose");
    for (var s : List.of(before, after)) {
      assertEquals(Path.of("f.yaml"), s.fleetFile());
      assertEquals(Path.of("t"), s.tenantsDir());
      assertEquals(Optional.of("eu-west-1"), s.region());
      assertEquals(Optional.of("mgmt"), s.profile());
      assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), s.endpoint());
      assertTrue(s.local());
      assertTrue(s.verbose());
    }
  }

  @Test
  void outputFormat() {
    CommandLine cli = TenantCtl.commandLine(launch);
    var parsed = cli.parseArgs("status", "--output", "json");
    assertTrue(GlobalOptions.of(parsed.subcommand().commandSpec()).json());
    assertThrows(ParameterException.class, () -> TenantCtl.commandLine(launch).parseArgs("status", "--output", "xml"));
  }

  @Test
  void create() {
    var c = parse(CreateCommand.class, "create", "acme", "globex");
    assertEquals(List.of("acme", "globex"), c.names);
    assertFalse(c.all);
    assertEquals(OptionalInt.empty(), c.concurrency.apply(Settings.of(Path.of("f"), Path.of("t"))).concurrency());
    var all = parse(CreateCommand.class, "create", "--all", "--concurrency", "3");
    assertTrue(all.all);
    assertEquals(OptionalInt.of(3), all.concurrency.apply(Settings.of(Path.of("f"), Path.of("t"))).concurrency());
  }

  @Test
  void concurrencyOutOfRangeIsAUsageError() {
    var e = assertThrows(ParameterException.class,
        () -> TenantCtl.commandLine(launch).parseArgs("create", "--all", "--concurrency", "0"));
    assertTrue(e.getMessage().contains("--concurrency must be between 1 and 100"), e.getMessage());
    assertThrows(ParameterException.class,
        () -> TenantCtl.commandLine(launch).parseArgs("up", "--concurrency", "101"));
  }

  @Test
  void up() {
    var u = parse(UpCommand.class, "up");
    assertFalse(u.createOrganization);
    assertTrue(parse(UpCommand.class, "up", "--create-organization").createOrganization);
  }

  @Test
  void bootstrap() {
    assertFalse(parse(BootstrapCommand.class, "bootstrap").createOrganization);
    assertTrue(parse(BootstrapCommand.class, "bootstrap", "--create-organization").createOrganization);
  }

  @Test
  void deployAndDiffTakeOneTenantAndAnOptionalStack() {
    var d = parse(DeployCommand.class, "deploy", "acme");
    assertEquals("acme", d.target.tenant);
    assertEquals(Optional.empty(), d.target.stack());
    assertFalse(d.force);
    var forced = parse(DeployCommand.class, "deploy", "acme", "--stack", "app", "--force");
    assertEquals(Optional.of("app"), forced.target.stack());
    assertTrue(forced.force);
    assertEquals(Optional.of("app"), parse(DiffCommand.class, "diff", "acme", "--stack", "app").target.stack());
    assertThrows(ParameterException.class, () -> TenantCtl.commandLine(launch).parseArgs("deploy"));
  }

  @Test
  void statusAndAuditTakeAnyNumberOfTenants() {
    assertEquals(List.of(), parse(StatusCommand.class, "status").names);
    assertEquals(List.of("acme", "globex"), parse(StatusCommand.class, "status", "acme", "globex").names);
    assertEquals(List.of(), parse(AuditCommand.class, "audit").names);
    assertEquals(List.of("acme"), parse(AuditCommand.class, "audit", "acme").names);
  }

  @Test
  void emulatorTakesOneAction() {
    assertEquals(EmulatorCommand.Action.stop, parse(EmulatorCommand.class, "emulator", "stop").action);
    assertThrows(ParameterException.class, () -> TenantCtl.commandLine(launch).parseArgs("emulator", "restart"));
  }

  /** The deepest command a parse reached (rollout start, dev up), where {@link #parse} stops at the first. */
  private <T> T parseNested(Class<T> type, String... args) {
    var parsed = TenantCtl.commandLine(launch).parseArgs(args);
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return type.cast(parsed.commandSpec().userObject());
  }

  @Test
  void devUpDownAndExtendTakeTheOwnerAsAnArgumentOrAsOwner() {
    assertEquals(Optional.of("alice"), parseNested(DevUpCommand.class, "dev", "up", "alice").owner.name());
    assertEquals(Optional.of("alice"), parseNested(DevUpCommand.class, "dev", "up", "--owner", "alice").owner.name());
    assertEquals(Optional.of("alice"), parseNested(DevUpCommand.class, "dev", "up", "alice", "--owner", "alice")
        .owner.name());
    assertEquals(Optional.empty(), parseNested(DevUpCommand.class, "dev", "up", "--ttl", "2h").owner.name());
    assertEquals("2h", parseNested(DevUpCommand.class, "dev", "up", "alice", "--ttl", "2h").ttl);
    var two = parseNested(DevUpCommand.class, "dev", "up", "alice", "--owner", "bob");
    var e = assertThrows(io.tenantctl.core.Fault.class, () -> two.owner.name());
    assertEquals(2, e.exitCode().code());
    assertEquals(Optional.of("bob"), parseNested(DevDownCommand.class, "dev", "down", "bob").owner.name());
    assertEquals(Optional.of("bob"), parseNested(DevExtendCommand.class, "dev", "extend", "bob", "--ttl", "1h")
        .owner.name());
    assertThrows(ParameterException.class, () -> TenantCtl.commandLine(launch).parseArgs("dev", "up", "a", "b"));
  }

  @Test
  void rolloutStartSelectsWithSelectAndConfirmsThroughTheConfirmMixin() {
    var start = parseNested(RolloutStartCommand.class, "rollout", "start", "--stack", "app", "--select",
        "tier=enterprise", "--dry-run", "--yes");
    assertEquals("tier=enterprise", start.select);
    assertTrue(start.confirm.dryRun() && start.confirm.yes);
    assertEquals(null, parseNested(RolloutStartCommand.class, "rollout", "start", "--stack", "app").select);
  }
}
