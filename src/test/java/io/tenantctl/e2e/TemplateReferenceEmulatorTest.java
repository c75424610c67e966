package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template with a {@code Ref} to an undeclared name: CloudFormation rejects it, moto deploys it (DESIGN §5).
 * tenantctl is right for AWS on both: deploy and diff refuse it before any AWS write, naming the line.
 */
@EmulatorTest
class TemplateReferenceEmulatorTest {
  @TempDir Path repo;

  @Test
  void aRefToAnUndeclaredNameIsRefusedBeforeAnyAwsCall(URI aws) throws Exception {
    var cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    Path app = repo.resolve("templates/app.yaml");
    String broken = Files.readString(app).replace("Value: !Ref AppVersion\n", "Value: !Ref AppVersoin\n");
    Files.writeString(app, broken);

    for (String command : new String[] {"deploy", "diff"}) {
      var tap = new WireTap();
      var r = cli.tapped(tap).run(aws, command, "acme", "--stack", "app");
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().startsWith("templates/app.yaml:24:14: Ref AppVersoin names nothing the template declares\n"
          + "  fix: did you mean AppVersion?"), r::toString);
      assertEquals(List.of(), tap.calls(), command + " made no AWS call");
    }
  }
}
