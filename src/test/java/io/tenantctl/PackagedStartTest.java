package io.tenantctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged jar loads for the commands that make no AWS call: no SDK client, no region or service metadata
 * (the SDK's partition lookup loaded some 360 classes in validate); and that it starts from the class-data archive
 * `mvn package` trains, when the JVM matches it.
 */
@Tag("packaged")
class PackagedStartTest {
  @TempDir Path dir;

  List<String> loaded(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("tenantctl.jar"));
    Path log = dir.resolve("classes.txt");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:SharedArchiveFile=" + jar.resolveSibling("tenantctl.jsa"), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
        "-Xlog:class+load:file=" + log, "-jar", jar.toString()));
    command.addAll(List.of(args));
    // run in the repository: validate reads its sample fleet
    Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
    return Files.readAllLines(log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "completion bash", "validate"})
  void loadsNoAwsClientNorRegionMetadata(String args) throws Exception {
    List<String> classes = loaded(args.split(" "));
    assertFalse(classes.stream().anyMatch(l -> l.contains(" software.amazon.awssdk.services.")
        || l.contains(" software.amazon.awssdk.regions.") || l.contains(" software.amazon.awssdk.core.client")),
        () -> String.join("\n", classes.stream().filter(l -> l.contains("software.amazon")).limit(20).toList()));
    if (Files.isRegularFile(Path.of(System.getProperty("tenantctl.jar")).resolveSibling("tenantctl.jsa"))) {
      assertTrue(classes.stream().anyMatch(l -> l.contains(" io.tenantctl.TenantCtl source: shared objects file (top)")),
          "the class-data archive was not used");
      assertTrue(classes.stream().anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file (top)")),
          "picocli's classes are not in the class-data archive");
    }
  }
}
