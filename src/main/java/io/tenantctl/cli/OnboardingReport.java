package io.tenantctl.cli;

import io.tenantctl.output.ResultPrinter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tenantctl.onboard.Bootstrap.Bootstrapped;
import io.tenantctl.onboard.DevGuardrail;
import io.tenantctl.onboard.Onboarding.Onboarded;
import io.tenantctl.isolation.live.ProductionGuardrail;
import io.tenantctl.tenant.TenantBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the results of {@code bootstrap}, {@code create} and {@code up} look, as text and as JSON. */
final class OnboardingReport {
  private OnboardingReport() {}

  /** One tenant's row in {@code create --output json}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TenantJson(String tenant, String accountId, String account, String ou,
      @JsonInclude(JsonInclude.Include.ALWAYS) String movedFrom, Boolean tagged, String baselineStack, String baseline,
      Boolean changed, String error, String fix) {

    static TenantJson of(Onboarded o) {
      return new TenantJson(o.tenant(), o.accountId(), o.how().name(), o.ou(), o.movedFrom().orElse(null), o.tagged(),
          o.baseline().stackName(), o.baseline().result().name(), o.changedAnything(), null, null);
    }

    static TenantJson failed(TenantBatch.Outcome<Onboarded> o) {
      var f = o.failure().orElseThrow();
      return new TenantJson(o.tenant(), null, null, null, null, null, null, null, null, String.valueOf(f.getMessage()),
          f instanceof io.tenantctl.core.Fault fault ? fault.fix().orElse(null) : null);
    }
  }

  record StackJson(String stackName, String result) {}

  record GuardrailJson(String policy, String policyId, boolean typeEnabled, String change, List<String> attachedTo) {}

  /** {@code bootstrap --output json}. */
  record BootstrapJson(String organizationId, String managementAccountId, boolean organizationCreated,
      List<String> unitsCreated, String productionAccountId, String production, StackJson productionStack,
      GuardrailJson guardrail, DevGuardrailJson devGuardrail, boolean changed) {

    static BootstrapJson of(Bootstrapped r) {
      var g = r.guardrail();
      return new BootstrapJson(r.organizationId(), r.managementAccountId(), r.organizationCreated(), r.unitsCreated(),
          r.productionAccountId(), r.production().name(),
          r.productionStack().map(o -> new StackJson(o.stackName(), o.result().name())).orElse(null),
          new GuardrailJson(ProductionGuardrail.POLICY_NAME, g.policyId(), g.typeEnabled(), g.policy().name(),
              g.attachedTo()),
          r.devGuardrail().map(d -> new DevGuardrailJson(DevGuardrail.POLICY_NAME, d.policyId(), d.typeEnabled(),
              d.policy().name(), d.attached())).orElse(null),
          r.changedAnything());
    }
  }

  /** The dev OU's own guardrail, when the fleet file names one. */
  record DevGuardrailJson(String policy, String policyId, boolean typeEnabled, String change, boolean attached) {}

  /** {@code up --output json}: what bootstrap did, and each tenant. */
  record UpJson(BootstrapJson bootstrap, List<TenantJson> tenants) {}

  static List<TenantJson> tenantRows(TenantBatch.Result<Onboarded> result) {
    List<TenantJson> rows = new ArrayList<>();
    result.outcomes().forEach(o -> rows.add(o.succeeded() ? TenantJson.of(o.result().orElseThrow())
        : TenantJson.failed(o)));
    return rows;
  }

  static void tenantLines(ResultPrinter printer, TenantBatch.Result<Onboarded> result) {
    for (var o : result.outcomes()) {
      printer.line(o.tenant() + ": " + (o.succeeded() ? o.result().orElseThrow().summary()
          : "FAILED: " + o.failure().orElseThrow().getMessage()));
    }
    long changed = result.succeeded().stream().filter(Onboarded::changedAnything).count();
    int ok = result.succeeded().size();
    int failed = result.failed().size();
    printer.line(ok + failed + " tenant(s): " + changed + " changed, " + (ok - changed) + " up to date"
        + (failed == 0 ? "" : ", " + failed + " failed"));
  }

  static void bootstrapLines(ResultPrinter printer, Bootstrapped r) {
    printer.line("organization " + r.organizationId() + " (management account " + r.managementAccountId() + ")"
        + (r.organizationCreated() ? ": created" : ""));
    printer.line("organizational units: " + (r.unitsCreated().isEmpty() ? "all present"
        : "created " + String.join(", ", r.unitsCreated())));
    printer.line("production account " + r.productionAccountId() + ": " + r.production().text);
    printer.line("shared resources: " + r.productionStack().map(o -> o.stackName() + " "
        + o.result().name().toLowerCase(Locale.ROOT)).orElse("none (the fleet file has no productionStack)"));
    var g = r.guardrail();
    printer.line("guardrail " + ProductionGuardrail.POLICY_NAME + ": " + (g.changedAnything()
        ? g.policy().name().toLowerCase(Locale.ROOT) + (g.attachedTo().isEmpty() ? "" : ", attached to "
            + String.join(", ", g.attachedTo()))
        : "up to date"));
    r.devGuardrail().ifPresent(d -> printer.line("guardrail " + DevGuardrail.POLICY_NAME + ": "
        + (d.changedAnything() ? d.policy().name().toLowerCase(Locale.ROOT) + (d.attached() ? ", attached to the dev OU"
            : "") : "up to date")));
    printer.line(r.changedAnything() ? "bootstrap complete" : "bootstrap: the organization is up to date, nothing changed");
  }

  /** The most severe outcome decides the exit code. */
  static int exitCode(TenantBatch.Result<Onboarded> result) {
    return result.exitCode().code();
  }
}
