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
  private final Set<String> values = ConcurrentHashMap.newKeySet();

  public void add(String value) {
    // masking values under 4 characters would garble ordinary output; such values protect nothing anyway
    if (value != null && value.length() >= 4) {
      values.add(value);
    }
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
