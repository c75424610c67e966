package io.tenantctl.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.Guardrails;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap attaches the fleet file's own dev guardrail to the dev OU, as a service control policy. */
class DevGuardrailSimTest {
  static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\","
      + " \"Action\": [\"redshift:*\", \"sagemaker:CreateNotebookInstance\"], \"Resource\": \"*\"}]}";

  @TempDir Path repo;

  private Services services(SimCloud sim) throws Exception {
    Cli.copy(Samples.fleet(), repo.resolve("fleet.yaml"));
    Cli.copyTree(Samples.tenants(), repo.resolve("tenants"));
    Cli.copyTree(Samples.templates(), repo.resolve("templates"));
    Path fleet = repo.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("  reuse: same-owner\n",
        "  reuse: same-owner\n  guardrail: policies/dev.json\n"));
    Cli.write(repo.resolve("policies/dev.json"), POLICY);
    var settings = Settings.of(fleet, repo.resolve("tenants")).withPollDelay(Duration.ZERO)
        .withStateDir(repo.resolve(".tenantctl"));
    return new Services(settings, new Launch(Map.of(), s -> sim), Progress.NONE);
  }

  @Test
  void bootstrapAttachesTheDevGuardrailOnceAndLeavesItAlone() throws Exception {
    var sim = new SimCloud(SimConfig.seeded(9));
    sim.addAccount("production", "aws+production@example.com", "/", Map.of());

    var first = services(sim).bootstrap().run(false, Progress.NONE);
    var applied = first.devGuardrail().orElseThrow();
    assertTrue(applied.attached() && applied.policy() == Guardrails.Change.CREATED, applied::toString);
    String devOu = sim.organization().childUnits(sim.organization().rootId()).stream()
        .filter(u -> u.name().equals("Dev")).findFirst().orElseThrow().id();
    assertEquals(List.of(DevGuardrail.POLICY_NAME), sim.guardrailsAttachedTo(devOu, Guardrails.Kind.SERVICE_CONTROL));

    var again = services(sim).bootstrap().run(false, Progress.NONE);
    assertFalse(again.devGuardrail().orElseThrow().changedAnything(), "an unchanged policy is left alone");
  }

  @Test
  void aGuardrailThatIsNotJsonIsInvalidInput() {
    Path file = repo.resolve("bad.json");
    Cli.write(file, "Version: 2012-10-17\n{");
    var fault = assertThrows(Fault.class, () -> DevGuardrail.content(file));
    assertEquals(ExitCode.INVALID, fault.exitCode());
    assertTrue(fault.getMessage().contains("is not a JSON policy"), fault.getMessage());
  }
}
