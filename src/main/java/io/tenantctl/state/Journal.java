package io.tenantctl.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An append-only journal of typed events. Callers append what they are about to do before they do it, under
 * the idempotency key of the step (e.g. {@code TENANT:acme}), and a re-run replays the journal to find where it
 * stopped. Never put secrets in it: ids and names only.
 *
 * @param <E> the events: a sealed interface whose permitted records are serialised with a {@code type} property
 */
public interface Journal<E> {

  /**
   * One journalled event. {@code seq} orders the journal (1, 2, …); {@code key} is the idempotency key of the
   * step the event belongs to.
   */
  record Entry<E>(long seq, Instant at, String key, E event) {}

  /**
   * Appends {@code event} under {@code key}, durably (on disk, or acknowledged by the backend) before it returns.
   * Appending an event equal to the latest one under the same key appends nothing and returns that entry, so a
   * retried step is journalled once.
   */
  Entry<E> append(String key, E event);

  /**
   * Appends as {@link #append} does but may return before the entry is written or durable: it is written before any
   * entry appended after it, and the next {@link #append} of any step returns once both are durable. Only for a step
   * whose loss in a crash repeats idempotent work and nothing else, e.g. a tenant started (nothing was changed yet)
   * or a tenant done (a resumed deploy finds its stack at the target). If it cannot be written, the next append
   * fails.
   */
  default void appendLazily(String key, E event) {
    append(key, event);
  }

  /** Every entry, in the order appended. */
  List<Entry<E>> entries();

  /** The entries of one step, in the order appended. */
  List<Entry<E>> entries(String key);

  /** How a journal view appends: e.g. only under a fence. */
  interface Appender<E> {
    Entry<E> append(String key, E event);
  }

  /**
   * {@code journal} read as it is, appended to by {@code appender} (lazy appends too: made durable at once). For a
   * view of a journal whose writes take a condition, such as a fence.
   */
  static <E> Journal<E> appendingBy(Journal<E> journal, Appender<E> appender) {
    return new Journal<>() {
      @Override
      public Entry<E> append(String key, E event) {
        return appender.append(key, event);
      }

      @Override
      public List<Entry<E>> entries() {
        return journal.entries();
      }

      @Override
      public List<Entry<E>> entries(String key) {
        return journal.entries(key);
      }
    };
  }

  /** The latest entry of one step. */
  default Optional<Entry<E>> latest(String key) {
    List<Entry<E>> of = entries(key);
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }
}
