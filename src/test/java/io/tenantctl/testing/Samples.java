package io.tenantctl.testing;

import java.nio.file.Path;

/**
 * The tests' copy of the repository's sample {@code fleet.yaml}, {@code tenants/} and {@code templates/}:
 * a user who edits the samples at the repository root never breaks {@code mvn test}.
 */
public final class Samples {
  /** Relative to the project root, where Maven runs the tests. */
  public static final Path DIR = Path.of("src/test/resources/samples");

  private Samples() {}

  public static Path fleet() {
    return DIR.resolve("fleet.yaml");
  }

  public static Path tenants() {
    return DIR.resolve("tenants");
  }

  public static Path templates() {
    return DIR.resolve("templates");
  }
}
