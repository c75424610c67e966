package io.tenantctl.core;

import java.time.Duration;

/** Durations as an operator reads them, in progress lines and reports. */
public final class Durations {
  private Durations() {}

  /** {@code 42s}, {@code 3m05s}, {@code 1h02m}; never negative. */
  public static String compact(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
