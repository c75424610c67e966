package io.tenantctl.cli;

import io.tenantctl.output.ResultPrinter;
import io.tenantctl.rollout.LiveTenantStacks;
import io.tenantctl.rollout.RolloutPlan;
import io.tenantctl.rollout.WavePlan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A rollout's plan as its result on stdout, before it runs: its id, then each wave (tenants, concurrency and
 * tolerance, bake, gate, what a halt does, how many are at the target already), and in a dry run each tenant's
 * changes; as text, or as JSON lines with {@code type} first.
 */
final class RolloutPlanView {
  private final ResultPrinter printer;
  private final boolean json;

  RolloutPlanView(ResultPrinter printer, boolean json) {
    this.printer = printer;
    this.json = json;
  }

  /** How many of each wave's tenants are at the target already: one read each. */
  static Map<String, Long> atTargets(RolloutPlan plan, LiveTenantStacks stacks) {
    Map<String, Long> out = new LinkedHashMap<>();
    plan.waves().forEach(w -> out.put(w.name(), w.tenants().stream().filter(stacks::atTarget).count()));
    return out;
  }

  void show(String id, RolloutPlan plan, LiveTenantStacks stacks, Map<String, Long> atTargets, boolean dryRun) {
    if (json) {
      printer.jsonLine(ordered("type", "rollout", "id", id, "stack", plan.stack(), "dryRun", dryRun));
    } else {
      printer.line("rollout " + id + (dryRun ? " (dry run: nothing is written)" : ""));
    }
    for (WavePlan w : plan.waves()) {
      long atTarget = atTargets.get(w.name());
      if (json) {
        printer.jsonLine(waveJson(w, plan.rollsBack(w), atTarget));
      } else {
        printer.line(waveText(w, plan.rollsBack(w), atTarget));
      }
      if (dryRun) {
        w.tenants().forEach(t -> change(t, stacks));
      }
    }
  }

  private void change(String tenant, LiveTenantStacks stacks) {
    var p = stacks.preview(tenant);
    String change = Plans.rolloutChange(p);
    if (json) {
      printer.jsonLine(ordered("type", "change", "tenant", tenant, "stack", p.stackName(), "change", change));
    } else {
      printer.line("    " + tenant + ": " + p.stackName() + " " + change);
    }
  }

  static String waveText(WavePlan w, boolean rollsBack, long atTarget) {
    String bake = w.bake().isZero() ? "none" : w.bake().toString().substring(2).toLowerCase(Locale.ROOT);
    String gate = w.gate().map(g -> "alarms " + String.join(", ", g.alarms()) + g.alarmPrefix()
        .map(p -> " prefix " + p + "*").orElse("") + (g.production() ? " (and production)" : "")).orElse("none");
    return "wave " + w.name() + ": " + String.join(", ", w.tenants()) + "\n  " + w.concurrency() + " at once; "
        + w.arithmetic() + "\n  bake " + bake + ", gate " + gate + ", on halt " + (rollsBack ? "rollback" : "stop")
        + "\n  " + atTarget + " already at the target (skipped at one read each)";
  }

  /** A wave's plan as a JSON line: what the text says, in fields, {@code type} first. */
  static Map<String, Object> waveJson(WavePlan w, boolean rollsBack, long atTarget) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "plan");
    line.put("wave", w.name());
    line.put("tenants", w.tenants());
    line.put("concurrency", w.concurrency());
    line.put("tolerance", w.tolerance().toString());
    line.put("tolerated", w.tolerated());
    line.put("arithmetic", w.arithmetic());
    line.put("bake", w.bake().toString());
    line.put("gate", w.gate().map(g -> {
      Map<String, Object> gate = new LinkedHashMap<>();
      gate.put("alarms", g.alarms());
      gate.put("alarmPrefix", g.alarmPrefix().orElse(null));
      gate.put("production", g.production());
      return gate;
    }).orElse(null));
    line.put("onHalt", rollsBack ? "rollback" : "stop");
    line.put("atTarget", atTarget);
    return line;
  }

  /** A JSON line's fields in the order given: {@code type} first, as in every other line. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> line = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      line.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return line;
  }
}
