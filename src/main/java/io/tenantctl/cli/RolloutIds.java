package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import java.util.regex.Pattern;

/** A rollout ID on the command line, judged before any AWS call: the form {@code rollout start} gives ids. */
final class RolloutIds {
  // r-<yyyyMMdd>-<HHmm>-<stack>[-n]: lowercase letters, digits and hyphens after r-, nothing that leaves a directory
  private static final Pattern FORM = Pattern.compile("r-[a-z0-9][a-z0-9-]{0,80}");

  private RolloutIds() {}

  static String check(String id) {
    if (id == null || !FORM.matcher(id).matches()) {
      throw Fault.invalid("rollout id " + (id == null || id.isEmpty() ? "is empty" : "\"" + id + "\" is not of the"
          + " form r-<date>-<time>-<stack>, e.g. r-20261123-1412-app"), "copy the id from `tenantctl rollout ls`");
    }
    return id;
  }
}
