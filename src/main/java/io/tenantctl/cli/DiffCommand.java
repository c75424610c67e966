package io.tenantctl.cli;

import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.stacks.StackDeployer.Preview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "diff",
    description = "Show what `deploy` would add, modify, replace or remove. Changes nothing: its change sets are deleted again.")
public final class DiffCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin StackTarget target;

  public DiffCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      var t = target.resolve(session);
      var deployment = session.deployment();
      List<Preview> previews = deployment.diff(t, target.stack(), session.progress());
      var printer = new Printer(spec.commandLine().getOut());
      if (session.options().json()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Preview p : previews) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("stack", p.stackName());
          m.put("newStack", p.newStack());
          m.put("upToDate", p.upToDate());
          m.put("changes", p.changes().stream().map(c -> Map.of("action", c.action().label(), "logicalId", c.logicalId(),
              "type", c.resourceType(), "replacement", c.replacement().label())).toList());
          rows.add(m);
        }
        printer.json(rows);
        return 0;
      }
      previews.stream().flatMap(p -> lines(p).stream()).forEach(printer::line);
    }
    return 0;
  }

  /** A preview as text: one line per resource, replacements marked so that nobody misses them. */
  static List<String> lines(Preview p) {
    if (p.upToDate() || p.changes().isEmpty()) {
      return List.of(p.stackName() + ": no changes");
    }
    List<String> out = new ArrayList<>();
    out.add(p.stackName() + (p.newStack() ? " (new stack):" : ":"));
    for (ResourceChange c : p.changes()) {
      String mark = switch (c.action()) {
        case ADD -> "+";
        case REMOVE -> "-";
        default -> "~";
      };
      String replace = switch (c.replacement()) {
        case ALWAYS -> "   <-- REPLACEMENT: the resource is deleted and recreated";
        case CONDITIONAL -> "   <-- may be REPLACED";
        case NEVER -> "";
      };
      out.add("  " + mark + " " + c.logicalId() + " (" + c.resourceType() + ")" + replace);
    }
    return out;
  }
}
