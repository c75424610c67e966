package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.manifest.TenantName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", description = "Offboard a tenant: delete its stacks in reverse order, move its account to the"
    + " quarantine OU and tag it; with --close-account, close the account within AWS's closure quota. Refuses the"
    + " management account, production and accounts tenantctl does not manage. Resumable.")
public final class DeleteCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TENANT", description = "The tenant to offboard.")
  String tenant;

  @Option(names = "--confirm", paramLabel = "TENANT", required = true,
      description = "The tenant's name again, exactly: the confirmation (works without a terminal).")
  String confirm;

  @Option(names = "--close-account", description = "Also close the account (it becomes SUSPENDED; AWS removes it"
      + " after 90 days). Checked against the closure quota first.")
  boolean close;

  public DeleteCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    if (!tenant.equals(confirm)) {
      throw Fault.invalid("--confirm " + confirm + " does not match " + tenant + ": nothing was done",
          "to offboard " + tenant + ", run `tenantctl delete " + tenant + " --confirm " + tenant + "`");
    }
    // the manifests' rule for a name, before any AWS call: a bad one names no tenant tenantctl made
    TenantName.check(tenant).ifPresent(problem -> {
      throw Fault.invalid(problem, TenantName.RULE);
    });
    try (var services = Session.open(spec, launch)) {
      var manifest = services.manifests().tenant(tenant);
      var done = services.offboarding().delete(tenant, manifest, close, services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(done);
      } else if (done.alreadyDone()) {
        printer.line(tenant + ": already offboarded; account " + done.plan().accountId() + " is "
            + done.accountStatus());
      } else {
        printer.line(tenant + ": deleted " + (done.deletedStacks().isEmpty() ? "no stack (none left)"
            : String.join(", ", done.deletedStacks())) + "; account " + done.plan().accountId() + " in "
            + done.plan().quarantineOu() + ", tagged" + (close ? "; " + done.accountStatus() : ""));
      }
      if (!Session.json(spec) && manifest.isPresent()) {
        var options = GlobalOptions.of(spec);
        printer.line(Pasteable.of(spec).text("now remove " + options.tenantsDir().resolve(tenant + ".yaml")
            + " from git: create, up and validate refuse an offboarded tenant's manifest (to bring it back instead:"
            + " `tenantctl create " + tenant + " --reinstate`)"));
      }
      return 0;
    }
  }
}
