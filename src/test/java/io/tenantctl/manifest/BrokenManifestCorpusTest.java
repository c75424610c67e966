package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory under {@code broken/} is a small manifest repository with one thing wrong, and an
 * {@code expected.txt} that the first reported problem must contain (paths relative to the case).
 */
class BrokenManifestCorpusTest {

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void firstProblemIsTheExpectedOne(String name) throws Exception {
    Path dir = corpus().resolve(name);
    String expected = Files.readString(dir.resolve("expected.txt")).strip();

    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestLoader(dir).load(dir.resolve("fleet.yaml"), dir.resolve("tenants")));

    String first = e.problems().get(0).render(dir);
    assertTrue(first.contains(expected), () -> "expected the first problem to contain:\n" + expected
        + "\nbut the problems were:\n" + e.getMessage());
    assertTrue(e.getMessage().startsWith(first));
  }

  @Test
  void corpusIsLargeEnough() throws Exception {
    assertTrue(cases().count() >= 25);
  }

  @Test
  void everyCaseHasAnExpectation() throws Exception {
    for (String name : cases().toList()) {
      Path expected = corpus().resolve(name).resolve("expected.txt");
      assertTrue(Files.isRegularFile(expected), name + " has no expected.txt");
      assertFalse(Files.readString(expected).isBlank(), name + "/expected.txt is empty");
    }
  }

  static Path corpus() throws URISyntaxException {
    return Path.of(BrokenManifestCorpusTest.class.getResource("/broken").toURI());
  }
}
