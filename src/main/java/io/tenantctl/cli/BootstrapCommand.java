package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap",
    description = "Make the organization match the fleet file: OU paths and the production account. Idempotent.")
public final class BootstrapCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--create-organization", description = "Create the organization first if the account has none.")
  boolean createOrganization;

  public BootstrapCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      services.manifests();
      var result = services.bootstrap().run(createOrganization, services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(OnboardingReport.BootstrapJson.of(result));
      } else {
        OnboardingReport.bootstrapLines(printer, result);
      }
    }
    return 0;
  }
}
