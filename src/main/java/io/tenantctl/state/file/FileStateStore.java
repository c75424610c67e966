package io.tenantctl.state.file;

import io.tenantctl.state.Journal;
import io.tenantctl.state.LockEvent;
import io.tenantctl.state.Locks;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one scope in a directory: {@code journal/<name>.jsonl}, {@code locks/<name>.json} and
 * {@code records/<key>.json}. Each journal is opened (and indexed) once per store.
 */
public final class FileStateStore implements StateStore {
  private final Path root;
  private final StateScope scope;
  private final Map<String, FileJournal<?>> journals = new ConcurrentHashMap<>();
  private final FileLocks locks;
  private final FileRecords records;

  public FileStateStore(Path root, StateScope scope) {
    this.root = root;
    this.scope = scope;
    this.locks = new FileLocks(root.resolve("locks"), journal("locks", LockEvent.class));
    this.records = new FileRecords(root.resolve("records"));
  }

  public Path root() {
    return root;
  }

  @Override
  public StateScope scope() {
    return scope;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <E> Journal<E> journal(String name, Class<E> events) {
    io.tenantctl.state.StateNames.journal(name);
    FileJournal<?> journal = journals.computeIfAbsent(name,
        n -> new FileJournal<>(root.resolve("journal").resolve(n + ".jsonl"), events));
    io.tenantctl.state.StateNames.sameEvents(name, journal.events(), events);
    return (Journal<E>) journal;
  }

  @Override
  public Locks locks() {
    return locks;
  }

  @Override
  public Records records() {
    return records;
  }

  /** The names of the journals kept here, sorted. */
  public java.util.List<String> journalNames() {
    Path dir = root.resolve("journal");
    if (!java.nio.file.Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var files = java.nio.file.Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
          .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list the journals in " + dir, e);
    }
  }

  /** An entry as written, its event as JSON: for copying a journal whose event types this caller does not know. */
  public record RawEntry(long seq, String at, String key, com.fasterxml.jackson.databind.JsonNode event) {}

  /** Journal {@code name}'s entries as written; a torn line (a crash mid-write) is left out, as a replay does. */
  public java.util.List<RawEntry> rawEntries(String name) {
    Path file = root.resolve("journal").resolve(io.tenantctl.state.StateNames.journal(name) + ".jsonl");
    var json = io.tenantctl.state.StateJson.mapper();
    java.util.List<RawEntry> out = new java.util.ArrayList<>();
    try {
      for (String line : java.nio.file.Files.readAllLines(file)) {
        try {
          var node = json.readTree(line);
          out.add(new RawEntry(node.get("seq").asLong(), node.get("at").asText(), node.get("key").asText(),
              java.util.Objects.requireNonNull(node.get("event"))));
        } catch (java.io.IOException | RuntimeException torn) {
          // what a torn line said did not happen as far as anyone knows
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read journal " + file, e);
    }
    return out;
  }

  /** The locks held now. */
  public java.util.List<Locks.Lock> heldLocks() {
    return locks.held();
  }

  @Override
  public StateStore fencedBy(Locks.Lock lock) {
    return new FencedFileStore(this, locks, lock);
  }
}
