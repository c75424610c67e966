package io.tenantctl.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The manifests are invalid; carries every problem found, in file and line order. */
public final class ManifestException extends RuntimeException {

  private final transient List<ManifestProblem> problems;
  private final transient Path baseDir;

  public ManifestException(List<ManifestProblem> problems, Path baseDir) {
    super(null, null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ManifestException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.baseDir = baseDir;
  }

  public List<ManifestProblem> problems() {
    return problems;
  }

  /** The directory file paths are shown relative to. */
  public Path baseDir() {
    return baseDir;
  }

  /** Every problem, rendered relative to {@link #baseDir()}, one after the other. */
  @Override
  public String getMessage() {
    return problems.stream().map(p -> p.render(baseDir)).collect(Collectors.joining("\n"));
  }
}
