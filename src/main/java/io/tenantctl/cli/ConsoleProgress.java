package io.tenantctl.cli;

import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import java.io.PrintWriter;

/** Progress on stderr, so stdout stays the result (text or JSON). */
final class ConsoleProgress implements Progress {
  private final PrintWriter err;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    String text = null;
    if (event instanceof ProgressEvent.Step s) {
      text = s.message();
    } else if (event instanceof ProgressEvent.StackEvent e) {
      text = e.logicalId() + " " + e.resourceType() + " " + e.status() + e.reason().map(r -> ": " + r).orElse("");
    }
    if (text != null) {
      err.println("-> " + event.subject() + ": " + text);
      err.flush();
    }
  }
}
