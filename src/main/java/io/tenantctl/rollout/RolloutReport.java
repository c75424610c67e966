package io.tenantctl.rollout;

import io.tenantctl.core.Durations;
import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.state.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Markdown report of a rollout, from its journal: waves, tenants, failures with their reasons, gate verdicts. */
public final class RolloutReport {
  private RolloutReport() {}

  public static String markdown(List<Journal.Entry<RolloutEvent>> entries) {
    RolloutRecord r = RolloutRecord.of(entries);
    var plan = r.plan();
    StringBuilder b = new StringBuilder();
    b.append("# Rollout ").append(plan.id()).append("\n\n");
    b.append("- stack: `").append(plan.stack()).append("`\n");
    b.append("- tenants: ").append(plan.selector()).append("\n");
    b.append("- started: ").append(time(plan.started())).append("\n");
    b.append("- last step: ").append(time(r.lastStep())).append(" (").append(took(plan.started(), r.lastStep()))
        .append(" after the start)\n");
    b.append("- state: **").append(r.state()).append("**\n");
    r.halt().ifPresent(h -> b.append("- halted at wave ").append(h.wave()).append(": ").append(h.reason())
        .append("\n"));
    b.append("\n## Waves\n\n| wave | tenants | concurrency | tolerance | bake | done | at target | failed | rolled back"
        + " | took |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (PlannedWave w : plan.waves()) {
      b.append("| ").append(w.name()).append(" | ").append(w.tenants().size()).append(" | ").append(w.concurrency())
          .append(" | ").append(w.tolerance()).append(" (").append(w.tolerated()).append(" tolerated) | ")
          .append(w.bake().isZero() ? "-" : w.bake().toString().substring(2).toLowerCase(java.util.Locale.ROOT))
          .append(" | ").append(r.count(w.name(), RolloutRecord.TenantState.DEPLOYED))
          .append(" | ").append(r.count(w.name(), RolloutRecord.TenantState.AT_TARGET))
          .append(" | ").append(r.count(w.name(), RolloutRecord.TenantState.FAILED))
          .append(" | ").append(r.count(w.name(), RolloutRecord.TenantState.RESTORED))
          .append(" | ").append(span(entries, w)).append(" |\n");
    }
    b.append("\n## Tenants\n\n| tenant | wave | state | started | ended | took |\n|---|---|---|---|---|---|\n");
    for (PlannedWave w : plan.waves()) {
      for (String t : w.tenants()) {
        var steps = entries.stream().filter(e -> e.key().equals("tenant:" + t) || e.key().equals("restore:" + t))
            .toList();
        b.append("| ").append(t).append(" | ").append(w.name()).append(" | ")
            .append(r.tenant(t).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" | ")
            .append(steps.isEmpty() ? "-" : time(steps.get(0).at())).append(" | ")
            .append(steps.isEmpty() ? "-" : time(steps.get(steps.size() - 1).at())).append(" | ")
            .append(steps.isEmpty() ? "-" : took(steps.get(0).at(), steps.get(steps.size() - 1).at())).append(" |\n");
      }
    }
    var failed = plan.waves().stream().flatMap(w -> w.tenants().stream()).filter(t -> r.reason(t).isPresent())
        .toList();
    if (!failed.isEmpty()) {
      b.append("\n## Failures\n\n");
      failed.forEach(t -> b.append("- **").append(t).append("**: ").append(r.reason(t).get()).append("\n"));
    }
    if (!r.verdicts().isEmpty()) {
      b.append("\n## Gate verdicts\n\n| time | wave | verdict | alarms |\n|---|---|---|---|\n");
      for (var e : r.verdicts()) {
        var v = (RolloutEvent.GateVerdict) e.event();
        b.append("| ").append(time(e.at())).append(" | ").append(v.wave()).append(" | ").append(v.verdict()).append(" | ")
            .append(v.alarms().isEmpty() ? (v.detail().isEmpty() ? "-" : v.detail()) : String.join(", ", v.alarms()))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  /** From a wave's first step to its last (its tenants', its bake's), rollbacks aside; "-" before it started. */
  private static String span(List<Journal.Entry<RolloutEvent>> entries, PlannedWave wave) {
    java.util.Set<String> keys = new java.util.HashSet<>(List.of("wave:" + wave.name(), "bake:" + wave.name(),
        "gate:" + wave.name()));
    wave.tenants().forEach(t -> keys.add("tenant:" + t));
    var steps = entries.stream().filter(e -> keys.contains(e.key())).toList();
    return steps.isEmpty() ? "-" : took(steps.get(0).at(), steps.get(steps.size() - 1).at());
  }

  /** To the second, in UTC: {@code 2026-11-23T14:12:07Z}. */
  private static String time(java.time.Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** {@code 0.4s} under 10 seconds, else as progress lines say it: {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
  static String took(java.time.Instant from, java.time.Instant to) {
    java.time.Duration d = java.time.Duration.between(from, to);
    long ms = Math.max(0, d.toMillis());
    return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0) : Durations.compact(d);
  }

  /** Writes the report as {@code rollout-<id>.md} in {@code dir}; returns its path. */
  public static Path write(Path dir, String id, List<Journal.Entry<RolloutEvent>> entries) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("rollout-" + id + ".md");
      Files.writeString(file, markdown(entries));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rollout report in " + dir, e);
    }
  }
}
