package io.tenantctl.state.file;

import io.tenantctl.state.Journal;
import io.tenantctl.state.Locks;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FileStateStore} seen by the holder of one lock: each append and record write runs under the lock file's
 * guard after its epoch was checked, so no take-over, break or release comes between the check and the write.
 * Lazy appends are made durable at once: a line written after the check's guard was let go would not be fenced.
 */
final class FencedFileStore implements StateStore {
  private final FileStateStore store;
  private final FileLocks locks;
  private final Locks.Lock lock;

  FencedFileStore(FileStateStore store, FileLocks locks, Locks.Lock lock) {
    this.store = store;
    this.locks = locks;
    this.lock = lock;
  }

  @Override
  public StateScope scope() {
    return store.scope();
  }

  @Override
  public <E> Journal<E> journal(String name, Class<E> events) {
    Journal<E> journal = store.journal(name, events);
    return Journal.appendingBy(journal, (key, event) -> locks.whileHeld(lock, () -> journal.append(key, event)));
  }

  @Override
  public Locks locks() {
    return store.locks();
  }

  @Override
  public Records records() {
    Records records = store.records();
    return new Records() {
      @Override
      public void put(String key, Object document) {
        locks.whileHeld(lock, () -> {
          records.put(key, document);
          return null;
        });
      }

      @Override
      public <T> Optional<T> get(String key, Class<T> type) {
        return records.get(key, type);
      }

      @Override
      public List<String> keys(String prefix) {
        return records.keys(prefix);
      }

      @Override
      public boolean delete(String key) {
        return locks.whileHeld(lock, () -> records.delete(key));
      }
    };
  }

  @Override
  public StateStore fencedBy(Locks.Lock other) {
    return store.fencedBy(other);
  }
}
