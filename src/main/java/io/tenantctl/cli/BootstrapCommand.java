package io.tenantctl.cli;

import io.tenantctl.onboard.Bootstrap;

import io.tenantctl.isolation.live.ProductionGuardrail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap",
    description = "Make the organization match the fleet file: OU paths and the production account. Idempotent.")
public final class BootstrapCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--create-organization", description = "Create the organization first if the account has none.")
  boolean createOrganization;

  public BootstrapCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      session.manifests();
      var result = session.bootstrap().run(createOrganization, session.progress());
      print(session, new Printer(spec.commandLine().getOut()), result);
    }
    return 0;
  }

  static void print(Session session, Printer printer, io.tenantctl.onboard.Bootstrap.Bootstrapped r) {
    if (session.options().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("organizationId", r.organizationId());
      json.put("managementAccountId", r.managementAccountId());
      json.put("organizationCreated", r.organizationCreated());
      json.put("unitsCreated", r.unitsCreated());
      json.put("productionAccountId", r.productionAccountId());
      json.put("production", r.production());
      json.put("productionStack", r.productionStack().map(o -> Map.of("stackName", o.stackName(),
          "result", o.result().name())).orElse(null));
      Map<String, Object> guardrail = new LinkedHashMap<>();
      guardrail.put("policy", ProductionGuardrail.POLICY_NAME);
      guardrail.put("policyId", r.guardrail().policyId());
      guardrail.put("typeEnabled", r.guardrail().typeEnabled());
      guardrail.put("change", r.guardrail().policy().name());
      guardrail.put("attachedTo", r.guardrail().attachedTo());
      json.put("guardrail", guardrail);
      json.put("changed", r.changedAnything());
      printer.json(json);
      return;
    }
    printer.line("organization " + r.organizationId() + " (management account " + r.managementAccountId() + ")"
        + (r.organizationCreated() ? ": created" : ""));
    printer.line("organizational units: " + (r.unitsCreated().isEmpty() ? "all present"
        : "created " + String.join(", ", r.unitsCreated())));
    printer.line("production account " + r.productionAccountId() + ": " + r.production());
    printer.line("shared resources: " + r.productionStack().map(o -> o.stackName() + " "
        + o.result().name().toLowerCase()).orElse("none (the fleet file has no productionStack)"));
    var g = r.guardrail();
    printer.line("guardrail " + ProductionGuardrail.POLICY_NAME + ": " + (g.changedAnything()
        ? g.policy().name().toLowerCase() + (g.attachedTo().isEmpty() ? "" : ", attached to "
            + String.join(", ", g.attachedTo()))
        : "up to date"));
    boolean changed = r.changedAnything();
    printer.line(changed ? "bootstrap complete" : "bootstrap: the organization is up to date, nothing changed");
  }
}
