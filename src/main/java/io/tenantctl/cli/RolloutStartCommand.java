package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.rollout.Bakery;
import io.tenantctl.rollout.RolloutPlan;
import io.tenantctl.rollout.TenantSelector;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "start", description = "Print the plan (the rollout's id first), then, once confirmed, roll the stack"
    + " out wave by wave: to every tenant, or to those --select names by their labels.")
public final class RolloutStartCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The stack to roll out.")
  String stack;

  @Option(names = "--select", paramLabel = "LABEL=VALUE[,…]", description = "Only the tenants whose labels all"
      + " match, e.g. --select tier=enterprise,region=eu (default: every tenant).")
  String select;

  @Option(names = "--rollback-on-halt", description = "On a halt, put back every tenant this rollout changed.")
  boolean rollbackOnHalt;

  @Option(names = "--allow-empty-canary", description = "Start even when the first wave changes nothing while later"
      + " waves do (needed without a terminal).")
  boolean allowEmptyCanary;

  @Mixin Confirm confirm;

  public RolloutStartCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    var targets = RolloutTargets.of(spec, select);
    try (var services = Session.openStreaming(spec, launch, targets::settings)) {
      var m = services.manifests();
      RolloutPlan plan = RolloutPlan.of(m.fleet(), m.tenants(), stack, targets.selector(), rollbackOnHalt);
      services.requireVariables(m.tenants().stream().filter(t -> targets.selector().matches(t.labels())).toList(),
          List.of(stack));
      confirm.requireAnswer(launch, "rollout start");
      var rollout = services.rollout(stack, Bakery.WALL_CLOCK);
      // the lock before the id and the plan's reads: a second start is refused at once and never shares the id
      String id = confirm.dryRun() ? rollout.newId(stack) : rollout.reserve(stack);
      var stacks = services.rolloutStacks(stack);
      var atTargets = RolloutPlanView.atTargets(plan, stacks);
      EmptyCanary.check(plan.waves(), atTargets, confirm.dryRun() || allowEmptyCanary || launch.console(),
          spec.commandLine().getErr());
      new RolloutPlanView(Session.printer(spec, launch), Session.json(spec))
          .show(id, plan, stacks, atTargets, confirm.dryRun());
      if (!confirm.confirmed(spec, launch, "Start the rollout?")) {
        return confirm.stopped();
      }
      return RolloutCommand.finish(spec, services, rollout, rollout.start(id, plan));
    }
  }

  /** Which tenants a rollout targets: {@code --select}, or the older {@code --tenants KEY=VALUE}, which says so. */
  record RolloutTargets(TenantSelector selector, boolean deprecatedForm) {
    static RolloutTargets of(CommandSpec spec, String select) {
      String tenants = GlobalOptions.of(spec).tenantsDir().toString();
      if (!tenants.contains("=")) {
        return new RolloutTargets(select == null ? TenantSelector.ALL : TenantSelector.parse(select), false);
      }
      if (select != null) {
        throw Fault.invalid("--tenants " + tenants + " and --select " + select + " both select tenants",
            "keep --select only; --tenants names the manifests' directory");
      }
      spec.commandLine().getErr().println("warning: selecting tenants with --tenants KEY=VALUE is deprecated"
          + " (--tenants names the manifests' directory): use --select " + tenants);
      return new RolloutTargets(TenantSelector.parse(tenants), true);
    }

    /** In the older form --tenants is no directory: the manifests are in tenants/ beside the fleet file. */
    io.tenantctl.app.Settings settings(io.tenantctl.app.Settings s) {
      return deprecatedForm ? s.withTenantsDir(s.fleetFile().toAbsolutePath().getParent().resolve("tenants")) : s;
    }
  }
}
