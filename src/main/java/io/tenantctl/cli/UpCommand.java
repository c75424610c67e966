package io.tenantctl.cli;


import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", description = "Bootstrap the organization, then onboard every tenant: `bootstrap` and `create --all` in one.")
public final class UpCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--create-organization", description = "Create the organization first if the account has none.")
  boolean createOrganization;

  public UpCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      var tenants = session.tenants(List.of(), true);
      var printer = new Printer(spec.commandLine().getOut());
      var bootstrapped = session.bootstrap().run(createOrganization, session.progress());
      if (!session.options().json()) {
        BootstrapCommand.print(session, printer, bootstrapped);
      }
      return CreateCommand.onboard(session, tenants, printer);
    }
  }
}
