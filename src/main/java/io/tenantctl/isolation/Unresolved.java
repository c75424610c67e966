package io.tenantctl.isolation;

import java.util.Optional;

/**
 * A template value the guard could not work out, e.g. an {@code Fn::ImportValue}. It travels
 * through the policy as a marker string so that the rule can tell where it ended up: in a
 * principal or condition it forces a refusal, elsewhere it is harmless.
 *
 * @param what what could not be resolved, e.g. "Fn::ImportValue" or "Ref to unknown name Foo"
 */
record Unresolved(String what) {

  // U+2047 never appears in real policies, so a marker cannot be confused with a value.
  private static final String OPEN = "\u2047unresolved:";
  private static final String CLOSE = "\u2047";

  String marker() {
    return OPEN + what + CLOSE;
  }

  /** What could not be resolved, if {@code value} carries a marker. */
  static Optional<String> in(String value) {
    int start = value.indexOf(OPEN);
    if (start < 0) {
      return Optional.empty();
    }
    int end = value.indexOf(CLOSE, start + OPEN.length());
    return Optional.of(value.substring(start + OPEN.length(), end < 0 ? value.length() : end));
  }
}
