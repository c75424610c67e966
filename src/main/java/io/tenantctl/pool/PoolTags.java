package io.tenantctl.pool;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account tags the pool lives in, so that it can be rebuilt from Organizations alone: a lost state directory
 * loses nothing.
 */
public final class PoolTags {
  /** ready, claimed, cleaning or quarantined. */
  public static final String STATE = "tenantctl:pool-state";
  /** When the account entered its state (ISO-8601 UTC). */
  public static final String SINCE = "tenantctl:pool-since";
  /** The developer who last had the account: a returned account goes back to them first. */
  public static final String LAST_OWNER = "tenantctl:pool-owner";
  /** Why the account was quarantined. */
  public static final String REASON = "tenantctl:pool-reason";
  /** The developer a dev tenant belongs to. */
  public static final String OWNER = "tenantctl:owner";
  /** When a dev tenant expires (ISO-8601 UTC instant). */
  public static final String EXPIRES = "tenantctl:expires";
  public static final String MANAGED_BY = "tenantctl:managed-by";

  private PoolTags() {}

  /** The pool states, as the {@link #STATE} tag spells them. */
  public enum State {
    READY, CLAIMED, CLEANING, QUARANTINED;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<State> of(Map<String, String> tags) {
      String v = tags.get(STATE);
      if (v == null) {
        return Optional.empty();
      }
      for (State s : values()) {
        if (s.tag().equals(v)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public static String instant(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static Optional<Instant> instant(Map<String, String> tags, String key) {
    try {
      return Optional.ofNullable(tags.get(key)).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A tag value AWS accepts: letters, digits, spaces and {@code _.:/=+-@}, at most 256 characters. */
  public static String value(String text) {
    String clean = text.replaceAll("[^\\p{L}\\p{N} _.:/=+\\-@]", " ").replaceAll(" +", " ").trim();
    return clean.length() <= 256 ? clean : clean.substring(0, 256);
  }
}
