package io.tenantctl.core;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values of this run (parameters marked secret, NoEcho parameters). Anything printed goes
 * through {@link #redact}, so a secret that slips into an error message from AWS is still not shown.
 */
public final class Secrets {
  private static final String MASK = "****";
  /** Shorter secret values are refused (exit 2): masking them would garble ordinary output, and they guard little. */
  public static final int MIN_LENGTH = 4;
  private final Set<String> values = ConcurrentHashMap.newKeySet();

  public void add(String value) {
    // shorter ones are refused before they get here (StackPlans)
    if (value != null && value.length() >= MIN_LENGTH) {
      values.add(value);
      // as a message quoting a JSON document would carry it: Db\"Pass\\word, with or without \\u escapes
      values.add(jsonEscaped(value, false));
      values.add(jsonEscaped(value, true));
    }
  }

  private static String jsonEscaped(String value, boolean asciiOnly) {
    StringBuilder b = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || (asciiOnly && c > 0x7e)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** This run's secret values stretched, by value: a run plans the same secret for many tenants. */
  private final java.util.Map<String, byte[]> stretched = new ConcurrentHashMap<>();
  private static final java.util.concurrent.atomic.AtomicInteger DERIVED = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A secret value through a slow key derivation (PBKDF2-HMAC-SHA256, 120,000 iterations, one fixed salt), so a
   * digest that includes it (a stack's fingerprint tag, which anyone who can read the stack sees) cannot be used to
   * guess it. Slow on purpose, so this run derives each value once, not once per tenant or stack; the digest of the
   * plan around it keeps each stack's fingerprint its own.
   */
  public byte[] stretched(String value) {
    return stretched.computeIfAbsent(value, Secrets::stretch).clone();
  }

  /** {@link #stretched}, derived again on every call: for a plan made outside a run's planning. */
  public static byte[] stretch(String value) {
    DERIVED.incrementAndGet();
    try {
      var spec = new javax.crypto.spec.PBEKeySpec(value.toCharArray(),
          "tenantctl:secret-parameter".getBytes(java.nio.charset.StandardCharsets.UTF_8), 120_000, 256);
      return javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many values were stretched in this JVM so far (a test counts them). */
  static int stretchedCount() {
    return DERIVED.get();
  }

  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    // longest first, so a secret containing another is masked whole
    for (String v : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      out = out.replace(v, MASK);
    }
    return out;
  }
}
