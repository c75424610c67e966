package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.rollout.Bakery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", description = "Continue a rollout exactly where it stopped; a resumed bake waits only what"
    + " was left of it.")
public final class RolloutResumeCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The rollout, e.g. r-20261123-1412-app.")
  String id;

  @Option(names = "--rollback-on-halt", description = "Roll back what a halted rollout changed.")
  boolean rollback;

  public RolloutResumeCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    RolloutIds.check(id);
    try (var services = Session.openStreaming(spec, launch, s -> s)) {
      String stack = services.rollouts().record(id).plan().stack();
      var rollout = services.rollout(stack, Bakery.WALL_CLOCK);
      return RolloutCommand.finish(spec, services, rollout, rollout.resume(id, rollback));
    }
  }
}
