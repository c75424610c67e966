package io.tenantctl.state;

/**
 * The state of one {@link StateScope}: append-only journals, locks with leases, and small records. Callers see
 * only this port; the file backend keeps it under the state directory, the DynamoDB backend in one table
 * (appends and lock changes as conditional writes).
 */
public interface StateStore {

  StateScope scope();

  /**
   * The journal {@code name}, whose events are the records permitted by the sealed interface {@code events};
   * replay is served from an index built once, when the journal is first opened.
   */
  <E> Journal<E> journal(String name, Class<E> events);

  Locks locks();

  Records records();

  /**
   * This store as seen by the holder of {@code lock}: its journal appends and record writes (put, delete) are made
   * only while {@code lock}'s epoch still holds the lock, checked atomically with the write, and otherwise refused
   * with {@link LockLost} (exit 1) and nothing written. So a holder paused past its lease (GC, a suspended laptop,
   * a partition) whose lock was taken over or broken can never write again. Reads and locks are as unfenced.
   */
  StateStore fencedBy(Locks.Lock lock);
}
