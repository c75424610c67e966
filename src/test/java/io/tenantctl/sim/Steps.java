package io.tenantctl.sim;

import io.tenantctl.core.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a service told the operator, as {@code subject: message} lines. */
public final class Steps implements Progress {
  public final List<String> steps = new CopyOnWriteArrayList<>();

  @Override
  public void step(String subject, String message) {
    steps.add(subject + ": " + message);
  }

  public boolean saidStep(String fragment) {
    return steps.stream().anyMatch(s -> s.contains(fragment));
  }

  @Override
  public String toString() {
    return String.join("\n", steps);
  }
}
