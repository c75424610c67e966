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

  /**
   * {@code audit --output json}: {@code result} is {@code HOLDS} or {@code BREACHED}; {@code notJudged} are policies
   * the service did not return (so nothing was said about them), {@code notOnboarded} named tenants without an account.
   */
  record AuditJson(String result, List<BreachJson> breaches, List<BreachJson> acceptedExceptions,
      List<NotJudgedJson> notJudged, List<String> notOnboarded, int accounts, int policies, long tookMillis) {

    static AuditJson of(LiveAudit.Report r) {
      return new AuditJson(r.breaches().isEmpty() ? "HOLDS" : "BREACHED",
          r.breaches().stream().map(BreachJson::of).toList(),
          r.accepted().stream().map(BreachJson::accepted).toList(),
          r.unread().stream().map(u -> new NotJudgedJson(u, "NO_POLICY_RETURNED")).toList(),
          r.notOnboarded(), r.accounts(), r.policies(), r.took().toMillis());
    }
  }

  /** One breach; {@code kind} is {@code BREACH} or {@code REFUSAL} (a policy that could not be resolved). */
  record BreachJson(String kind, String account, String tenant, String resourceType, String resource, String statement,
      String principal, String reason, String message) {

    /** An accepted exception: kind {@code ACCEPTED_EXCEPTION}, the recorded reason after the breach's. */
    static BreachJson accepted(TemplateGuard.Accepted a) {
      Breach b = a.breach();
      return new BreachJson("ACCEPTED_EXCEPTION", b.where().accountId(), b.tenant().orElse(null),
          b.where().resourceKind(), b.where().resourceName(), b.statement(), b.principal(), b.reason(), a.message());
    }

    static BreachJson of(Breach b) {
      return new BreachJson(b.kind().name(), b.where().accountId(), b.tenant().orElse(null),
          b.where().resourceKind(), b.where().resourceName(), b.statement(), b.principal(), b.reason(), b.message());
    }
  }

  /** A resource whose policy could not be judged. */
  record NotJudgedJson(String resource, String reason) {}

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
        printer.json(AuditJson.of(report));
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
