package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.stacks.StackDeployer.ParameterChange;
import io.tenantctl.deploy.Deployment;
import io.tenantctl.isolation.RecordedException;
import io.tenantctl.stacks.StackDeployer.Preview;
import java.util.ArrayList;
import java.util.List;
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

  /** One stack in {@code diff --output json}. */
  record PreviewJson(String stack, boolean newStack, boolean upToDate, List<ChangeJson> changes,
      List<ParameterJson> parameters, List<String> exceptions) {}

  /** A parameter's change; a secret's values are masked. {@code before} is null for a parameter not set before. */
  record ParameterJson(String name, String before, String after) {}

  record ChangeJson(String action, String logicalId, String type, String replacement) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var t = target.resolve(services);
      List<Preview> previews = services.deployment().diff(t, target.stack(), services.progress());
      var fleet = services.manifests().fleet();
      // Exceptions by stack name, in the order diffed: the guard has just accepted them.
      List<List<String>> exceptions = Deployment.stacks(fleet, target.stack()).stream()
          .map(name -> RecordedException.in(fleet.stacks().get(name).template()).stream()
              .map(RecordedException::line).toList()).toList();
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        List<PreviewJson> json = new ArrayList<>();
        for (int i = 0; i < previews.size(); i++) {
          Preview p = previews.get(i);
          json.add(new PreviewJson(p.stackName(), p.newStack(), p.upToDate(),
              p.changes().stream().map(c -> new ChangeJson(c.action().name(), c.logicalId(), c.resourceType(),
                  c.replacement().name())).toList(),
              p.parameters().stream().map(c -> new ParameterJson(c.name(), c.before().orElse(null), c.after()))
                  .toList(),
              i < exceptions.size() ? exceptions.get(i) : List.of()));
        }
        printer.json(json);
      } else {
        for (int i = 0; i < previews.size(); i++) {
          lines(previews.get(i)).forEach(printer::line);
          if (i < exceptions.size()) {
            exceptions.get(i).forEach(line -> printer.line("  ! exception to the one-way rule on record: " + line));
          }
        }
      }
    }
    return 0;
  }

  /** A preview as text: one line per resource, replacements marked so that nobody misses them. */
  static List<String> lines(Preview p) {
    if (p.upToDate() || p.newStack() && p.changes().isEmpty()) {
      return List.of(p.stackName() + ": no changes");
    }
    List<String> out = new ArrayList<>();
    out.add(p.stackName() + (p.newStack() ? " (new stack):" : ":"));
    for (ParameterChange c : p.parameters()) {
      out.add("  ~ parameter " + c.name() + ": " + c.before().orElse("(not set)") + " \u2192 " + c.after());
    }
    if (p.changes().isEmpty()) {
      // moto lists none for a parameter-only change; AWS none for a change of tags only
      out.add("  (CloudFormation listed no resource changes; the stack is updated all the same)");
    }
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
