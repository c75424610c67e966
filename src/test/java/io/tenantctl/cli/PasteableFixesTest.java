package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.output.ProgressDisplay;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.state.Locks;
import io.tenantctl.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command named in a fix, a hint or a progress line repeats the run's global options (and a rollout's
 * selector), so pasted it acts on the same fleet, organization and tenants: one mechanism, {@link Pasteable}.
 */
class PasteableFixesTest {
  private static final List<String> COMMANDS = List.copyOf(io.tenantctl.TenantCtl.commandLine(
      new io.tenantctl.app.Launch(java.util.Map.of(), s -> {
        throw new AssertionError("no cloud");
      })).getSubcommands().keySet());
  private static final String OPTIONS = "--fleet f.yaml --tenants t --region eu-west-1 --profile ops --local";

  @TempDir Path repo;
  private Cli cli;
  private SimFleet fleet;
  private SimCloud cloud;
  private String options;

  @BeforeEach
  void onboarded() throws Exception {
    cli = Cli.onSamples(repo);
    Path fleetFile = repo.resolve("fleet.yaml");
    Files.writeString(fleetFile, Files.readString(fleetFile).replaceAll("bake: \\w+", "bake: 0s"));
    cloud = new SimCloud(SimConfig.seeded(22).accountCreationPolls(1).roleNotAssumableFor(1));
    fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    cli.withClouds(s -> cloud);
    options = "--fleet " + repo.resolve("fleet.yaml") + " --tenants " + repo.resolve("tenants")
        + " --region us-east-1 --profile ops";
  }

  /** The run's options, as every command the tests below run is given them. */
  private Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--region", "us-east-1", "--profile", "ops"));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void everyFaultWhoseFixNamesACommandKeepsTheOptions() throws IOException {
    Pasteable pasteable = new Pasteable(OPTIONS, Optional.of("ops"), COMMANDS);
    List<String> fixes = faultTexts();
    assertTrue(fixes.size() >= 20, "the walk found the faults' texts: " + fixes);
    List<String> naming = new ArrayList<>();
    for (String text : fixes) {
      // a literal glued to the next by the walk ("…onlytenantctl state") is no command named in the text
      Matcher m = Pattern.compile("(?<![a-z])tenantctl ([a-z]+)").matcher(text);
      while (m.find()) {
        if (!COMMANDS.contains(m.group(1)) || m.group(1).equals("emulator")) {
          continue; // prose ("tenantctl never offboards production") or the emulator, which takes no options
        }
        naming.add(text);
        String pasted = pasteable.text(text);
        assertTrue(pasted.contains("tenantctl " + OPTIONS + " " + m.group(1)), text + "\n  became: " + pasted);
      }
    }
    assertTrue(naming.size() >= 15, "fixes naming a command: " + naming);
  }

  /** Every string literal of every {@code Fault} made in the main sources, the literals of one call joined. */
  private static List<String> faultTexts() throws IOException {
    List<String> texts = new ArrayList<>();
    Pattern made = Pattern.compile("(Fault\\.(invalid|failed)|new [A-Za-z]*Fault|new CloudException|"
        + "new LockLost)\\(");
    try (Stream<Path> files = Files.walk(Cli.projectRoot().resolve("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher m = made.matcher(source);
        while (m.find()) {
          texts.add(file.getFileName() + ": " + literals(source, m.end()));
        }
      }
    }
    return texts;
  }

  /** The string literals from {@code from} to the parenthesis that closes the call, joined. */
  private static String literals(String source, int from) {
    StringBuilder out = new StringBuilder();
    int depth = 1;
    for (int i = from; i < source.length() && depth > 0; i++) {
      char c = source.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (source.charAt(end) != '"') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(source, i + 1, end);
        i = end;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    }
    return out.toString();
  }

  @Test
  void theHaltsFixesKeepTheOptionsAndTheSelector() {
    cloud.config().failResource("tenantctl-acme-app", "DeployedVersion", "queue limit exceeded");

    var r = run("rollout", "start", "--stack", "app", "--select", "tier=enterprise", "--yes");

    assertEquals(1, r.exitCode(), r.toString());
    String id = r.out().lines().findFirst().orElseThrow().substring("rollout ".length());
    assertTrue(r.out().contains("roll back what it changed: tenantctl " + options + " rollout resume " + id
        + " --rollback-on-halt"), r.out());
    assertTrue(r.out().contains("start a new rollout: tenantctl " + options + " rollout start --stack app --select"
        + " tier=enterprise"), "not widened to every tenant: " + r.out());
    assertTrue(r.err().contains("`tenantctl " + options + " rollout resume " + id + " --rollback-on-halt`"), r.err());
  }

  @Test
  void theRolloutsLockUnlockAndStatusFixesKeepTheOptions() throws Exception {
    // a holder on this host whose process has ended: its lock may be broken at once
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    var holder = new Locks.Claimant("ops", Locks.Claimant.current("").host(), gone.pid(), "rollout r-20261123-0900-app");
    fleet.state().locks().acquire(Rollout.LOCK, holder, Duration.ofMinutes(5));

    var locked = run("rollout", "start", "--stack", "app", "--yes");
    assertEquals(1, locked.exitCode(), locked.toString());
    assertTrue(locked.err().contains("tenantctl " + options + " rollout unlock --force r-20261123-0900-app"),
        locked.err());

    var unforced = run("rollout", "unlock", "r-20261123-0900-app");
    assertEquals(2, unforced.exitCode(), unforced.toString());
    assertTrue(unforced.err().contains("tenantctl " + options + " rollout unlock --force r-20261123-0900-app"),
        unforced.err());

    // a lock whose rollout never wrote its plan: unlocked, and the way on is a new start
    var neverStarted = run("rollout", "unlock", "--force", "r-20261123-0900-app");
    assertTrue(neverStarted.out().contains("start again with tenantctl " + options + " rollout start"),
        neverStarted.toString());

    var none = run("rollout", "status");
    assertEquals(2, none.exitCode(), none.toString());
    assertTrue(none.err().contains("tenantctl " + options + " rollout start --stack NAME"), none.err());
  }

  @Test
  void deletesConfirmationMismatchKeepsTheOptions() {
    var r = run("delete", "acme", "--confirm", "acm");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("`tenantctl " + options + " delete acme --confirm acme`"), r.err());
  }

  @Test
  void devUpsProgressLinesKeepTheOptions() {
    var r = run("dev", "up", "alice");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("(`tenantctl " + options + " pool fill` keeps accounts ready)"), r.err());
    var again = run("dev", "up", "alice");
    assertTrue(again.err().contains("(`tenantctl " + options + " dev extend` gives it longer)"), again.err());
  }

  @Test
  void progressStepsAreRewordedBeforeTheyAreShown() {
    List<String> shown = new ArrayList<>();
    var display = ProgressDisplay.rewording(new ProgressDisplay() {
      @Override
      public void on(ProgressEvent event) {
        shown.add(((ProgressEvent.Step) event).message());
      }

      @Override
      public void close() {}
    }, new Pasteable("--local", Optional.empty(), COMMANDS)::text);
    display.step("dev-alice", "(`tenantctl pool fill` keeps accounts ready)");
    assertEquals(List.of("(`tenantctl --local pool fill` keeps accounts ready)"), shown);
  }

  @Test
  void proseAndTagsAreLeftAlone() {
    Pasteable p = new Pasteable("--local", Optional.empty(), COMMANDS);
    assertEquals("tenantctl deletes only what it manages; tenantctl:tenant=acme",
        p.text("tenantctl deletes only what it manages; tenantctl:tenant=acme"));
    assertFalse(p.text("`tenantctl emulator start`").contains("--local"));
  }

  @Test
  void theOlderSelectorFormIsNoDirectoryToRepeat() {
    var parsed = io.tenantctl.TenantCtl.commandLine(new io.tenantctl.app.Launch(java.util.Map.of(), s -> {
      throw new AssertionError();
    })).parseArgs("--local", "--tenants", "tier=enterprise", "rollout", "start", "--stack", "app");
    assertEquals("--local", GlobalOptions.of(parsed.commandSpec()).repeatable());
  }
}
