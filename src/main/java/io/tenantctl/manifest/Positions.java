package io.tenantctl.manifest;

import java.nio.file.Path;
import java.util.ArrayList;

/** Where a key is written in a manifest file, for messages found after loading (e.g. stacks against templates). */
public final class Positions {
  private Positions() {}

  /**
   * {@code file:line:column} of the key at {@code keys} (e.g. {@code parameters, app, DbPassword}) in {@code file},
   * the path shown relative to {@code baseDir}; the nearest written ancestor when the key itself is not written.
   */
  public static String of(Path file, Path baseDir, String... keys) {
    String pointer = "";
    for (String key : keys) {
      pointer = LocatedYaml.child(pointer, key);
    }
    String at = pointer;
    Source where = LocatedYaml.read(file, new ArrayList<>()).map(y -> y.keyAt(at)).orElse(Source.of(file));
    return ManifestProblem.displayPath(file, baseDir) + ":" + where.line() + ":" + where.column();
  }
}
