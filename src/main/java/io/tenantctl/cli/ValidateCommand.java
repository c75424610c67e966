package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.isolation.RecordedException;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = {"Check the fleet file, every tenant manifest and every template: that it reads, that its Ref,"
        + " GetAtt, Sub and DependsOn name what it declares, that its resource types exist (AWS's published list,"
        + " shipped with tenantctl), and that it keeps the one-way rule (judged with stand-in account ids).",
        "No AWS call: made for a pull request's CI. Exit 2 for a problem, 3 for a breach of the one-way rule."})
public final class ValidateCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  public ValidateCommand(Launch launch) {
    this.launch = launch;
  }

  /** {@code validate --output json}. */
  record ValidJson(boolean valid, List<String> tenants, List<String> stacks, List<String> waves,
      Map<String, Set<String>> variables, Map<String, List<String>> exceptions, Map<String, String> offboarded) {}

  @Override
  public Integer call() {
    var options = GlobalOptions.of(spec);
    try (var services = Session.open(spec, launch)) {
      var m = services.manifests();
      services.checkTemplates();
      List<String> stacks = List.copyOf(m.fleet().stacks().keySet());
      List<String> waves = m.fleet().waves().stream().map(Fleet.Wave::name).toList();
      var variables = services.variablesByStack();
      var exceptions = exceptionsOnRecord(m.fleet());
      // manifests of tenants this state directory's delete journals say are offboarded: create and up refuse them
      Map<String, String> offboarded = new java.util.TreeMap<>(services.offboardedOnRecord());
      offboarded.keySet().retainAll(m.tenants().stream().map(Tenant::name).toList());
      var printer = Session.printer(spec, launch);
      if (options.json()) {
        printer.json(new ValidJson(true, m.tenants().stream().map(Tenant::name).toList(), stacks, waves, variables,
            exceptions, offboarded));
      } else {
        printer.line("ok: " + options.fleetFile() + " and " + m.tenants().size() + " tenant manifest(s) in "
            + options.tenantsDir() + " are valid (stacks: " + String.join(", ", stacks) + "; waves: "
            + String.join(", ", waves) + ")");
        variables.forEach((stack, names) -> printer.line("deploying stack " + stack + " needs the environment"
            + " variable(s) " + String.join(", ", names)));
        exceptions.forEach((stack, lines) -> lines.forEach(line ->
            printer.line("stack " + stack + ": exception to the one-way rule on record: " + line)));
        offboarded.forEach((tenant, where) -> printer.line(Pasteable.of(spec).text("warning: "
            + options.tenantsDir().resolve(tenant + ".yaml") + ": tenant " + tenant + " was offboarded (" + where
            + "); create and up refuse it: remove the manifest from git, or bring the tenant back with `tenantctl"
            + " create " + tenant + " --reinstate`")));
      }
    }
    return 0;
  }

  /** Stack → the exceptions to the one-way rule its template records, for stacks that record any. */
  static Map<String, List<String>> exceptionsOnRecord(Fleet fleet) {
    Map<String, List<String>> byStack = new java.util.TreeMap<>();
    fleet.stacks().forEach((name, stack) -> {
      List<String> lines = RecordedException.in(stack.template()).stream().map(RecordedException::line).toList();
      if (!lines.isEmpty()) {
        byStack.put(name, lines);
      }
    });
    fleet.productionStack().ifPresent(stack -> {
      List<String> lines = RecordedException.in(stack.template()).stream().map(RecordedException::line).toList();
      if (!lines.isEmpty()) {
        byStack.put(stack.name(), lines);
      }
    });
    return byStack;
  }
}
