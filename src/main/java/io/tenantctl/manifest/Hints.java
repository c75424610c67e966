package io.tenantctl.manifest;

import java.util.List;

/** The "did you mean …? use one of: …" part of a fix. */
final class Hints {

  private Hints() {}

  /** E.g. {@code did you mean "canary"? use one of: canary, early, general}. */
  static String oneOf(String given, List<String> choices, String useOneOf) {
    String list = useOneOf + ": " + String.join(", ", choices);
    return ClosestName.among(given, choices).map(c -> "did you mean \"" + c + "\"? " + list).orElse(list);
  }
}
