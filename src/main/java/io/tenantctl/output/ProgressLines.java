package io.tenantctl.output;

import io.tenantctl.core.ProgressEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The scrolling lines of progress, {@code 10:42:07  acme     baseline  CREATE_COMPLETE}: time, subject
 * padded to the widest seen so far (so parallel tenants line up), then what happened. Not thread-safe: its
 * display calls it under its lock.
 */
final class ProgressLines {
  static final int MIN_SUBJECT = 8;
  // a subject longer than this is not padded to, so one long name does not push every line right
  static final int MAX_SUBJECT = 32;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** One line: its time, its text (subject and detail, masked), and whether it reports a failure. */
  record Line(String time, String text, boolean failed) {
    String plain() {
      return time + "  " + text;
    }

    String coloured() {
      return Ansi.DIM + time + Ansi.RESET + "  " + (failed ? Ansi.RED + text + Ansi.RESET : text);
    }
  }

  private final ZoneId zone;
  private final UnaryOperator<String> mask;
  private int subjectWidth = MIN_SUBJECT;

  ProgressLines(ZoneId zone, UnaryOperator<String> mask) {
    this.zone = zone;
    this.mask = mask;
  }

  /** The line for a step, a stack event or a tenant's end; none for the rest, which only the footer shows. */
  Optional<Line> line(ProgressEvent event, Instant at) {
    String detail;
    boolean failed = false;
    if (event instanceof ProgressEvent.Step s) {
      detail = s.message();
    } else if (event instanceof ProgressEvent.StackEvent e) {
      detail = e.logicalId() + " " + e.resourceType() + " " + e.status() + e.reason().map(r -> ": " + r).orElse("");
      failed = e.failed();
    } else if (event instanceof ProgressEvent.TenantDone d) {
      failed = !d.succeeded();
      detail = d.failure().map(f -> "FAILED: " + f)
          .orElse(d.summary() == null || d.summary().isEmpty() ? "done" : "done: " + d.summary());
    } else if (event instanceof ProgressEvent.WaveStarted w) {
      detail = "wave started: " + w.tenants() + (w.tenants() == 1 ? " tenant, " : " tenants, ") + w.concurrency()
          + " at once";
    } else if (event instanceof ProgressEvent.WaveBaking b) {
      // in the lines' own clock, and how long that is from now (a resumed bake has less left)
      detail = "baking until " + TIME.format(b.deadline().atZone(zone)) + " ("
          + Footer.elapsed(Duration.ofSeconds((Duration.between(at, b.deadline()).toMillis() + 999) / 1000))
          + " left)";
    } else if (event instanceof ProgressEvent.WaveBaked) {
      detail = "baked, gate green";
    } else if (event instanceof ProgressEvent.GateVerdict g) {
      failed = g.verdict().equals("red") || g.verdict().equals("unreadable");
      detail = "gate " + g.verdict() + (g.alarms().isEmpty() ? "" : ": " + String.join(", ", g.alarms()))
          + (g.detail().isEmpty() ? "" : " (" + g.detail() + ")");
    } else if (event instanceof ProgressEvent.Halted h) {
      failed = true;
      detail = "HALTED: " + h.reason();
    } else if (event instanceof ProgressEvent.RolledBack r) {
      failed = r.failure().isPresent();
      detail = r.failure().map(f -> "ROLLBACK FAILED: " + f).orElse("rolled back");
    } else if (event instanceof ProgressEvent.RolloutSummary r) {
      failed = !r.state().equals("done");
      detail = r.stack() + " " + r.state() + ": " + r.deployed() + " deployed, " + r.atTarget() + " already at the"
          + " target, " + r.failed() + " failed, " + r.rolledBack() + " rolled back";
    } else {
      return Optional.empty();
    }
    String subject = event.subject();
    if (subject.length() <= MAX_SUBJECT) {
      subjectWidth = Math.max(subjectWidth, subject.length());
    }
    return Optional.of(new Line(time(at), mask.apply(Footer.pad(subject, subjectWidth) + "  " + detail), failed));
  }

  /** The closing line of a batch: how many succeeded and failed (naming the first few), and how long it took. */
  Optional<Line> summary(ProgressState state, Instant now) {
    if (!state.batch()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder().append(state.succeeded()).append(" succeeded");
    var failures = state.failures();
    if (!failures.isEmpty()) {
      b.append(", ").append(failures.size()).append(" failed (")
          .append(failures.stream().limit(5).map(ProgressState.Failure::tenant).collect(Collectors.joining(", ")))
          .append(failures.size() > 5 ? ", …)" : ")");
    }
    if (!state.inFlight().isEmpty()) {
      b.append(", ").append(state.inFlight().size()).append(" unfinished");
    }
    state.firstEvent().ifPresent(first -> b.append(" in ").append(Footer.elapsed(Duration.between(first, now))));
    return Optional.of(new Line(time(now), b.toString(), !failures.isEmpty()));
  }

  private String time(Instant at) {
    return TIME.format(at.atZone(zone));
  }
}
