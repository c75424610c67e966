package io.tenantctl.output;

import io.tenantctl.core.ProgressEvent;
import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.time.Clock;

/** Progress without a terminal (CI, pipes): one timestamped line per step, stack event and finished tenant; no escapes. */
final class PlainProgress implements ProgressDisplay {
  private final PrintWriter err;
  private final Clock clock;
  private final ProgressState state;
  private final ProgressLines lines;
  private boolean closed;

  PlainProgress(PrintWriter err, Secrets secrets, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.state = new ProgressState(secrets::redact);
    this.lines = new ProgressLines(clock.getZone(), secrets::redact);
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    var now = clock.instant();
    state.apply(event, now);
    lines.line(event, now).ifPresent(line -> {
      err.println(line.plain());
      err.flush();
    });
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    lines.summary(state, clock.instant()).ifPresent(line -> err.println(line.plain()));
    err.flush();
  }
}
