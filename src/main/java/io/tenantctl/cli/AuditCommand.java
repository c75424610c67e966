package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.ExitCode;
import io.tenantctl.isolation.Breach;
import io.tenantctl.isolation.TemplateGuard;
import io.tenantctl.isolation.live.LiveAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit",
    description = "Check the one-way rule live: read role trust, bucket and key policies in tenant accounts and in"
        + " production, and report every breach (exit 3 if any). Reads only.")
public final class AuditCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TENANT", arity = "0..*", description = "Tenants to audit (default: all onboarded).")
  List<String> names = new ArrayList<>();

  public AuditCommand(Launch launch) {
    this.launch = launch;
  }

  /** One breach in {@code audit --output json}. */
  record BreachJson(String kind, String account, String tenant, String resourceType, String resource, String statement,
      String principal, String reason, String message) {

    /** An accepted exception: kind {@code accepted-exception}, the recorded reason after the breach's. */
    static BreachJson accepted(TemplateGuard.Accepted a) {
      Breach b = a.breach();
      return new BreachJson("accepted-exception", b.where().accountId(), b.tenant().orElse(null),
          b.where().resourceKind(), b.where().resourceName(), b.statement(), b.principal(), b.reason(), a.message());
    }

    static BreachJson of(Breach b) {
      return new BreachJson(b.kind().name().toLowerCase(Locale.ROOT), b.where().accountId(), b.tenant().orElse(null),
          b.where().resourceKind(), b.where().resourceName(), b.statement(), b.principal(), b.reason(), b.message());
    }
  }

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var tenants = services.tenants(names, names.isEmpty());
      LiveAudit.Report report = services.audit().audit(tenants, names.isEmpty(), services.progress());
      var printer = Session.printer(spec, launch);
      var err = spec.commandLine().getErr();
      String summary = String.format(Locale.ROOT, "audited %d accounts, %d policies in %.1f s", report.accounts(),
          report.policies(), report.took().toMillis() / 1000.0);
      if (Session.json(spec)) {
        var json = new java.util.ArrayList<>(report.breaches().stream().map(BreachJson::of).toList());
        report.accepted().forEach(a -> json.add(BreachJson.accepted(a)));
        printer.json(json);
        report.unread().forEach(r -> err.println("not judged: " + r + ": the service returned no policy"));
        err.println(summary);
      } else {
        report.breaches().forEach(b -> printer.line(b.kind().name().toLowerCase(Locale.ROOT) + ": " + b.message()));
        report.accepted().forEach(a -> printer.line("accepted exception: " + a.message()));
        report.notOnboarded().forEach(t -> printer.line(t + ": not onboarded, not audited"));
        report.unread().forEach(r -> printer.line("not judged: " + r + ": the service returned no policy"));
        String exceptions = report.accepted().isEmpty() ? ""
            : " (" + report.accepted().size() + " accepted exception(s) on record)";
        printer.line(summary + (report.breaches().isEmpty() ? ": the one-way rule holds" + exceptions
            : ": " + report.breaches().size() + " breach(es) of the one-way rule" + exceptions));
      }
      return report.breaches().isEmpty() ? ExitCode.OK.code() : ExitCode.ISOLATION.code();
    }
  }
}
