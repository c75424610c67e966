package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.deploy.FleetStatus.TenantStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Show each tenant's account, OU and stacks. Reads only.")
public final class StatusCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TENANT", arity = "0..*", description = "Tenants to show (default: all).")
  List<String> names = new ArrayList<>();

  public StatusCommand(Launch launch) {
    this.launch = launch;
  }

  /** One tenant in {@code status --output json}. */
  record TenantJson(String tenant, String wave, String accountId, String ou, List<StackJson> stacks, String problem) {}

  record StackJson(String name, String stackName, String status, boolean current, String cannotCompare) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var tenants = services.tenants(names, names.isEmpty());
      var service = services.status();
      List<TenantStatus> rows = tenants.stream().map(service::of).toList();
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(rows.stream().map(r -> new TenantJson(r.tenant(), r.wave(), r.accountId().orElse(null),
            r.ou().orElse(null), r.stacks().stream().map(s -> new StackJson(s.name(), s.stackName(),
                String.valueOf(s.status()), s.current(), s.cannotCompare().orElse(null))).toList(),
            r.problem().orElse(null))).toList());
      } else {
        List<List<String>> table = new ArrayList<>();
        for (TenantStatus r : rows) {
          // a hint naming a command repeats this run's options, as an error's fix does
          String stacks = r.problem().map(Pasteable.of(spec)::text)
              .orElseGet(() -> String.join(", ", r.stacks().stream()
              .map(s -> s.name() + " " + s.status() + s.cannotCompare().map(c -> " (cannot compare: " + c + ")")
                  .orElse(s.current() || String.valueOf(s.status()).equals("NOT_DEPLOYED") ? "" : " (outdated)"))
              .toList()));
          table.add(List.of(r.tenant(), r.wave(), r.accountId().orElse("-"), r.ou().orElse("-"), stacks));
        }
        printer.table(List.of("TENANT", "WAVE", "ACCOUNT", "OU", "STACKS"), table);
      }
    }
    return 0;
  }
}
