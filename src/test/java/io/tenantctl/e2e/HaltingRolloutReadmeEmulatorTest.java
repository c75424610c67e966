package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, "Try a halting rollout": its own commands, run one by one with bash on a copy of the repository's sample
 * fleet against the test emulator (the packaged {@code bin/tenantctl}, {@code --local} pointed at it). The
 * rollout is halted by the alarm set during the canary's bake, and its rollback puts acme back on 1.0.0, read from
 * the emulator.
 */
@EmulatorTest
class HaltingRolloutReadmeEmulatorTest {
  @TempDir Path repo;

  /** The walkthrough's commands, as the README shows them (comments dropped). */
  static List<String> walkthrough() throws IOException {
    String readme = Files.readString(Cli.projectRoot().resolve("README.md"));
    int section = readme.indexOf("### Try a halting rollout");
    assertTrue(section >= 0, "the README has the walkthrough");
    int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    List<String> out = new ArrayList<>();
    for (String line : block.lines().toList()) {
      int comment = line.indexOf("   #");
      out.add((comment >= 0 ? line.substring(0, comment) : line).strip());
    }
    return out;
  }

  @Test
  void theReadmesHaltingRolloutHaltsRollsBackAndSaysSo(URI aws) throws Exception {
    Path root = Cli.projectRoot();
    Cli.copy(root.resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
    Cli.copyTree(root.resolve("tenants"), repo.resolve("tenants"));
    Cli.copyTree(root.resolve("templates"), repo.resolve("templates"));
    Files.createDirectories(repo.resolve("bin"));
    // bin/tenantctl as the README runs it: the project's launcher, on the jar just packaged
    Files.writeString(repo.resolve("bin/tenantctl"), "#!/usr/bin/env bash\nexec " + root.resolve("bin/tenantctl")
        + " \"$@\"\n");
    repo.resolve("bin/tenantctl").toFile().setExecutable(true);

    Process background = null;
    Path backgroundOut = repo.resolve("rollout.out");
    Map<String, String> outputs = new HashMap<>();
    for (String line : walkthrough()) {
      if (line.equals("wait")) {
        assertTrue(background.waitFor(180, TimeUnit.SECONDS), "the rollout ended");
        String out = Files.readString(backgroundOut);
        assertEquals(1, background.exitValue(), out);
        assertTrue(out.contains("halted and rolled back: alarm in ALARM during the bake of wave canary: "), out);
        assertTrue(out.contains("/app-5xx"), out);
        continue;
      }
      if (line.endsWith("&")) {
        background = bash(line.substring(0, line.length() - 1), backgroundOut).start();
        continue;
      }
      if (line.contains(" ALARM")) {
        waitForBake(background, backgroundOut);
      }
      Path out = repo.resolve("step.out");
      Process p = bash(line, out).start();
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), line);
      String text = Files.readString(out);
      assertEquals(0, p.exitValue(), line + "\n" + text);
      outputs.put(line, text);
    }

    String rolloutStatus = outputs.get("bin/tenantctl --local rollout status");
    assertTrue(rolloutStatus.contains(": rolled-back (alarm in ALARM during the bake of wave canary: "), rolloutStatus);
    assertTrue(rolloutStatus.matches("(?s).*acme\\s+canary\\s+restored.*"), rolloutStatus);
    String status = outputs.get("bin/tenantctl --local status acme");
    assertTrue(status.contains("outdated"), status);
    try (var raw = new RawAws(aws)) {
      String acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
      var stack = raw.cfn(acme).describeStacks(s -> s.stackName("tenantctl-acme-app")).stacks().get(0);
      assertEquals("1.0.0", stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion"))
          .findFirst().orElseThrow().parameterValue(), "acme is back on 1.0.0");
      assertEquals(Optional.of("1.0.0"), raw.ssmParameter(acme, "/tenantctl/acme/app/version"));
      assertEquals("OK", raw.cloudwatch(acme).describeAlarms(a -> a.alarmNames("app-5xx")).metricAlarms().get(0)
          .stateValueAsString(), "the last step set it back");
    }
  }

  private ProcessBuilder bash(String line, Path out) {
    var pb = new ProcessBuilder("bash", "-c", line).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    // --local finds the emulator the tests started
    env.put("TENANTCTL_EMULATOR_HOME", Optional.ofNullable(System.getenv("TENANTCTL_EMULATOR_HOME"))
        .map(h -> Path.of(h).toAbsolutePath().toString())
        .orElse(Cli.projectRoot().resolve("target/emulator").toString()));
    return pb;
  }

  /** Until the running rollout's journal says the canary bakes, as a person watching its output would wait. */
  private void waitForBake(Process rollout, Path out) throws Exception {
    for (int i = 0; i < 1800; i++) {
      if (Files.exists(repo.resolve(".tenantctl"))) {
        try (Stream<Path> files = Files.walk(repo.resolve(".tenantctl"))) {
          for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
            if (Files.readString(p, StandardCharsets.UTF_8).contains("\"type\":\"bake-started\"")) {
              return;
            }
          }
        } catch (java.io.UncheckedIOException | IOException e) {
          // a file the running rollout just replaced: look again
        }
      }
      if (rollout != null && !rollout.isAlive()) {
        throw new AssertionError("the rollout ended before the canary baked: " + Files.readString(out));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the canary never started baking: " + Files.readString(out));
  }
}
