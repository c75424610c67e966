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
      var plan = onboarding.planUp(tenants, createOrganization, services.batch().concurrency(), services.progress());
      if (!confirm.proceed(spec, launch, Plans.of(plan))) {
        return confirm.stopped();
      }
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
