package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ls", description = "The fleet's rollouts, newest first.")
public final class RolloutListCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  public RolloutListCommand(Launch launch) {
    this.launch = launch;
  }

  record RolloutJson(String id, String stack, String state, String started, String tenants) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var rows = services.rollouts().list();
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(rows.stream().map(r -> new RolloutJson(r.id(), r.stack(), r.state().label(),
            r.started().toString(), r.selector())).toList());
      } else {
        printer.table(List.of("ID", "STACK", "STATE", "STARTED", "TENANTS"), rows.stream().map(r -> List.of(r.id(),
            r.stack(), r.state().label(), r.started().toString(), r.selector())).toList());
      }
    }
    return 0;
  }
}
