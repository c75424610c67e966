package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.FaultyWire;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Five tenants created and deployed while the wire throttles 30%, fails 5% and drops 2% of calls. */
@EmulatorTest
class FaultInjectionEmulatorTest {
  @TempDir Path repo;

  @Test
  void createAndDeployFiveTenantsReachTheSameEndStateDespiteFaults(URI aws) throws Exception {
    Cli.onSamples(repo);
    Cli.write(repo.resolve("tenants/hooli.yaml"), "name: hooli\nwave: general\n");
    Cli.write(repo.resolve("tenants/umbrella.yaml"), "name: umbrella\nwave: early\naccount:\n  ou: /Tenants/Standard\n");
    var wire = new FaultyWire(42, 0.30, 0.05, 0.02);
    // the product's retry strategy, with more attempts than the default so 37% faults never exhaust it
    Cli cli = Cli.in(repo).withClouds(s -> new AwsCloud(s.withHttp(wire::wrap).withMaxAttempts(20)));

    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot::toString);
    var created = cli.run(aws, "create", "--all", "--yes");
    assertEquals(0, created.exitCode(), created::toString);
    for (String t : new String[] {"acme", "globex", "hooli", "initech", "umbrella"}) {
      var deployed = cli.run(aws, "deploy", t);
      assertEquals(0, deployed.exitCode(), deployed::toString);
    }
    assertTrue(wire.throttled.get() > 20 && wire.failed.get() > 2 && wire.dropped.get() > 0,
        "faults were injected: throttled " + wire.throttled + ", 5xx " + wire.failed + ", dropped " + wire.dropped);

    JsonNode status = new ObjectMapper().readTree(Cli.in(repo).run(aws, "status", "--output", "json").out());
    assertEquals(5, status.size());
    try (var raw = new RawAws(aws)) {
      for (JsonNode row : status) {
        String tenant = row.get("tenant").asText();
        assertEquals(1, raw.accountsWithEmail("aws+" + tenant + "@example.com").size(), tenant + ": one account");
        for (JsonNode stack : row.get("stacks")) {
          assertEquals("CREATE_COMPLETE", stack.get("status").asText(), tenant + " " + stack);
          assertTrue(stack.get("current").asBoolean(), tenant + " " + stack);
        }
      }
      assertEquals(5 + 2, raw.accounts().size(), "five tenants, production and management: no duplicates");
    }
  }

  @Test
  void answersLostAfterTheServerActedAreTakenAsDoneNotAsFailures(URI aws) throws Exception {
    // each first call acts on the server, then its answer is lost: the SDK's retry finds the thing made
    var wire = FaultyWire.losingAnswersOnce("CreateOrganization", "CreateOrganizationalUnit", "EnablePolicyType",
        "CreatePolicy", "AttachPolicy", "CreateStack");
    Cli.onSamples(repo);
    Cli cli = Cli.in(repo).withClouds(s -> new AwsCloud(s.withHttp(wire::wrap)));

    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot + "\nlost: " + wire.answersLost);
    var created = cli.run(aws, "create", "acme", "--yes");
    assertEquals(0, created.exitCode(), created + "\nlost: " + wire.answersLost);
    assertTrue(wire.answersLost.containsAll(java.util.List.of("CreateOrganization", "CreateOrganizationalUnit",
        "CreatePolicy", "AttachPolicy")), "answers lost: " + wire.answersLost);

    try (var raw = new RawAws(aws)) {
      var org = raw.org();
      String root = org.listRoots().roots().get(0).id();
      var top = org.listOrganizationalUnitsForParent(r -> r.parentId(root)).organizationalUnits().stream()
          .map(u -> u.name()).sorted().toList();
      assertEquals(top.stream().distinct().toList(), top, "no OU made twice: " + top);
      assertEquals(1, raw.accountsWithEmail("aws+acme@example.com").size(), "one account for acme");
    }
    var again = cli.run(aws, "bootstrap");
    assertEquals(0, again.exitCode(), again::toString);
  }
}
