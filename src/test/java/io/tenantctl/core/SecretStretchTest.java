package io.tenantctl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tenantctl.bench.ValidateBenchmark;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret parameter is stretched (slow on purpose) once per value in a run, not once per tenant. */
class SecretStretchTest {
  @TempDir Path repo;

  @Test
  void validateOf35TenantsWithOneSecretStretchesItOnce() throws Exception {
    var cli = ValidateBenchmark.repo(repo, 35, true);
    int before = Secrets.stretchedCount();

    var r = cli.forbidCloud().run("validate");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(1, Secrets.stretchedCount() - before, "one value, one derivation");
  }

  @Test
  void theSameSecretInTwoStacksStillGivesThemTheirOwnFingerprints() {
    var run = new Secrets();
    var a = new io.tenantctl.stacks.StackPlan("tenantctl-a-app", "us-east-1", "Resources: {}",
        Map.of("DbPassword", "hunter2-long"), Set.of("DbPassword"), Map.of("tenantctl:tenant", "a"), run::stretched);
    var b = new io.tenantctl.stacks.StackPlan("tenantctl-b-app", "us-east-1", "Resources: {}",
        Map.of("DbPassword", "hunter2-long"), Set.of("DbPassword"), Map.of("tenantctl:tenant", "b"), run::stretched);
    var changed = new io.tenantctl.stacks.StackPlan("tenantctl-a-app", "us-east-1", "Resources: {}",
        Map.of("DbPassword", "hunter3-long"), Set.of("DbPassword"), Map.of("tenantctl:tenant", "a"), run::stretched);
    assertNotEquals(a.fingerprint(), b.fingerprint());
    assertNotEquals(a.fingerprint(), changed.fingerprint(), "a new secret is a change");
    assertEquals(a.fingerprint(), new io.tenantctl.stacks.StackPlan("tenantctl-a-app", "us-east-1", "Resources: {}",
        Map.of("DbPassword", "hunter2-long"), Set.of("DbPassword"), Map.of("tenantctl:tenant", "a")).fingerprint(),
        "a plan made outside the run's planning agrees");
  }
}
