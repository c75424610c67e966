package io.tenantctl.manifest;

import java.nio.file.Path;

/**
 * One thing wrong with the manifests: where it is, what is wrong, and how to fix it.
 *
 * <p>Rendered as {@code <file>:<line>:<column>: <message>}, a newline, and {@code   fix: <fix>}.
 */
public record ManifestProblem(Source where, String message, String fix) {

  /** Renders with the file path relative to {@code baseDir} when the file is under it. */
  public String render(Path baseDir) {
    return displayPath(where.file(), baseDir) + ":" + where.line() + ":" + where.column() + ": "
        + message + "\n  fix: " + fix;
  }

  /** Renders with the file path relative to the current working directory. */
  public String render() {
    return render(Path.of(""));
  }

  @Override
  public String toString() {
    return render();
  }

  /** {@code file} relative to {@code baseDir} when under it, else as given; always with '/'. */
  static String displayPath(Path file, Path baseDir) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = baseDir.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) && !absolute.equals(base) ? base.relativize(absolute) : file;
    return shown.toString().replace(java.io.File.separatorChar, '/');
  }
}
