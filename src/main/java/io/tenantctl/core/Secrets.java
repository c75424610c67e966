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
