package io.tenantctl.manifest;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in manifests and options: {@code 30s}, {@code 10m}, {@code 1h30m}. */
public final class DurationText {

  private static final Pattern FORM = Pattern.compile("(?=\\d)(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** The longest bake a wave may have: a longer watch belongs to alarms, not to a rollout that holds the fleet. */
  public static final Duration MAX_BAKE = Duration.ofHours(168);
  /** The longest a dev tenant may be given to live. */
  public static final Duration MAX_TTL = Duration.ofHours(8760);

  private DurationText() {}

  /** {@code d} as it is written in manifests: {@code 168h}, {@code 1h30m}, {@code 45s}, {@code 0s}. */
  public static String format(Duration d) {
    StringBuilder out = new StringBuilder();
    if (d.toHours() > 0) {
      out.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      out.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || out.length() == 0) {
      out.append(d.toSecondsPart()).append('s');
    }
    return out.toString();
  }

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
