package io.tenantctl.output;

import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * Where a command's progress events go while it runs: a live footer on a terminal, plain timestamped lines
 * without one (CI), or JSON lines. Any thread may call {@link #on}; {@link #close} once the command is done.
 */
public interface ProgressDisplay extends Progress, AutoCloseable {

  /** Stops redrawing, clears a live footer, and prints the final line if a batch ran. */
  @Override
  void close();

  /**
   * The display for stderr: live when {@code terminal} is interactive, plain lines otherwise.
   * {@code secrets} are masked before a line is cut to the terminal's width (a cut secret is no longer
   * recognisable downstream).
   */
  static ProgressDisplay forTerminal(Terminal terminal, PrintWriter err, Secrets secrets, Clock clock) {
    if (terminal.interactive()) {
      return LiveProgress.start(err, terminal, secrets, clock);
    }
    return new PlainProgress(err, secrets, clock);
  }

  /** Every event as one JSON object per line ({@code --output json} on long-running commands). */
  static ProgressDisplay jsonLines(PrintWriter out, Json json, Clock clock) {
    return new JsonLinesProgress(out, json, clock);
  }

  /** {@code display} with each step's message reworded first (a command it names made pasteable). */
  static ProgressDisplay rewording(ProgressDisplay display, java.util.function.UnaryOperator<String> steps) {
    return new ProgressDisplay() {
      @Override
      public void on(ProgressEvent event) {
        display.on(event instanceof ProgressEvent.Step s ? new ProgressEvent.Step(s.subject(), steps.apply(s.message()))
            : event);
      }

      @Override
      public void close() {
        display.close();
      }
    };
  }

  /** Each event to each display in turn, e.g. JSON lines on stdout and the live footer on stderr. */
  static ProgressDisplay both(ProgressDisplay first, ProgressDisplay second) {
    List<ProgressDisplay> all = List.of(first, second);
    return new ProgressDisplay() {
      @Override
      public void on(ProgressEvent event) {
        all.forEach(d -> d.on(event));
      }

      @Override
      public void close() {
        all.forEach(ProgressDisplay::close);
      }
    };
  }
}
