package io.tenantctl.cli;

import io.tenantctl.core.Progress;
import java.io.PrintWriter;

/** Progress on stderr, so stdout stays the result (text or JSON). */
final class ConsoleProgress implements Progress {
  private final PrintWriter err;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void step(String subject, String message) {
    err.println("-> " + subject + ": " + message);
    err.flush();
  }
}
