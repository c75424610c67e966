package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.registry.TenantRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "registry", description = "The tenant registry: what each tenant has, kept in the state after each"
    + " change (account, OU, region, each stack's fingerprint and outputs; never secrets).",
    subcommands = {RegistryCommand.Export.class})
public final class RegistryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "export", description = "Print every tenant's record, for other systems (`--output json`). Reads"
      + " the state only: no AWS call beyond finding the organization.")
  public static final class Export implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;

    public Export(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      try (var services = Session.open(spec, launch)) {
        List<TenantRecord> records = services.registry().all();
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(records);
        } else {
          List<List<String>> rows = new ArrayList<>();
          for (TenantRecord r : records) {
            rows.add(List.of(r.tenant(), r.accountId(), r.ou().isEmpty() ? "-" : r.ou(), r.region().isEmpty() ? "-"
                : r.region(), String.join(", ", r.stacks().keySet()), r.changedBy(), r.changedAt().toString()));
          }
          printer.table(List.of("TENANT", "ACCOUNT", "OU", "REGION", "STACKS", "CHANGED BY", "AT"), rows);
        }
      }
      return 0;
    }
  }
}
