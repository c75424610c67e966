package io.tenantctl.cli;

import io.tenantctl.core.ExitCode;
import io.tenantctl.isolation.live.LiveAudit;
import io.tenantctl.isolation.Breach;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      var tenants = session.tenants(names, names.isEmpty());
      LiveAudit.Report report = session.audit().audit(tenants, names.isEmpty(), session.progress());
      var printer = new Printer(spec.commandLine().getOut());
      String summary = String.format(Locale.ROOT, "audited %d accounts, %d policies in %.1f s", report.accounts(),
          report.policies(), report.took().toMillis() / 1000.0);
      if (session.options().json()) {
        printer.json(report.breaches().stream().map(AuditCommand::json).toList());
        report.unread().forEach(r -> spec.commandLine().getErr().println("not judged: " + r
            + ": the service returned no policy"));
        spec.commandLine().getErr().println(summary);
      } else {
        report.breaches().forEach(b -> printer.line(b.kind().name().toLowerCase(Locale.ROOT) + ": " + b.message()));
        report.notOnboarded().forEach(t -> printer.line(t + ": not onboarded, not audited"));
        report.unread().forEach(r -> printer.line("not judged: " + r + ": the service returned no policy"));
        printer.line(summary + (report.breaches().isEmpty() ? ": the one-way rule holds"
            : ": " + report.breaches().size() + " breach(es) of the one-way rule"));
      }
      return report.breaches().isEmpty() ? ExitCode.OK.code() : ExitCode.ISOLATION.code();
    }
  }

  private static Map<String, Object> json(Breach b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
    m.put("account", b.where().accountId());
    m.put("tenant", b.tenant().orElse(null));
    m.put("resourceType", b.where().resourceKind());
    m.put("resource", b.where().resourceName());
    m.put("statement", b.statement());
    m.put("principal", b.principal());
    m.put("reason", b.reason());
    m.put("message", b.message());
    return m;
  }
}
