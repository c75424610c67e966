package io.tenantctl.manifest;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in manifests and options: {@code 30s}, {@code 10m}, {@code 1h30m}. */
public final class DurationText {

  private static final Pattern FORM = Pattern.compile("(?=\\d)(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private DurationText() {}

  /** The duration {@code text} stands for; empty when it is not of that form. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofHours(number(m.group(1)))
          .plusMinutes(number(m.group(2)))
          .plusSeconds(number(m.group(3))));
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
