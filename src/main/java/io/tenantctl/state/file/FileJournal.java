package io.tenantctl.state.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantctl.state.Journal;
import io.tenantctl.state.StateJson;
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
 * A {@link Journal} as a file of JSON lines, one entry a line:
 * {@code {"seq":1,"at":…,"key":…,"event":{"type":…}}}. It is read once when opened into an index by key; after that only the bytes another process appended are
 * read. A torn last line (a crash mid-write) is ignored, and the next append starts on a new line.
 */
final class FileJournal<E> implements Journal<E> {
  private final Path file;
  private final Path guard;
  private final Class<E> events;
  private final ObjectMapper json;
  private final List<Entry<E>> all = new ArrayList<>();
  private final Map<String, List<Entry<E>>> byKey = new LinkedHashMap<>();
  private long indexedBytes;

  FileJournal(Path file, Class<E> events) {
    this.file = file;
    this.guard = file.resolveSibling(file.getFileName() + ".lock");
    this.events = events;
    this.json = StateJson.mapperFor(events);
    catchUp();
  }

  Class<E> events() {
    return events;
  }

  /**
   * Writes the line under the journal's lock, then makes it durable outside it: appenders that wrote while a force
   * was under way share the next one (group commit), so many tenants journalling at once cost a few forces, not one
   * each. Either way the line is on disk before this returns.
   */
  @Override
  public Entry<E> append(String key, E event) {
    if (!events.isInstance(event)) {
      throw new IllegalArgumentException(event + " is not one of " + events.getSimpleName());
    }
    Written<E> written;
    synchronized (this) {
      written = DurableFiles.exclusively(guard, () -> {
        catchUp();
        List<Entry<E>> step = byKey.getOrDefault(key, List.of());
        if (!step.isEmpty() && step.get(step.size() - 1).event().equals(event)) {
          return new Written<>(step.get(step.size() - 1), 0);
        }
        long seq = all.isEmpty() ? 1 : all.get(all.size() - 1).seq() + 1;
        ObjectNode line = json.createObjectNode();
        line.put("seq", seq).put("at", Instant.now().toString()).put("key", key);
        line.set("event", json.valueToTree(event));
        long end = DurableFiles.writeLine(file, (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        catchUp();
        return new Written<>(all.get(all.size() - 1), end);
      });
    }
    durableTo(written.end());
    return written.entry();
  }

  private record Written<E>(Entry<E> entry, long end) {}

  private final Object forcing = new Object();
  private long forcedTo;

  /** Returns once the file is on disk at least up to {@code end}, forcing it unless another force covered it. */
  private void durableTo(long end) {
    synchronized (forcing) {
      if (forcedTo >= end) {
        return;
      }
      try {
        long size = Files.size(file);
        DurableFiles.force(file);
        forcedTo = Math.max(forcedTo, size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write journal " + file, e);
      }
    }
  }

  @Override
  public synchronized List<Entry<E>> entries() {
    catchUp();
    return List.copyOf(all);
  }

  @Override
  public synchronized List<Entry<E>> entries(String key) {
    catchUp();
    return List.copyOf(byKey.getOrDefault(key, List.of()));
  }

  /** Indexes the complete lines added since the last look; an unfinished last line waits. */
  private void catchUp() {
    try {
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (size < indexedBytes) {
        // replaced behind our back (restored from a backup): index it afresh
        all.clear();
        byKey.clear();
        indexedBytes = 0;
      }
      if (size == indexedBytes) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - indexedBytes));
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        while (buffer.hasRemaining() && ch.read(buffer, indexedBytes + buffer.position()) > 0) {
          // read to the end
        }
      }
      byte[] bytes = buffer.array();
      int start = 0;
      for (int i = 0; i < buffer.position(); i++) {
        if (bytes[i] == '\n') {
          index(new String(bytes, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      indexedBytes += start;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    }
  }

  private void index(String line) {
    if (line.isBlank()) {
      return;
    }
    Entry<E> entry;
    try {
      JsonNode node = json.readTree(line);
      entry = new Entry<>(node.get("seq").asLong(), Instant.parse(node.get("at").asText()), node.get("key").asText(),
          json.treeToValue(node.get("event"), events));
    } catch (IOException | RuntimeException torn) {
      // a line cut short by a crash: what it said did not happen as far as anyone knows
      return;
    }
    all.add(entry);
    byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
  }
}
