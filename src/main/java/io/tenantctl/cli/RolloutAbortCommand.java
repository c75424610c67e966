package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "abort", description = "Stop a rollout from starting more tenants; those in flight finish.")
public final class RolloutAbortCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The rollout.")
  String id;

  public RolloutAbortCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    RolloutIds.check(id);
    try (var services = Session.open(spec, launch)) {
      var record = services.rollouts().abort(id, io.tenantctl.state.Locks.Claimant.current("abort").user());
      spec.commandLine().getOut().println("rollout " + id + " " + record.state());
    }
    return 0;
  }
}
