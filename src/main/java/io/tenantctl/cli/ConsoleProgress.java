package io.tenantctl.cli;

import io.tenantctl.core.Progress;
import java.io.PrintWriter;

/** Progress on stderr, so stdout stays the result (text or JSON). */
final class ConsoleProgress implements Progress {
  private final PrintWriter err;
  private final boolean verbose;

  ConsoleProgress(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public synchronized void step(String subject, String message) {
    err.println("-> " + subject + ": " + message);
    err.flush();
  }

  @Override
  public synchronized void detail(String subject, String message) {
    if (verbose) {
      err.println("   " + subject + ": " + message);
      err.flush();
    }
  }
}
