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
      String summary = String.format(Locale.ROOT, "audited %d accounts, %d policies in %.1f s", report.accounts(),
          report.policies(), report.took().toMillis() / 1000.0);
      if (Session.json(spec)) {
        printer.json(AuditJson.of(report));
        services.progress().step("audit", summary);
      } else {
        report.breaches().forEach(b -> printer.line(b.kind().name().toLowerCase(Locale.ROOT) + ": " + b.message()));
        report.accepted().forEach(a -> printer.line("accepted exception: " + a.message()));
        report.notOnboarded().forEach(t -> printer.line(t + ": not onboarded, not audited"));
        notJudged(report.unread(), GlobalOptions.of(spec).verbose()).forEach(l -> printer.line(
            Pasteable.of(spec).text(l)));
        String exceptions = report.accepted().isEmpty() ? ""
            : " (" + report.accepted().size() + " accepted exception(s) on record)";
        printer.line(summary + (report.breaches().isEmpty() ? ": the one-way rule holds" + exceptions
            : ": " + report.breaches().size() + " breach(es) of the one-way rule" + exceptions));
      }
      return report.breaches().isEmpty() ? ExitCode.OK.code() : ExitCode.ISOLATION.code();
    }
  }

  /**
   * The resources whose policy the service did not return, in one line that says what that means (often a key or
   * bucket with no policy of its own, or an emulator that keeps none), by kind; each one listed with --verbose.
   */
  static List<String> notJudged(List<String> unread, boolean verbose) {
    if (unread.isEmpty()) {
      return List.of();
    }
    // "account 111122223333, AWS::KMS::Key 1234abcd": the kind is the word after the comma
    var kinds = new java.util.TreeMap<String, Integer>();
    unread.forEach(r -> kinds.merge(r.replaceFirst("^[^,]*, ", "").replaceFirst(" .*", ""), 1, Integer::sum));
    List<String> lines = new ArrayList<>();
    lines.add("not judged: " + unread.size() + " polic" + (unread.size() == 1 ? "y" : "ies") + " the service did not"
        + " return (" + String.join(", ", kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .toList()) + "): nothing is said about " + (unread.size() == 1 ? "it" : "them") + ", either way (a resource"
        + " with no policy of its own, or an emulator that keeps none); " + (verbose ? "they are:"
        : "`tenantctl audit --verbose` lists them"));
    if (verbose) {
      unread.forEach(r -> lines.add("  " + r));
    }
    return lines;
  }
}
