package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.rollout.RolloutRecord;
import io.tenantctl.rollout.RolloutState;
import io.tenantctl.state.Locks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Where a rollout stands, tenant by tenant (default: the latest).")
public final class RolloutStatusCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "The rollout (default: the latest).")
  Optional<String> id;

  public RolloutStatusCommand(Launch launch) {
    this.launch = launch;
  }

  record TenantJson(String tenant, String wave, String state, String reason) {}

  /** The process that holds the rollout's lock; {@code ended} when it ran on this host and runs no more. */
  record RunnerJson(String user, String host, long pid, String since, boolean ended) {}

  record StatusJson(String id, String stack, String state, String started, RunnerJson runner,
      List<TenantJson> tenants) {}

  @Override
  public Integer call() {
    id.ifPresent(RolloutIds::check);
    try (var services = Session.open(spec, launch)) {
      var rollouts = services.rollouts();
      String which = id.or(rollouts::latest).orElseThrow(() -> Fault.invalid("no rollout yet",
          "start one: tenantctl rollout start --stack NAME"));
      RolloutRecord r = rollouts.record(which);
      List<TenantJson> tenants = new ArrayList<>();
      r.plan().waves().forEach(w -> w.tenants().forEach(t -> tenants.add(new TenantJson(t, w.name(),
          r.tenant(t).name().toLowerCase(Locale.ROOT).replace('_', '-'), r.reason(t).orElse(null)))));
      var printer = Session.printer(spec, launch);
      boolean running = r.state() == RolloutState.RUNNING;
      String thisHost = Locks.Claimant.current("").host();
      Optional<Locks.Holder> runner = running ? rollouts.runnerOf(which) : Optional.empty();
      if (Session.json(spec)) {
        printer.json(new StatusJson(which, r.plan().stack(), r.state().label(), r.plan().started().toString(),
            runner.map(h -> new RunnerJson(h.user(), h.host(), h.pid(), h.since().toString(), h.endedOn(thisHost)))
                .orElse(null), tenants));
      } else {
        printer.line("rollout " + which + " of " + r.plan().stack() + ": " + r.state()
            + r.halt().map(h -> " (" + h.reason() + ")").orElse("")
            + (running ? Pasteable.of(spec).text(runnerNote(which, runner, thisHost)) : ""));
        printer.table(List.of("TENANT", "WAVE", "STATE", "REASON"), tenants.stream().map(t -> List.of(t.tenant(),
            t.wave(), t.state(), Optional.ofNullable(t.reason()).orElse(""))).toList());
      }
    }
    return 0;
  }

  /** Whether a process still runs it, and what to do when none does. */
  private static String runnerNote(String id, Optional<Locks.Holder> runner, String thisHost) {
    if (runner.isEmpty()) {
      return "; no process runs it: tenantctl rollout resume " + id;
    }
    Locks.Holder h = runner.get();
    if (h.endedOn(thisHost)) {
      return "; its process (pid " + h.pid() + " on " + h.host() + ") is gone: tenantctl rollout unlock --force " + id
          + ", then tenantctl rollout resume " + id;
    }
    return "; run by " + h.user() + "@" + h.host() + " (pid " + h.pid() + ") since " + h.since();
  }
}
