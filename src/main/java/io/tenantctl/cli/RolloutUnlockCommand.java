package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.state.Locks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unlock", description = "Break the lock a dead rollout left (journalled in that rollout).")
public final class RolloutUnlockCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The rollout that holds the lock.")
  String id;

  @Option(names = "--force", description = "Required: breaking a lock is deliberate.")
  boolean force;

  public RolloutUnlockCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    RolloutIds.check(id);
    if (!force) {
      throw Fault.invalid("rollout unlock breaks another process's lock", "make sure that process is gone, then"
          + " re-run with --force: tenantctl rollout unlock --force " + id);
    }
    try (var services = Session.open(spec, launch)) {
      var rollouts = services.rollouts();
      boolean started = rollouts.started(id);
      Locks.Lock broken = rollouts.unlock(id, Locks.Claimant.current("rollout unlock " + id));
      spec.commandLine().getOut().println(Pasteable.of(spec).text("unlocked: the lock of " + broken.holder()
          .describe() + " is broken;" + (started ? " resume with: tenantctl rollout resume " + id
              : " rollout " + id + " never started (nothing to resume): start again with tenantctl rollout start")));
    }
    return 0;
  }
}
