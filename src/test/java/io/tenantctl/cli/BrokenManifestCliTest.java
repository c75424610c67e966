package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken manifest in the corpus, through the CLI: exit 2, the expected message with file, line and
 * fix, and no AWS call — the endpoint given fails any call, and the cloud may not even be built.
 */
class BrokenManifestCliTest {
  static Stream<Path> cases() throws IOException {
    Path root = Cli.projectRoot().resolve("src/test/resources/broken");
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("expected.txt"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validateAndCreateRefuseWithTheMessageAndNoAwsCall(Path dir) throws IOException {
    String expected = Files.readString(dir.resolve("expected.txt")).strip();
    for (String[] command : new String[][] {{"validate"}, {"create", "--all"}, {"status"}}) {
      Cli cli = Cli.in(dir).forbidCloud();
      var r = cli.run(concat(new String[] {"--endpoint-url", "http://127.0.0.1:9"}, command));
      assertEquals(2, r.exitCode(), String.join(" ", command) + ": " + r);
      assertTrue(r.err().contains(expected), String.join(" ", command) + " should say\n" + expected + "\n" + r);
      assertEquals(0, cli.cloudsRequested(), "no AWS client may be made for invalid input");
      assertEquals("", r.out(), "nothing on stdout for invalid input");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
