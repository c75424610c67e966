package io.tenantctl.output;

import io.tenantctl.core.ProgressEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live footer as a pure function of a {@link ProgressState}: per batch or wave a bar (done, failed, in
 * flight, waiting) and its counts, then the tenants in flight with what each is doing and for how long.
 * Every line is cut to {@code width - 1} visible characters, so none wraps and the redraw stays in place.
 */
public final class Footer {
  /** Waves shown at most; a long rollout shows its latest ones. */
  static final int MAX_WAVES = 4;

  private Footer() {}

  /**
   * @param now for how long each tenant has been in flight
   * @param width the terminal's width
   * @param colour ANSI colours; without, the bar uses distinct characters ({@code # x > .})
   * @param maxTenants tenant rows at most; the rest are counted in one line
   */
  public static List<String> render(ProgressState state, Instant now, int width, boolean colour, int maxTenants) {
    int max = Math.max(1, width - 1);
    List<String> lines = new ArrayList<>();
    if (!state.batch()) {
      return lines;
    }
    List<Map.Entry<String, ProgressEvent.WaveProgress>> waves = new ArrayList<>(state.waves().entrySet());
    if (waves.isEmpty()) {
      lines.add(totals(state).render(max, colour));
    } else {
      var shown = waves.subList(Math.max(0, waves.size() - MAX_WAVES), waves.size());
      int nameWidth = shown.stream().mapToInt(w -> w.getKey().length()).max().orElse(0);
      int barWidth = Math.min(30, Math.max(10, width / 4));
      for (var w : shown) {
        Ansi line = wave(w.getKey(), w.getValue(), nameWidth, barWidth, colour);
        String note = state.note(w.getKey(), now);
        if (!note.isEmpty()) {
          line.add("  ").add(note, note.startsWith("HALTED") || note.contains("red") ? Ansi.RED : Ansi.DIM);
        }
        lines.add(line.render(max, colour));
      }
    }
    List<ProgressState.InFlight> tenants = state.inFlight();
    int nameWidth = tenants.stream().mapToInt(t -> t.tenant().length()).max().orElse(0);
    int rows = tenants.size() <= maxTenants ? tenants.size() : Math.max(0, maxTenants - 1);
    for (ProgressState.InFlight t : tenants.subList(0, rows)) {
      Ansi line = new Ansi().add("  ").add(pad(t.tenant(), nameWidth), Ansi.BOLD).add("  ")
          .add(padLeft(elapsed(Duration.between(t.since(), now)), 6), Ansi.DIM).add("  ")
          .add(t.doing(), t.troubled() ? Ansi.RED : null);
      lines.add(line.render(max, colour));
    }
    if (rows < tenants.size()) {
      lines.add(new Ansi().add("  … and " + (tenants.size() - rows) + " more in flight", Ansi.DIM).render(max, colour));
    }
    return lines;
  }

  private static Ansi wave(String name, ProgressEvent.WaveProgress w, int nameWidth, int barWidth, boolean colour) {
    Ansi line = new Ansi().add(pad(name, nameWidth), Ansi.BOLD).add("  ");
    bar(line, w, barWidth, colour);
    line.add("  " + w.done() + "/" + w.total() + " done");
    if (w.failed() > 0) {
      line.add("  ").add(w.failed() + " failed", Ansi.RED);
    }
    line.add("  " + w.inFlight() + " in flight  " + Math.max(0, w.waiting()) + " waiting");
    return line;
  }

  /** Cumulative rounding, so the four parts always fill the bar exactly. */
  private static void bar(Ansi line, ProgressEvent.WaveProgress w, int width, boolean colour) {
    int total = Math.max(1, w.total());
    int[] counts = {w.done(), w.failed(), w.inFlight(), Math.max(0, w.waiting())};
    String[] plain = {"#", "x", ">", "."};
    String[] styles = {Ansi.GREEN, Ansi.RED, Ansi.YELLOW, Ansi.DIM};
    line.add("[");
    int cumulative = 0;
    int drawn = 0;
    for (int i = 0; i < counts.length; i++) {
      cumulative += counts[i];
      int upTo = i == counts.length - 1 ? width : (int) Math.round((double) Math.min(cumulative, total) * width / total);
      int cells = Math.max(0, upTo - drawn);
      drawn += cells;
      if (cells > 0) {
        String glyph = colour ? (i == 3 ? "░" : "█") : plain[i];
        line.add(glyph.repeat(cells), styles[i]);
      }
    }
    line.add("]");
  }

  private static Ansi totals(ProgressState state) {
    Ansi line = new Ansi().add(state.succeeded() + " done");
    if (!state.failures().isEmpty()) {
      line.add("  ").add(state.failures().size() + " failed", Ansi.RED);
    }
    return line.add("  " + state.inFlight().size() + " in flight");
  }

  /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
  static String elapsed(Duration d) {
    return io.tenantctl.core.Durations.compact(d);
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
