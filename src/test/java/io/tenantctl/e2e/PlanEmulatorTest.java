package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * create, deploy and up show their plan before they change anything; --dry-run stops there; a change that
 * cannot be undone needs a yes from a person at a terminal, or --yes where there is none.
 */
@EmulatorTest
class PlanEmulatorTest {
  @TempDir Path repo;
  Cli cli;

  @BeforeEach
  void samples() {
    cli = Cli.onSamples(repo);
  }

  private void bootstrap(URI aws) {
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
  }

  @Test
  void createDryRunShowsTheAccountToMakeAndItsStackAndWritesNothingAnywhere(URI aws) throws Exception {
    bootstrap(aws);
    var stateBefore = stateFiles();
    WireTap tap = new WireTap();

    var r = cli.tapped(tap).run(aws, "create", "acme", "--dry-run");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("acme: CREATE account tenant-acme <aws+acme@example.com>, in /Tenants/Enterprise;"
        + " tenantctl-acme-baseline: create (4 to add, 0 to modify, 0 to remove)"), r::toString);
    assertTrue(r.out().contains("+ TenantKey (AWS::KMS::Key)"), r::toString);
    assertTrue(r.out().contains("! creates account tenant-acme <aws+acme@example.com> for tenant acme"), r::toString);
    assertTrue(r.out().contains("dry run: nothing was changed"), r::toString);
    assertEquals(List.of(), tap.writes(), "no write on the wire: " + tap.calls());
    assertEquals(stateBefore, stateFiles(), "no state written, not even the journal");
    try (var raw = new RawAws(aws)) {
      assertEquals(List.of(), raw.accountsWithEmail("aws+acme@example.com"));
    }

    var json = new ObjectMapper().readTree(cli.run(aws, "create", "acme", "--dry-run", "--output", "json").out());
    var acme = json.get("tenants").get(0);
    assertEquals("CREATE", acme.get("account").asText(), json::toString);
    assertEquals("aws+acme@example.com", acme.get("email").asText());
    assertEquals("CREATE", acme.get("baseline").get("action").asText());
  }

  @Test
  void createOfANewAccountWithoutATerminalNeedsYes(URI aws) throws Exception {
    bootstrap(aws);
    WireTap tap = new WireTap();

    var refused = cli.tapped(tap).run(aws, "create", "acme");

    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("CREATE account tenant-acme <aws+acme@example.com>"), "the plan is shown: "
        + refused);
    assertTrue(refused.err().contains("no terminal to confirm that on; nothing was changed"), refused::toString);
    assertTrue(refused.err().contains("pass --yes to go ahead"), refused::toString);
    assertEquals(List.of(), tap.writes(), tap.calls()::toString);

    var created = cli.run(aws, "create", "acme", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals(1, raw.accountsWithEmail("aws+acme@example.com").size());
    }
    var again = cli.run(aws, "create", "acme");
    assertEquals(0, again.exitCode(), "an onboarded tenant needs no --yes: " + again);
    assertTrue(again.out().contains("acme: up to date"), again::toString);
  }

  @Test
  void atATerminalCreateAsksAndANoChangesNothing(URI aws) throws Exception {
    bootstrap(aws);

    var declined = cli.answering("n").run(aws, "create", "acme");
    assertEquals(1, declined.exitCode(), declined::toString);
    assertTrue(declined.err().contains("nothing was changed"), declined::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals(List.of(), raw.accountsWithEmail("aws+acme@example.com"));
    }

    var accepted = cli.answering("yes").run(aws, "create", "acme");
    assertEquals(0, accepted.exitCode(), accepted::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals(1, raw.accountsWithEmail("aws+acme@example.com").size());
    }
  }

  @Test
  void aDeployThatRemovesAResourceNeedsYesWithoutATerminalAndChangesNothingUntilThen(URI aws) throws Exception {
    bootstrap(aws);
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    assertEquals(0, cli.run(aws, "deploy", "acme").exitCode(), "adding stacks needs no --yes");
    String acme;
    try (var raw = new RawAws(aws)) {
      acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
    }
    Path app = repo.resolve("templates/app.yaml");
    String template = Files.readString(app);
    Files.writeString(app, template.substring(0, template.indexOf("  WorkQueue:"))
        + template.substring(template.indexOf("  DeployedVersion:"), template.indexOf("Outputs:"))
        + "Outputs:\n  AppVersion:\n    Value: !Ref AppVersion\n");

    var dry = cli.run(aws, "deploy", "acme", "--dry-run");
    assertEquals(0, dry.exitCode(), dry::toString);
    assertTrue(dry.out().contains("tenantctl-acme-baseline: up to date"), dry::toString);
    assertTrue(dry.out().contains("tenantctl-acme-app: update (0 to add, 0 to modify, 1 to remove)"), dry::toString);
    assertTrue(dry.out().contains("- WorkQueue (AWS::SQS::Queue)"), dry::toString);
    assertTrue(dry.out().contains("! removes WorkQueue (AWS::SQS::Queue) of tenantctl-acme-app"), dry::toString);
    assertWorkQueueStillThere(aws, acme);

    WireTap tap = new WireTap();
    var refused = cli.tapped(tap).run(aws, "deploy", "acme");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("removes WorkQueue (AWS::SQS::Queue) of tenantctl-acme-app"), refused::toString);
    assertTrue(refused.err().contains("pass --yes"), refused::toString);
    assertFalse(tap.calls().contains("ExecuteChangeSet"), tap.calls()::toString);
    assertWorkQueueStillThere(aws, acme);

    var done = cli.run(aws, "deploy", "acme", "--yes");
    assertEquals(0, done.exitCode(), done::toString);
    assertTrue(done.out().contains("tenantctl-acme-app updated"), done::toString);
    try (var raw = new RawAws(aws)) {
      var resources = raw.cfn(acme).describeStackResources(r -> r.stackName("tenantctl-acme-app")).stackResources();
      assertTrue(resources.stream().noneMatch(x -> x.logicalResourceId().equals("WorkQueue")), resources::toString);
    }
  }

  @Test
  void upDryRunOnAFreshAccountShowsTheOrganizationAndEveryAccountToMakeWithoutAWrite(URI aws) {
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "up", "--create-organization", "--dry-run");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("organization: "), r::toString);
    for (String t : new String[] {"acme", "globex", "initech"}) {
      assertTrue(r.out().contains("! creates account tenant-" + t + " <aws+" + t + "@example.com>"), r::toString);
    }
    assertEquals(List.of(), tap.writes(), tap.calls()::toString);
  }

  private void assertWorkQueueStillThere(URI aws, String acme) throws Exception {
    try (var raw = new RawAws(aws)) {
      var cfn = raw.cfn(acme);
      assertTrue(cfn.describeStackResources(r -> r.stackName("tenantctl-acme-app")).stackResources().stream()
          .anyMatch(x -> x.logicalResourceId().equals("WorkQueue")), "nothing was removed");
      assertEquals(0, cfn.listChangeSets(s -> s.stackName("tenantctl-acme-app")).summaries().size(),
          "the plan's change set is gone");
    }
  }

  /** Every state file and its content, to show that a dry run wrote none. */
  private Map<String, String> stateFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path dir = repo.resolve(".tenantctl");
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }
}
