package io.tenantctl.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only journal of JSON lines, forced to disk before {@link #append} returns, so that what
 * was about to happen survives a crash. Callers write it before they mutate. Never put secrets in it.
 */
public final class Journal {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public Journal(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public synchronized void append(Map<String, String> entry) {
    Map<String, String> line = new LinkedHashMap<>();
    line.put("at", Instant.now().toString());
    line.putAll(entry);
    try {
      Files.createDirectories(file.getParent());
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file, e);
    }
  }

  /** Every entry, oldest first; a torn last line (a crash mid-write) is ignored. */
  public synchronized List<Map<String, String>> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Map<String, String>> out = new ArrayList<>();
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (l.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readValue(l, new TypeReference<LinkedHashMap<String, String>>() {}));
        } catch (IOException torn) {
          // only the last line can be torn; what it said did not happen as far as we know
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    }
    return out;
  }
}
