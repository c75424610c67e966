package io.tenantctl.cli;

import io.tenantctl.manifest.Tenant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Check the fleet file, every tenant manifest and template reference. No AWS call.")
public final class ValidateCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  public ValidateCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    var options = GlobalOptions.of(spec);
    try (var session = new Session(options, launch, spec.commandLine().getErr())) {
      var m = session.manifests();
      var printer = new Printer(spec.commandLine().getOut());
      if (options.json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", true);
        result.put("tenants", m.tenants().stream().map(Tenant::name).toList());
        result.put("stacks", m.fleet().stacks().keySet());
        result.put("waves", m.fleet().waves().stream().map(w -> w.name()).toList());
        printer.json(result);
      } else {
        printer.line("ok: " + options.fleetFile() + " and " + m.tenants().size() + " tenant manifest(s) in "
            + options.tenantsDir() + " are valid (stacks: " + String.join(", ", m.fleet().stacks().keySet())
            + "; waves: " + String.join(", ", m.fleet().waves().stream().map(w -> w.name()).toList()) + ")");
      }
    }
    return 0;
  }
}
