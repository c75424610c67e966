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

  @Override
  public StateStore fencedBy(Locks.Lock lock) {
    return new FencedFileStore(this, locks, lock);
  }
}
