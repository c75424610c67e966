package io.tenantctl.output;

import io.tenantctl.core.ProgressEvent;
import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal: the plain lines scroll above a footer ({@link Footer}) that is redrawn in place.
 * Events only update the state and queue lines; a single ticker thread draws, at most every
 * {@link #INTERVAL}, in one write per redraw under the same lock, so output never tears.
 */
final class LiveProgress implements ProgressDisplay {
  static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration CLOCK_REDRAW = Duration.ofSeconds(1);
  static final int MAX_TENANT_ROWS = 10;

  private final PrintWriter err;
  private final Terminal terminal;
  private final Clock clock;
  private final ProgressState state;
  private final ProgressLines lines;
  private final List<ProgressLines.Line> pending = new ArrayList<>();
  private ScheduledExecutorService ticker;
  private int footerHeight;
  private boolean dirty;
  private boolean closed;
  private Instant drawnAt = Instant.MIN;

  LiveProgress(PrintWriter err, Terminal terminal, Secrets secrets, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.state = new ProgressState(secrets::redact);
    this.lines = new ProgressLines(clock.getZone(), secrets::redact);
  }

  /** A display with its ticker running; without {@code start}, tests draw by calling {@link #tick}. */
  static LiveProgress start(PrintWriter err, Terminal terminal, Secrets secrets, Clock clock) {
    LiveProgress live = new LiveProgress(err, terminal, secrets, clock);
    live.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tenantctl-progress");
      t.setDaemon(true);
      return t;
    });
    long ms = INTERVAL.toMillis();
    live.ticker.scheduleAtFixedRate(live::tick, ms, ms, TimeUnit.MILLISECONDS);
    return live;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    Instant now = clock.instant();
    state.apply(event, now);
    lines.line(event, now).ifPresent(line -> {
      if (closed) {
        err.println(render(line));
        err.flush();
      } else {
        pending.add(line);
      }
    });
    dirty = true;
  }

  /** Redraws if anything changed, or once a second while tenants are in flight (their clocks move). */
  synchronized void tick() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    boolean clocks = !state.inFlight().isEmpty() && !now.isBefore(drawnAt.plus(CLOCK_REDRAW));
    if (!dirty && !clocks) {
      return;
    }
    StringBuilder out = new StringBuilder();
    eraseFooter(out);
    flushPending(out);
    List<String> footer = Footer.render(state, now, terminal.width(), terminal.colour(), MAX_TENANT_ROWS);
    for (String line : footer) {
      out.append(line).append('\n');
    }
    footerHeight = footer.size();
    write(out);
    dirty = false;
    drawnAt = now;
  }

  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = ticker;
      StringBuilder out = new StringBuilder();
      eraseFooter(out);
      flushPending(out);
      footerHeight = 0;
      lines.summary(state, clock.instant()).ifPresent(line -> out.append(render(line)).append('\n'));
      write(out);
    }
    if (t != null) {
      t.shutdownNow();
    }
  }

  private void eraseFooter(StringBuilder out) {
    if (footerHeight > 0) {
      out.append(Ansi.eraseUp(footerHeight));
    }
  }

  private void flushPending(StringBuilder out) {
    for (ProgressLines.Line line : pending) {
      out.append(render(line)).append('\n');
    }
    pending.clear();
  }

  private String render(ProgressLines.Line line) {
    return terminal.colour() ? line.coloured() : line.plain();
  }

  private void write(StringBuilder out) {
    if (out.length() > 0) {
      err.print(out);
      err.flush();
    }
  }
}
