package io.tenantctl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Waits for a running command's local journal to show a step: how an e2e test acts in the middle of a run. */
public final class JournalWatch {
  private JournalWatch() {}

  /** Until a journal under {@code stateDir} holds an event of {@code type} (e.g. {@code bake-started}); a minute at most. */
  public static void until(Path stateDir, String type) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(stateDir)) {
        try (Stream<Path> files = Files.walk(stateDir)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
            if (Files.readString(p).contains("\"type\":\"" + type + "\"")) {
              return;
            }
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no journal under " + stateDir + " ever showed " + type);
  }
}
