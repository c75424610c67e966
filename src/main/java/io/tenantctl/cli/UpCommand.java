package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", description = "Bootstrap the organization, then onboard every tenant: `bootstrap` and `create --all` in one.")
public final class UpCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--create-organization", description = "Create the organization first if the account has none.")
  boolean createOrganization;

  @Option(names = "--reinstate", description = "Bring back offboarded tenants whose manifests are still in the tenants"
      + " directory: their quarantined accounts return to their OUs and are deployed to again (shown under `cannot be"
      + " undone`). Without it such a tenant is refused. A closed account is refused either way.")
  boolean reinstate;

  @Mixin Concurrency concurrency;

  @Mixin Confirm confirm;

  public UpCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch, concurrency::apply)) {
      var tenants = services.tenants(List.of(), true);
      services.requireVariables(tenants, List.of(services.manifests().fleet().baselineStack()));
      var onboarding = services.onboarding();
      var plan = onboarding.planUp(tenants, createOrganization, reinstate, services.batch().concurrency(),
          services.progress());
      if (!confirm.proceed(spec, launch, Plans.of(plan))) {
        return confirm.stopped();
      }
      CreateCommand.reinstate(services, plan);
      var bootstrapped = services.bootstrap().run(createOrganization, services.progress());
      // bootstrap may have made the organization: what onboarding read before it is read again
      var result = services.onboarding().onboard(plan, tenants, services.batch(), services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(new OnboardingReport.UpJson(OnboardingReport.BootstrapJson.of(bootstrapped),
            OnboardingReport.tenantRows(result)));
      } else {
        OnboardingReport.bootstrapLines(printer, bootstrapped);
        OnboardingReport.tenantLines(printer, result);
      }
      return OnboardingReport.exitCode(result);
    }
  }
}
