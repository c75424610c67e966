package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small records: put, get, list by prefix, delete; whole-file replacement. */
class FileRecordsTest {

  record Previous(String stack, String version, Instant at) {}

  @TempDir Path dir;

  @Test
  void putGetListAndDelete() throws IOException {
    var records = new FileRecords(dir);
    var app = new Previous("app", "1.4.0", Instant.parse("2026-03-01T10:00:00Z"));
    records.put("rollouts/r-1/acme", app);
    records.put("rollouts/r-1/globex", new Previous("app", "1.3.9", Instant.parse("2026-03-01T10:00:01Z")));
    records.put("pool/claims/123456789012", new Previous("baseline", "1", Instant.EPOCH));

    assertEquals(Optional.of(app), records.get("rollouts/r-1/acme", Previous.class));
    assertEquals(List.of("rollouts/r-1/acme", "rollouts/r-1/globex"), records.keys("rollouts/"));
    assertEquals(3, records.keys("").size());

    records.put("rollouts/r-1/acme", new Previous("app", "1.5.0", Instant.EPOCH));
    assertEquals("1.5.0", records.get("rollouts/r-1/acme", Previous.class).orElseThrow().version());
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file is left behind");
    }

    assertTrue(records.delete("rollouts/r-1/acme"));
    assertFalse(records.delete("rollouts/r-1/acme"));
    assertEquals(Optional.empty(), records.get("rollouts/r-1/acme", Previous.class));
    assertEquals(List.of("rollouts/r-1/globex"), records.keys("rollouts"));
  }

  @Test
  void keysThatCouldLeaveTheDirectoryAreRefused() {
    var records = new FileRecords(dir);
    for (String bad : List.of("../x", "a//b", "/abs", "a/../b", "", "a/.hidden")) {
      assertThrows(IllegalArgumentException.class, () -> records.put(bad, "x"), bad);
    }
  }
}
