package io.tenantctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked in a new place, run with no JDK on the PATH and no JAVA_HOME.
 * Runs in {@code mvn -Pdist verify} (bin/test), which builds the archive first.
 */
@Tag("packaged")
class DistArchiveTest {
  @TempDir static Path place;
  static Path home;
  static Map<String, String> env;

  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void unpack() throws Exception {
    String archive = System.getProperty("tenantctl.dist");
    assumeTrue(archive != null && !archive.isBlank(),
        "the release archive is built by `mvn -Pdist verify` (bin/test does so when asciidoctor is installed)");
    assertTrue(Files.isRegularFile(Path.of(archive)), archive + " was not built");
    Process tar = new ProcessBuilder("tar", "-xzf", archive, "-C", place.toString()).inheritIO().start();
    assertEquals(0, tar.waitFor());
    try (var unpacked = Files.list(place)) {
      home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    env = new HashMap<>(System.getenv());
    env.remove("JAVA_HOME");
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    // a PATH of the few tools the launcher uses, and no java: Debian's /usr/bin holds a java too
    Path tools = Files.createDirectories(place.resolve("tools"));
    for (String tool : List.of("bash", "env", "dirname", "readlink", "cat", "mkdir", "mv", "rm", "cksum", "cut")) {
      Path found = Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, tool))
          .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException("no " + tool));
      Files.createSymbolicLink(tools.resolve(tool), found);
    }
    env.put("PATH", tools.toString());
    env.put("HOME", Files.createDirectories(place.resolve("user")).toString());
  }

  static Run run(Map<String, String> extra, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/tenantctl").toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).directory(place.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extra);
    Path out = Files.createTempFile(place, "out", ".txt");
    Path err = Files.createTempFile(place, "err", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tenantctl " + String.join(" ", args) + " did not finish");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theJdkIsNotOnThePath() throws Exception {
    var which = new ProcessBuilder("/bin/sh", "-c", "command -v java || echo none");
    which.environment().clear();
    which.environment().putAll(env);
    Process p = which.start();
    String found = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    assertEquals("none", found);
  }

  @Test
  void versionRunsOnTheArchivesOwnRuntimeAndThenStartsFromTheArchiveMadeForThisPlace() throws Exception {
    var first = run(Map.of(), "--version");
    assertEquals(0, first.exitCode(), first::toString);
    assertEquals("tenantctl " + System.getProperty("tenantctl.version"), first.out().strip());
    assertTrue(Files.isRegularFile(home.resolve("lib/tenantctl.jsa")), first::toString);

    Path loaded = place.resolve("classes.txt");
    var second = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + loaded), "--version");
    assertEquals(0, second.exitCode(), second::toString);
    assertFalse(second.err().contains("preparing"), second::toString);
    String log = Files.readString(loaded);
    assertTrue(log.contains("io.tenantctl.TenantCtl source: shared objects file (top)"),
        "tenantctl's classes did not come from its class-data archive");
  }

  @Test
  void validateChecksTheShippedExample() throws Exception {
    Path example = home.resolve("share/tenantctl/example");
    var r = run(Map.of(), "--fleet", example.resolve("fleet.yaml").toString(), "--tenants",
        example.resolve("tenants").toString(), "validate");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("ok: "), r::toString);

    Files.writeString(example.resolve("tenants/acme.yaml"), "name: acme\nwave: nowhere\n");
    var broken = run(Map.of(), "--fleet", example.resolve("fleet.yaml").toString(), "--tenants",
        example.resolve("tenants").toString(), "validate");
    assertEquals(2, broken.exitCode(), broken::toString);
    assertTrue(broken.err().contains("acme.yaml:"), broken::toString);
  }

  @Test
  void theRuntimeHoldsOnlyTheModulesInUseAndTheArchiveShipsCompletionAndManPages() throws Exception {
    Process list = new ProcessBuilder(home.resolve("runtime/bin/java").toString(), "--list-modules").start();
    String modules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor();
    assertTrue(modules.contains("java.base@"), modules);
    assertFalse(modules.contains("jdk.compiler") || modules.contains("jdk.jshell"), modules);

    assertTrue(Files.readString(home.resolve("share/bash-completion/completions/tenantctl")).contains("complete -F"));
    String man = Files.readString(home.resolve("share/man/man1/tenantctl.1"));
    assertTrue(man.contains(".TH \"TENANTCTL\" \"1\""), man.lines().limit(10).toList().toString());
    assertTrue(Files.readString(home.resolve("share/man/man1/tenantctl-rollout-start.1")).contains("\\-\\-stack"));
  }
}
