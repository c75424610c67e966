package io.tenantctl.sim;

import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a service told the operator, as {@code subject: message} lines. */
public final class Steps implements Progress {
  public final List<String> steps = new CopyOnWriteArrayList<>();

  public final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(ProgressEvent event) {
    events.add(event);
    if (event instanceof ProgressEvent.Step s) {
      steps.add(s.subject() + ": " + s.message());
    } else if (event instanceof ProgressEvent.StackEvent e) {
      steps.add(e.stack() + ": " + e.logicalId() + " " + e.resourceType() + " " + e.status()
          + e.reason().map(r -> ": " + r).orElse(""));
    }
  }

  public boolean saidStep(String fragment) {
    return steps.stream().anyMatch(s -> s.contains(fragment));
  }

  @Override
  public String toString() {
    return String.join("\n", steps);
  }
}
