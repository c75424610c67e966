package io.tenantctl.rollout;

import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.rollout.RolloutRecord.TenantState;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.state.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rollout as a picture, from its journal: one self-contained XHTML file (no script, nothing fetched) with a
 * timeline. Waves are bands, each tenant a bar from its first step to its last coloured by outcome, its restore a
 * second bar on the same row; bakes, gate reads, the halt and the rollback are marked; every mark has a title with
 * what a person hovering it wants (tenant, stack, wave, outcome, how long, the failure's reason). When a tenant's row
 * would be thinner than a pixel, each wave shows one bar per outcome with its count instead.
 */
public final class RolloutTimeline {
  private RolloutTimeline() {}

  private static final int WIDTH = 1000;
  private static final int LABELS = 170;
  private static final int PLOT = WIDTH - LABELS - 20;
  private static final int TOP = 30;
  /** The height the tenants' rows share: below a pixel a row, waves are shown by outcome. */
  private static final int ROWS = 600;
  private static final int MAX_ROW = 16;
  private static final int AGGREGATE_ROW = 14;

  public static String html(List<Journal.Entry<RolloutEvent>> entries) {
    RolloutRecord r = RolloutRecord.of(entries);
    var plan = r.plan();
    Instant t0 = plan.started();
    Instant t1 = r.lastStep().isAfter(t0) ? r.lastStep() : t0.plusSeconds(1);
    var scale = new Scale(t0, t1);
    int tenants = plan.waves().stream().mapToInt(w -> w.tenants().size()).sum();
    boolean aggregate = tenants > ROWS;
    double row = aggregate ? AGGREGATE_ROW : Math.min(MAX_ROW, Math.max(1, ROWS / (double) Math.max(1, tenants)));

    StringBuilder svg = new StringBuilder();
    double y = TOP;
    for (PlannedWave wave : plan.waves()) {
      double top = y;
      List<String> rows = new ArrayList<>();
      if (aggregate) {
        Map<TenantState, List<String>> byState = new EnumMap<>(TenantState.class);
        wave.tenants().forEach(t -> byState.computeIfAbsent(r.tenant(t), s -> new ArrayList<>()).add(t));
        for (var e : byState.entrySet()) {
          var started = span(entries, e.getValue(), "tenant:");
          // tenants that never started: a mark at the start, so that every tenant is counted in the picture
          var span = started != null ? started : new Instant[] {t0, t0};
          rows.add(bar(scale, span, y, row, "aggregate " + css(e.getKey()), e.getValue().size() + " "
              + words(e.getKey()) + " in wave " + wave.name(), "data-state=\"" + css(e.getKey()) + "\" data-count=\""
              + e.getValue().size() + "\"")
              + text(LABELS - 6, y + row - 3, "end", "count", e.getValue().size() + " " + words(e.getKey())));
          y += row + 2;
        }
      } else {
        for (String t : wave.tenants()) {
          rows.add(tenantRow(entries, r, plan.stack(), wave, t, scale, y, row));
          y += row;
        }
      }
      double bottom = Math.max(y, top + row);
      var waveSpan = waveSpan(entries, wave);
      svg.append("<g class=\"wave\" data-wave=\"").append(esc(wave.name())).append("\">");
      if (waveSpan != null) {
        svg.append(bar(scale, waveSpan, top - 2, bottom - top + 4, "band", "wave " + wave.name() + ": "
            + wave.tenants().size() + " tenant(s), concurrency " + wave.concurrency() + ", tolerance "
            + wave.tolerance() + ", " + RolloutReport.took(waveSpan[0], waveSpan[1]), ""));
      }
      svg.append(text(4, top + 11, "start", "wave-name", wave.name()));
      bake(entries, wave, scale, top, bottom, svg);
      rows.forEach(svg::append);
      svg.append("</g>\n");
      y = bottom + 10;
    }
    double height = y + 10;
    marks(entries, r, scale, height, svg);

    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>Rollout ").append(esc(plan.id())).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head>\n<body>\n<h1>Rollout ").append(esc(plan.id())).append("</h1>\n<p class=\"summary\">stack <b>")
        .append(esc(plan.stack())).append("</b>, ").append(esc(plan.selector())).append(", started ")
        .append(t0.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append(", ")
        .append(RolloutReport.took(t0, r.lastStep())).append(" to the last step: <b class=\"state\">")
        .append(esc(r.state().label())).append("</b>");
    r.halt().ifPresent(h -> b.append("; halted at wave <b>").append(esc(h.wave())).append("</b>: ")
        .append(esc(h.reason())));
    b.append("</p>\n<p class=\"legend\">");
    for (TenantState s : new TenantState[] {TenantState.DEPLOYED, TenantState.AT_TARGET, TenantState.FAILED,
        TenantState.RESTORED, TenantState.RESTORE_FAILED, TenantState.STARTED}) {
      b.append("<span class=\"key ").append(css(s)).append("\">").append(words(s)).append("</span> ");
    }
    b.append("<span class=\"key bake\">bake</span> <span class=\"key halt\">halt</span> ")
        .append("<span class=\"key rollback\">rollback</span></p>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append((int) Math.ceil(height)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append((int) Math.ceil(height)).append("\">\n")
        .append(text(LABELS, 14, "start", "axis", t0.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .append(text(LABELS + PLOT, 14, "end", "axis", "+" + RolloutReport.took(t0, t1)))
        .append(svg).append("</svg>\n</body>\n</html>\n");
    return b.toString();
  }

  /** Writes {@code rollout-<id>.html} next to the Markdown report; returns its path. */
  public static Path write(Path dir, String id, List<Journal.Entry<RolloutEvent>> entries) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("rollout-" + id + ".html");
      Files.writeString(file, html(entries));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rollout picture in " + dir, e);
    }
  }

  private static String tenantRow(List<Journal.Entry<RolloutEvent>> entries, RolloutRecord r, String stack,
      PlannedWave wave, String tenant, Scale scale, double y, double row) {
    TenantState state = r.tenant(tenant);
    String stackName = r.previous(tenant).map(RolloutEvent.PreviousRecorded::stack)
        .orElse(StackPlans.stackName(tenant, stack));
    StringBuilder b = new StringBuilder("<g class=\"tenant\" data-tenant=\"").append(esc(tenant))
        .append("\" data-wave=\"").append(esc(wave.name())).append("\" data-state=\"").append(css(state)).append("\">");
    var deploy = span(entries, List.of(tenant), "tenant:");
    var restore = span(entries, List.of(tenant), "restore:");
    String about = tenant + ", stack " + stackName + ", wave " + wave.name();
    String reason = r.reason(tenant).map(why -> ": " + why).orElse("");
    if (deploy != null) {
      String outcome = switch (state) {
        case RESTORED, RESTORING, RESTORE_FAILED -> "deployed";
        default -> words(state);
      };
      b.append(bar(scale, deploy, y, Math.max(1, row - 1), "bar " + (restore != null ? "deployed" : css(state)),
          about + ": " + outcome + " in " + RolloutReport.took(deploy[0], deploy[1])
              + (state == TenantState.FAILED ? reason : ""), ""));
    }
    if (restore != null) {
      b.append(bar(scale, restore, y, Math.max(1, row - 1), "bar " + css(state), about + ": " + words(state)
          + " in " + RolloutReport.took(restore[0], restore[1]) + (state == TenantState.RESTORE_FAILED ? reason : ""),
          ""));
    }
    if (row >= 8) {
      b.append(text(LABELS - 6, y + row - 3, "end", "name", tenant));
    }
    return b.append("</g>").toString();
  }

  /** The bake's stretch (from its start to its end, or to its deadline while it runs) and each gate read. */
  private static void bake(List<Journal.Entry<RolloutEvent>> entries, PlannedWave wave, Scale scale, double top,
      double bottom, StringBuilder svg) {
    Instant start = null;
    Instant end = null;
    for (var e : entries) {
      if (e.event() instanceof RolloutEvent.BakeStarted b && b.wave().equals(wave.name()) && start == null) {
        start = e.at();
        end = b.deadline();
      } else if (e.event() instanceof RolloutEvent.WaveBaked b && b.wave().equals(wave.name())) {
        end = e.at();
      } else if (e.event() instanceof RolloutEvent.GateVerdict v && v.wave().equals(wave.name())) {
        double x = scale.x(e.at());
        svg.append("<line class=\"gate ").append(esc(v.verdict())).append("\" x1=\"").append(f(x)).append("\" x2=\"")
            .append(f(x)).append("\" y1=\"").append(f(top - 2)).append("\" y2=\"").append(f(bottom + 2))
            .append("\"><title>").append(esc("gate read " + e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + ", wave " + v.wave() + ": " + v.verdict() + (v.alarms().isEmpty() ? "" : " (" + String.join(", ",
                v.alarms()) + ")") + (v.detail().isEmpty() ? "" : "; " + v.detail()))).append("</title></line>");
      }
    }
    if (start != null) {
      Instant shown = end.isAfter(scale.to) ? scale.to : end;
      svg.append(bar(scale, new Instant[] {start, shown}, top - 2, bottom - top + 4, "bake", "bake of wave "
          + wave.name() + " (" + RolloutReport.took(start, end) + ")", ""));
    }
  }

  /** The halt and the rollback: lines across the whole picture. */
  private static void marks(List<Journal.Entry<RolloutEvent>> entries, RolloutRecord r, Scale scale, double height,
      StringBuilder svg) {
    for (var e : entries) {
      String kind = null;
      String title = null;
      if (e.event() instanceof RolloutEvent.Halted h) {
        kind = "halt";
        title = "halted at wave " + h.wave() + ": " + h.reason();
      } else if (e.event() instanceof RolloutEvent.RollbackStarted b) {
        kind = "rollback";
        title = "rollback of " + b.tenants().size() + " tenant(s): " + String.join(", ", b.tenants());
      }
      if (kind != null) {
        double x = scale.x(e.at());
        svg.append("<line class=\"").append(kind).append("\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
            .append("\" y1=\"").append(TOP - 8).append("\" y2=\"").append(f(height - 4)).append("\"><title>")
            .append(esc(title)).append("</title></line>")
            // the halt's label to the left of its line, the rollback's to the right: they are seconds apart
            .append(kind.equals("halt") ? text(x - 3, height - 6, "end", kind, kind)
                : text(x + 3, height - 6, "start", kind, kind));
      }
    }
  }

  /** From the first step of these tenants (keys {@code prefix + tenant}) to their last; null before any. */
  private static Instant[] span(List<Journal.Entry<RolloutEvent>> entries, List<String> tenants, String prefix) {
    var keys = new java.util.HashSet<String>();
    tenants.forEach(t -> keys.add(prefix + t));
    return span(entries, keys);
  }

  /** A wave's stretch: its own steps, its bake's and gate's, its tenants' deploys (not their restores). */
  private static Instant[] waveSpan(List<Journal.Entry<RolloutEvent>> entries, PlannedWave wave) {
    var keys = new java.util.HashSet<>(List.of("wave:" + wave.name(), "bake:" + wave.name(), "gate:" + wave.name()));
    wave.tenants().forEach(t -> keys.add("tenant:" + t));
    return span(entries, keys);
  }

  /** From the first step journalled under one of {@code keys} to the last; null before any. */
  private static Instant[] span(List<Journal.Entry<RolloutEvent>> entries, java.util.Set<String> keys) {
    Instant first = null;
    Instant last = null;
    for (var e : entries) {
      if (keys.contains(e.key())) {
        first = first == null ? e.at() : first;
        last = e.at();
      }
    }
    return first == null ? null : new Instant[] {first, last};
  }

  private static String bar(Scale scale, Instant[] span, double y, double h, String cls, String title, String data) {
    double x = scale.x(span[0]);
    double w = Math.max(2, scale.x(span[1]) - x);
    return "<rect class=\"" + cls + "\" x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(w) + "\" height=\"" + f(h)
        + "\"" + (data.isEmpty() ? "" : " " + data) + "><title>" + esc(title) + "</title></rect>";
  }

  private static String text(double x, double y, String anchor, String cls, String text) {
    return "<text class=\"" + cls + "\" x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">"
        + esc(text) + "</text>";
  }

  private record Scale(Instant from, Instant to) {
    double x(Instant at) {
      double whole = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
      double part = Math.min(whole, Math.max(0, at.toEpochMilli() - from.toEpochMilli()));
      return LABELS + PLOT * part / whole;
    }
  }

  private static String css(TenantState s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String words(TenantState s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static final String STYLE = """
      body { font: 14px system-ui, sans-serif; margin: 20px; color: #222; }
      h1 { font-size: 18px; margin: 0 0 6px; }
      .legend .key { display: inline-block; padding: 1px 8px; margin-right: 4px; border-radius: 3px; color: #fff; }
      svg text { font: 11px system-ui, sans-serif; fill: #333; }
      svg text.wave-name { font-weight: bold; }
      svg text.halt { fill: #b00020; font-weight: bold; } svg text.rollback { fill: #8a4b00; font-weight: bold; }
      rect.band { fill: #eef2f7; stroke: #c9d3df; }
      rect.bake, .key.bake { fill: #f6e7b0; background: #d9b93a; opacity: 0.7; }
      .deployed { fill: #2e8b57; background: #2e8b57; } .at-target { fill: #6fa8dc; background: #6fa8dc; }
      .failed { fill: #d32f2f; background: #d32f2f; } .restored { fill: #ef8a17; background: #ef8a17; }
      .restoring { fill: #f4b26b; background: #f4b26b; } .restore-failed { fill: #7b1fa2; background: #7b1fa2; }
      .started, .recorded { fill: #9e9e9e; background: #9e9e9e; } .waiting { fill: #e0e0e0; background: #bdbdbd; }
      line.gate { stroke: #555; stroke-dasharray: 2 2; } line.gate.red { stroke: #d32f2f; }
      line.halt, .key.halt { stroke: #b00020; stroke-width: 2; background: #b00020; }
      line.rollback, .key.rollback { stroke: #8a4b00; stroke-width: 2; stroke-dasharray: 6 3; background: #8a4b00; }
      """;
}
