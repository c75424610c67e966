package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create",
    description = "Onboard tenants: find, adopt, take from the pool or create each one's account, put it in its OU, "
        + "tag it, and deploy its baseline stack. Re-running changes nothing for an onboarded tenant. The plan is"
        + " shown first; on a terminal you are asked, and without one creating an account needs --yes.")
public final class CreateCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TENANT", arity = "0..*", description = "Tenants to onboard.")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Onboard every tenant in the tenants directory.")
  boolean all;

  @Option(names = "--reinstate", description = "Bring back offboarded tenants whose manifests are still in the tenants"
      + " directory: their quarantined accounts return to their OUs and are deployed to again (shown under `cannot be"
      + " undone`). Without it such a tenant is refused. A closed account is refused either way.")
  boolean reinstate;

  @Mixin Concurrency concurrency;

  @Mixin Confirm confirm;

  public CreateCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    if (all == !names.isEmpty()) {
      throw new ParameterException(spec.commandLine(), all ? "name tenants or pass --all, not both"
          : "name a tenant, or pass --all (e.g. `tenantctl create acme` or `tenantctl create --all`)");
    }
    try (var services = Session.open(spec, launch, concurrency::apply)) {
      var tenants = services.tenants(names, all);
      services.requireVariables(tenants, List.of(services.manifests().fleet().baselineStack()));
      var onboarding = services.onboarding();
      var plan = onboarding.plan(tenants, reinstate, services.batch().concurrency(), services.progress());
      if (!confirm.proceed(spec, launch, Plans.of(plan))) {
        return confirm.stopped();
      }
      reinstate(services, plan);
      var result = onboarding.onboard(plan, tenants, services.batch(), services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(OnboardingReport.tenantRows(result));
      } else {
        OnboardingReport.tenantLines(printer, result);
      }
      return OnboardingReport.exitCode(result);
    }
  }

  /** The offboarded tenants the confirmed plan brings back are marked so before they are onboarded again. */
  static void reinstate(io.tenantctl.app.Services services, io.tenantctl.onboard.OnboardingPlan plan) {
    for (var t : plan.tenants()) {
      if (t.account() == io.tenantctl.onboard.OnboardingPlan.AccountStep.REINSTATE) {
        services.offboarding().reinstate(t.tenant(), t.accountId().orElseThrow(), services.progress());
      }
    }
  }
}
