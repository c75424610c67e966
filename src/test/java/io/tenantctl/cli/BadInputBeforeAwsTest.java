package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that takes a tenant name or an option value, with a bad one: exit 2 with what is wrong, and not
 * one AWS client made (the cloud is forbidden, so a read before refusing fails the test).
 */
class BadInputBeforeAwsTest {
  @TempDir Path samples;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String bad : new String[] {"ACME", "../x", "", "dev-alice", "a b"}) {
      String said = bad.isEmpty() ? "tenant name" : bad;
      cases.add(of(new String[] {"delete", bad, "--confirm", bad}, said));
      cases.add(of(new String[] {"create", bad}, said));
      cases.add(of(new String[] {"deploy", bad}, said));
      cases.add(of(new String[] {"diff", bad}, said));
      cases.add(of(new String[] {"status", bad}, said));
      cases.add(of(new String[] {"audit", bad}, said));
    }
    for (String bad : new String[] {"nope", ""}) {
      cases.add(of(new String[] {"deploy", "acme", "--stack", bad}, "no stack named"));
      cases.add(of(new String[] {"diff", "acme", "--stack", bad}, "no stack named"));
      cases.add(of(new String[] {"rollout", "start", "--stack", bad, "--yes"}, "no stack named"));
    }
    for (String bad : new String[] {"../x", "", "not an id", "r-2026/../../x"}) {
      cases.add(of(new String[] {"rollout", "status", bad}, "rollout id"));
      cases.add(of(new String[] {"rollout", "resume", bad}, "rollout id"));
      cases.add(of(new String[] {"rollout", "abort", bad}, "rollout id"));
      cases.add(of(new String[] {"rollout", "unlock", bad, "--force"}, "rollout id"));
    }
    cases.add(of(new String[] {"dev", "up", "--ttl", "0h"}, "must be positive"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "0"}, "not a duration"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "-1h"}, "not a duration"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "soon"}, "not a duration"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "73h"}, "beyond dev.ttl.max"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "9000000000000h"}, "--ttl"));
    cases.add(of(new String[] {"dev", "up", "--ttl", "99999999999999999999999h"}, "--ttl"));
    cases.add(of(new String[] {"dev", "extend", "--ttl", "0m"}, "must be positive"));
    cases.add(of(new String[] {"dev", "extend", "--ttl", "100h"}, "beyond dev.ttl.max"));
    for (String bad : new String[] {"", "../x", "A B", "-", "x".repeat(80)}) {
      cases.add(of(new String[] {"dev", "up", "--owner", bad}, "--owner"));
      cases.add(of(new String[] {"dev", "extend", "--owner", bad}, "--owner"));
      cases.add(of(new String[] {"dev", "down", "--owner", bad}, "--owner"));
    }
    cases.add(of(new String[] {"dev", "gc", "--max-time", "0s"}, "must be positive"));
    cases.add(of(new String[] {"dev", "gc", "--max-time", "later"}, "not a duration"));
    cases.add(of(new String[] {"dev", "gc", "--max-time", "9000000000000h"}, "--max-time"));
    cases.add(of(new String[] {"pool", "fill", "0"}, "at least 1"));
    cases.add(of(new String[] {"pool", "fill", "-3"}, "at least 1"));
    cases.add(of(new String[] {"pool", "fill", "99999999999"}, "N"));
    cases.add(of(new String[] {"create", "--all", "--concurrency", "0"}, "--concurrency"));
    cases.add(of(new String[] {"up", "--concurrency", "1000"}, "--concurrency"));
    cases.add(of(new String[] {"status", "--output", "xml"}, "--output"));
    cases.add(of(new String[] {"status", "--endpoint-url", "not a url"}, "--endpoint-url"));
    cases.add(of(new String[] {"status", "--region", "mars"}, "--region"));
    cases.add(of(new String[] {"status", "--region", ""}, "--region"));
    cases.add(of(new String[] {"delete", "acme", "--confirm", "globex"}, "does not match"));
    cases.add(of(new String[] {"create", "acme", "--all"}, "not both"));
    cases.add(of(new String[] {"rollout", "unlock", "r-20261123-1412-app"}, "--force"));
    cases.add(of(new String[] {"emulator", "restart"}, "restart"));
    cases.add(of(new String[] {"completion", "fish"}, "fish"));
    return cases.build();
  }

  private static Arguments of(String[] args, String said) {
    return Arguments.of(args, said, String.join(" ", java.util.Arrays.stream(args)
        .map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList()));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("cases")
  void refusedWithExit2BeforeAnyAwsCall(String[] args, String said, String shown) {
    Cli cli = Cli.onSamples(samples).forbidCloud();
    var r = cli.run(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(said), "should name " + said + "\n" + r);
    assertEquals(0, cli.cloudsRequested(), "no AWS client for bad input\n" + r);
  }
}
