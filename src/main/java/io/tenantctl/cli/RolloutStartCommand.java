package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.rollout.Bakery;
import io.tenantctl.rollout.RolloutPlan;
import io.tenantctl.rollout.TenantSelector;
import io.tenantctl.rollout.WavePlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "start", description = "Print the plan, then roll the stack out wave by wave. Prints the rollout's id"
    + " first. --tenants KEY=VALUE[,…] selects tenants by label.")
public final class RolloutStartCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The stack to roll out.")
  String stack;

  @Option(names = "--dry-run", description = "Print the plan with each tenant's changes; write nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (required without a terminal).")
  boolean yes;

  @Option(names = "--rollback-on-halt", description = "On a halt, put back every tenant this rollout changed.")
  boolean rollbackOnHalt;

  @Option(names = "--allow-empty-canary", description = "Start even when the first wave changes nothing while later"
      + " waves do (needed without a terminal).")
  boolean allowEmptyCanary;

  public RolloutStartCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    // the inherited --tenants names the manifests' directory; here KEY=VALUE selects tenants by label
    Path given = GlobalOptions.of(spec).tenantsDir();
    boolean selecting = given.toString().contains("=");
    TenantSelector selector = selecting ? TenantSelector.parse(given.toString()) : TenantSelector.ALL;
    try (var services = Session.openStreaming(spec, launch, s -> selecting
        ? s.withTenantsDir(s.fleetFile().toAbsolutePath().getParent().resolve("tenants")) : s)) {
      var m = services.manifests();
      RolloutPlan plan = RolloutPlan.of(m.fleet(), m.tenants(), stack, selector, rollbackOnHalt);
      services.requireVariables(m.tenants().stream().filter(t -> selector.matches(t.labels())).toList(),
          java.util.List.of(stack));
      if (!dryRun && !yes && !launch.console()) {
        throw Fault.invalid("rollout start asks for confirmation, and there is no terminal to ask on",
            "check the plan with --dry-run, then re-run with --yes");
      }
      var rollout = services.rollout(stack, Bakery.WALL_CLOCK);
      // the lock before the id and the plan's reads: a second start is refused at once and never shares the id
      String id = dryRun ? rollout.newId(stack) : rollout.reserve(stack);
      var out = spec.commandLine().getOut();
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.jsonLine(ordered("type", "rollout", "id", id, "stack", stack, "dryRun", dryRun));
      } else {
        out.println("rollout " + id + (dryRun ? " (dry run: nothing is written)" : ""));
      }
      var stacks = services.rolloutStacks(stack);
      Map<String, Long> atTargets = new java.util.LinkedHashMap<>();
      plan.waves().forEach(w -> atTargets.put(w.name(), w.tenants().stream().filter(stacks::atTarget).count()));
      EmptyCanary.check(plan.waves(), atTargets, dryRun || allowEmptyCanary || launch.console(),
          spec.commandLine().getErr());
      for (WavePlan w : plan.waves()) {
        long atTarget = atTargets.get(w.name());
        String text = "wave " + w.name() + ": " + String.join(", ", w.tenants()) + "\n  " + w.concurrency()
            + " at once; " + w.arithmetic() + "\n  bake " + (w.bake().isZero() ? "none" : w.bake().toString()
            .substring(2).toLowerCase(java.util.Locale.ROOT)) + ", gate " + w.gate().map(g -> "alarms "
            + String.join(", ", g.alarms()) + g.alarmPrefix().map(p -> " prefix " + p + "*").orElse("")
            + (g.production() ? " (and production)" : "")).orElse("none") + ", on halt "
            + (plan.rollsBack(w) ? "rollback" : "stop") + "\n  " + atTarget + " already at the target (skipped at one"
            + " read each)";
        if (Session.json(spec)) {
          printer.jsonLine(planLine(w, plan.rollsBack(w), atTarget));
        } else {
          out.println(text);
        }
        if (dryRun) {
          for (String t : w.tenants()) {
            var p = stacks.preview(t);
            String change = Plans.rolloutChange(p);
            if (Session.json(spec)) {
              printer.jsonLine(ordered("type", "change", "tenant", t, "stack", p.stackName(), "change", change));
            } else {
              out.println("    " + t + ": " + p.stackName() + " " + change);
            }
          }
        }
      }
      if (dryRun) {
        return 0;
      }
      if (!yes && !confirm()) {
        out.println("not started");
        return 1;
      }
      return RolloutCommand.finish(spec, services, rollout, rollout.start(id, plan));
    }
  }

  /** A wave's plan as a JSON line: what the text says, in fields, {@code type} first. */
  private static Map<String, Object> planLine(WavePlan w, boolean rollsBack, long atTarget) {
    Map<String, Object> line = new java.util.LinkedHashMap<>();
    line.put("type", "plan");
    line.put("wave", w.name());
    line.put("tenants", w.tenants());
    line.put("concurrency", w.concurrency());
    line.put("tolerance", w.tolerance().toString());
    line.put("tolerated", w.tolerated());
    line.put("arithmetic", w.arithmetic());
    line.put("bake", w.bake().toString());
    line.put("gate", w.gate().map(g -> {
      Map<String, Object> gate = new java.util.LinkedHashMap<>();
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
    Map<String, Object> line = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      line.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return line;
  }

  private boolean confirm() {
    var console = System.console();
    String answer = console == null ? null : console.readLine("Start the rollout? [y/N] ");
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }
}
