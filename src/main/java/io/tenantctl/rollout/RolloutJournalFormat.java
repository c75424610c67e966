package io.tenantctl.rollout;

import io.tenantctl.core.Fault;

/**
 * The format of a rollout's journal, carried by its {@code planned} event. A journal of a newer format is refused
 * before anything is read from it or written to it: an older tenantctl could misread it and resume it wrongly.
 * Change {@link #CURRENT} with every change that an older reader would misread, and keep reading the older formats
 * (the saved journals under {@code src/test/resources/io/tenantctl/rollout/journal-format-*} are replayed by a test).
 */
final class RolloutJournalFormat {
  /** The format this tenantctl writes and the newest it reads. */
  static final int CURRENT = 1;

  private RolloutJournalFormat() {}

  /** The format of a journal whose plan says {@code declared}: 0 means written before formats were named (1). */
  static int of(int declared) {
    return declared == 0 ? 1 : declared;
  }

  /** Refuses a journal this tenantctl cannot read. */
  static void check(String id, int declared) {
    int format = of(declared);
    if (format > CURRENT) {
      throw Fault.failed("rollout " + id + " was journalled by a newer tenantctl (journal format " + format
          + "; this one reads up to " + CURRENT + ")", "use the tenantctl release that started it, or a newer one");
    }
  }
}
