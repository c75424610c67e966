package io.tenantctl.state;

/**
 * The state of one {@link StateScope}: append-only journals, locks with leases, and small records. Callers see
 * only this port; the file backend keeps it under the state directory, a DynamoDB backend will keep it in
 * tables (appends and lock changes as conditional writes, fenced by the lock's epoch).
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
}
