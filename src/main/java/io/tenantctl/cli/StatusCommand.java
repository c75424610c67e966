package io.tenantctl.cli;

import io.tenantctl.deploy.FleetStatus.StackStatus;
import io.tenantctl.deploy.FleetStatus.TenantStatus;
import io.tenantctl.manifest.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      List<Tenant> tenants = session.tenants(names, names.isEmpty());
      var service = session.status();
      List<TenantStatus> rows = tenants.stream().map(service::of).toList();
      var printer = new Printer(spec.commandLine().getOut());
      if (session.options().json()) {
        printer.json(rows.stream().map(StatusCommand::json).toList());
      } else {
        List<List<String>> table = new ArrayList<>();
        for (TenantStatus r : rows) {
          String stacks = r.problem().orElseGet(() -> String.join(", ", r.stacks().stream()
              .map(s -> s.name() + " " + s.status() + (s.current() || s.status().equals("NOT_DEPLOYED") ? "" : " (outdated)"))
              .toList()));
          table.add(List.of(r.tenant(), r.wave(), r.accountId().orElse("-"), r.ou().orElse("-"), stacks));
        }
        printer.table(List.of("TENANT", "WAVE", "ACCOUNT", "OU", "STACKS"), table);
      }
    }
    return 0;
  }

  private static Map<String, Object> json(TenantStatus r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", r.tenant());
    m.put("wave", r.wave());
    m.put("accountId", r.accountId().orElse(null));
    m.put("ou", r.ou().orElse(null));
    List<Map<String, Object>> stacks = new ArrayList<>();
    for (StackStatus s : r.stacks()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", s.name());
      sm.put("stackName", s.stackName());
      sm.put("status", s.status());
      sm.put("current", s.current());
      stacks.add(sm);
    }
    m.put("stacks", stacks);
    m.put("problem", r.problem().orElse(null));
    return m;
  }
}
