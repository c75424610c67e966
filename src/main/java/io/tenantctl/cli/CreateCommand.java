package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import io.tenantctl.onboard.Onboarding.Onboarded;
import io.tenantctl.manifest.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create",
    description = "Onboard tenants: find, adopt, take from the pool or create each one's account, put it in its OU, "
        + "tag it, and deploy its baseline stack. Re-running changes nothing for an onboarded tenant.")
public final class CreateCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TENANT", arity = "0..*", description = "Tenants to onboard.")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Onboard every tenant in the tenants directory.")
  boolean all;

  public CreateCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    if (all && !names.isEmpty()) {
      throw Fault.invalid("name tenants or pass --all, not both", "e.g. `tenantctl create acme` or `tenantctl create --all`");
    }
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      return onboard(session, session.tenants(names, all), new Printer(spec.commandLine().getOut()));
    }
  }

  /** Onboards each tenant in turn; one tenant's failure does not hide the others' results. Returns the exit code. */
  static int onboard(Session session, List<Tenant> tenants, Printer printer) {
    var onboarding = session.onboarding();
    List<Onboarded> done = new ArrayList<>();
    List<Map<String, Object>> failed = new ArrayList<>();
    for (Tenant t : tenants) {
      try {
        done.add(onboarding.onboard(t, session.progress()));
      } catch (Fault f) {
        if (tenants.size() == 1 || f.exitCode() != io.tenantctl.core.ExitCode.FAILED) {
          throw f;
        }
        session.progress().step(t.name(), "FAILED: " + f.getMessage());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", t.name());
        m.put("error", f.getMessage());
        f.fix().ifPresent(fix -> m.put("fix", fix));
        failed.add(m);
      }
    }
    print(session, printer, done, failed);
    return failed.isEmpty() ? 0 : 1;
  }

  static void print(Session session, Printer printer, List<Onboarded> done, List<Map<String, Object>> failed) {
    if (session.options().json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Onboarded o : done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", o.tenant());
        m.put("accountId", o.accountId());
        m.put("account", o.how().name());
        m.put("ou", o.ou());
        m.put("movedFrom", o.movedFrom().orElse(null));
        m.put("tagged", o.tagged());
        m.put("baselineStack", o.baseline().stackName());
        m.put("baseline", o.baseline().result().name());
        m.put("changed", o.changedAnything());
        rows.add(m);
      }
      rows.addAll(failed);
      printer.json(rows);
      return;
    }
    for (Onboarded o : done) {
      if (!o.changedAnything()) {
        printer.line(o.tenant() + ": up to date (account " + o.accountId() + ", " + o.ou() + ", "
            + o.baseline().stackName() + " unchanged)");
      } else {
        printer.line(o.tenant() + ": account " + o.accountId() + " " + o.how().text
            + o.movedFrom().map(f -> "; moved from " + f + " to " + o.ou()).orElse("; in " + o.ou())
            + (o.tagged() ? "; tagged" : "") + "; " + o.baseline().stackName() + " "
            + o.baseline().result().name().toLowerCase());
      }
    }
    for (var f : failed) {
      printer.line(f.get("tenant") + ": FAILED: " + f.get("error"));
    }
    long changed = done.stream().filter(Onboarded::changedAnything).count();
    printer.line(done.size() + failed.size() + " tenant(s): " + changed + " changed, " + (done.size() - changed)
        + " up to date" + (failed.isEmpty() ? "" : ", " + failed.size() + " failed"));
  }
}
