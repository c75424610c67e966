package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/** bootstrap attaches the fleet file's dev guardrail to the dev OU as a service control policy, on moto. */
@EmulatorTest
class DevGuardrailEmulatorTest {
  @TempDir Path repo;

  @Test
  void theDevOuGetsTheFleetFilesGuardrail(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("  reuse: same-owner\n",
        "  reuse: same-owner\n  guardrail: policies/dev.json\n"));
    Cli.write(repo.resolve("policies/dev.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\","
        + " \"Action\": \"redshift:*\", \"Resource\": \"*\"}]}");

    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot::toString);
    assertTrue(boot.out().contains("guardrail tenantctl-dev-guardrail: created, attached to the dev OU"), boot::toString);

    try (var raw = new RawAws(aws)) {
      var org = raw.org();
      String root = org.listRoots().roots().get(0).id();
      String dev = org.listOrganizationalUnitsForParent(r -> r.parentId(root)).organizationalUnits().stream()
          .filter(u -> u.name().equals("Dev")).findFirst().orElseThrow().id();
      var attached = org.listPoliciesForTarget(r -> r.targetId(dev).filter(PolicyType.SERVICE_CONTROL_POLICY))
          .policies().stream().map(p -> p.name()).toList();
      assertTrue(attached.contains("tenantctl-dev-guardrail"), attached::toString);
    }
    var again = cli.run(aws, "bootstrap");
    assertTrue(again.out().contains("guardrail tenantctl-dev-guardrail: up to date"), again::toString);
  }
}
