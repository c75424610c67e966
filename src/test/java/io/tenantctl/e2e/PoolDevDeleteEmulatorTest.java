package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.organizations.model.Tag;

/** pool fill, dev up/ls/down/gc and delete against moto, through the real SDK over HTTP. */
@EmulatorTest
class PoolDevDeleteEmulatorTest {
  @TempDir Path repo;

  private static List<String> inState(RawAws raw, String state) {
    return raw.accounts().stream().map(a -> a.id())
        .filter(id -> state.equals(raw.tags(id).get("tenantctl:pool-state"))).toList();
  }

  @Test
  void poolFillThenDevUpTakesAPooledAccountAndDevDownReturnsIt(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());

    var fill = cli.run(aws, "pool", "fill", "3");
    assertEquals(0, fill.exitCode(), fill::toString);
    // moto lacks ServiceQuotas GetAWSDefaultServiceQuota: learnt at once, not retried
    assertFalse(fill.err().contains("retrying"), fill::toString);
    try (var raw = new RawAws(aws)) {
      List<String> ready = inState(raw, "ready");
      assertEquals(3, ready.size(), fill::toString);
      ready.forEach(id -> assertEquals("/Pool", raw.ouPath(id)));
    }
    var ls = cli.run(aws, "pool", "ls");
    assertEquals(0, ls.exitCode(), ls::toString);
    assertTrue(ls.out().contains("target 3: 3 ready, 0 claimed"), ls::toString);

    WireTap tap = new WireTap();
    long start = System.nanoTime();
    var up = cli.tapped(tap).run(aws, "dev", "up", "--owner", "alice", "--ttl", "2h");
    long upMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, up.exitCode(), up::toString);
    assertFalse(tap.calls().stream().anyMatch(c -> c.contains("CreateAccount")), "no CreateAccount: " + tap.calls());
    System.out.println("dev up from a warm pool: " + upMillis + " ms, " + tap.calls().size() + " calls: "
        + tap.calls());
    String alice;
    try (var raw = new RawAws(aws)) {
      alice = raw.accounts().stream().map(a -> a.id())
          .filter(id -> "dev-alice".equals(raw.tags(id).get("tenantctl:tenant"))).findFirst().orElseThrow();
      assertEquals("/Dev", raw.ouPath(alice));
      assertEquals("claimed", raw.tags(alice).get("tenantctl:pool-state"));
      assertEquals("CREATE_COMPLETE", raw.cfn(alice).describeStacks(r -> r.stackName("tenantctl-dev-alice-baseline"))
          .stacks().get(0).stackStatusAsString());
    }
    var devLs = cli.run(aws, "dev", "ls");
    assertEquals(0, devLs.exitCode(), devLs::toString);
    assertTrue(devLs.out().contains("dev-alice") && devLs.out().contains(alice), devLs::toString);
    String expires;
    try (var raw = new RawAws(aws)) {
      expires = raw.tags(alice).get("tenantctl:expires");
    }
    assertTrue(devLs.out().contains(expires), devLs::toString);

    var down = cli.run(aws, "dev", "down", "--owner", "alice");
    assertEquals(0, down.exitCode(), down::toString);
    assertFalse(down.err().contains("retrying"), "no call retried ten times: " + down);
    assertTrue(down.out().contains("back in the pool, ready"), down::toString);
    try (var raw = new RawAws(aws)) {
      assertTrue(raw.cfn(alice).listStacks().stackSummaries().stream()
          .filter(s -> s.stackName().equals("tenantctl-dev-alice-baseline"))
          .allMatch(s -> s.stackStatusAsString().equals("DELETE_COMPLETE")), "no stack left");
      assertEquals("ready", raw.tags(alice).get("tenantctl:pool-state"));
      assertEquals("/Pool", raw.ouPath(alice));
      assertEquals(3, inState(raw, "ready").size());
    }
  }

  @Test
  void devGcRemovesTheExpiredAndLeavesTheUnexpired(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "pool", "fill", "2").exitCode());
    assertEquals(0, cli.run(aws, "dev", "up", "--owner", "bob").exitCode());
    assertEquals(0, cli.run(aws, "dev", "up", "--owner", "carol").exitCode());
    String bob;
    try (var raw = new RawAws(aws)) {
      bob = raw.accounts().stream().map(a -> a.id())
          .filter(id -> "dev-bob".equals(raw.tags(id).get("tenantctl:tenant"))).findFirst().orElseThrow();
      String past = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      raw.org().tagResource(r -> r.resourceId(bob).tags(Tag.builder().key("tenantctl:expires").value(past).build()));
    }
    var gc = cli.run(aws, "dev", "gc");
    assertEquals(0, gc.exitCode(), gc::toString);
    assertFalse(gc.err().contains("retrying"), "no call retried ten times: " + gc);
    assertTrue(gc.out().contains("1 expired removed (0 quarantined), 1 unexpired left alone"), gc::toString);
    var ls = cli.run(aws, "dev", "ls");
    assertFalse(ls.out().contains("dev-bob"), ls::toString);
    assertTrue(ls.out().contains("dev-carol"), ls::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals("ready", raw.tags(bob).get("tenantctl:pool-state"));
    }
  }

  @Test
  void deleteNeedsTheExactConfirmationThenQuarantinesAndCloses(URI aws) throws Exception {
    Cli cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    assertEquals(0, cli.run(aws, "deploy", "acme").exitCode());

    var unconfirmed = cli.run(aws, "delete", "acme", "--confirm", "acne");
    assertEquals(2, unconfirmed.exitCode(), unconfirmed::toString);
    String acme;
    try (var raw = new RawAws(aws)) {
      acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
      assertEquals("/Tenants/Enterprise", raw.ouPath(acme), "nothing was done");
    }

    var deleted = cli.run(aws, "delete", "acme", "--confirm", "acme");
    assertEquals(0, deleted.exitCode(), deleted::toString);
    // moto lacks UpdateTerminationProtection: one call per run, not ten attempts (15 s) per stack
    assertFalse(deleted.err().contains("retrying"), deleted::toString);
    assertTrue(deleted.err().contains("UpdateTerminationProtection tenantctl-acme-app failed: the emulator does"
        + " not implement it"), deleted::toString);
    assertTrue(deleted.err().contains("UpdateTerminationProtection tenantctl-acme-baseline failed: CloudFormation"
        + " UpdateTerminationProtection is not implemented by the emulator (learnt earlier in this run)"),
        deleted::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals("/Quarantine", raw.ouPath(acme));
      assertTrue(raw.tags(acme).containsKey("tenantctl:offboarded-at"));
      assertTrue(raw.tags(acme).containsKey("tenantctl:offboarded-by"));
      assertTrue(raw.cfn(acme).listStacks().stackSummaries().stream()
          .allMatch(s -> s.stackStatusAsString().equals("DELETE_COMPLETE")), "the stacks are gone");
    }

    var closed = cli.run(aws, "delete", "acme", "--confirm", "acme", "--close-account");
    assertEquals(0, closed.exitCode(), closed::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals("SUSPENDED", raw.org().describeAccount(r -> r.accountId(acme)).account().statusAsString());
    }
  }
}
