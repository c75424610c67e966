package io.tenantctl.state;

import java.util.List;
import java.util.Optional;

/**
 * Small JSON documents by key, e.g. {@code rollouts/app/previous} or {@code pool/claims/123456789012}. Keys are
 * {@code /}-separated words of letters, digits and {@code ._@-}. A put replaces the whole document atomically:
 * a reader sees the old document or the new one, never a mix. Never put secrets in it.
 */
public interface Records {

  /** Stores {@code document} (a record, serialised by Jackson) under {@code key}, durably. */
  void put(String key, Object document);

  <T> Optional<T> get(String key, Class<T> type);

  /** The keys starting with {@code prefix}, sorted. */
  List<String> keys(String prefix);

  /** Removes the document; false when there was none. */
  boolean delete(String key);
}
