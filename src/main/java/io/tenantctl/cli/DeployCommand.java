package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.stacks.StackDeployer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy",
    description = "Deploy an onboarded tenant's stacks through change sets. An unchanged stack costs one read and no"
        + " write. The plan is shown first; on a terminal you are asked, and without one a removal or replacement"
        + " needs --yes.")
public final class DeployCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin StackTarget target;

  @Option(names = "--force", description = "Ask CloudFormation even for stacks whose fingerprint says they are as planned"
      + " (after a change made by hand).")
  boolean force;

  @Mixin Confirm confirm;

  public DeployCommand(Launch launch) {
    this.launch = launch;
  }

  /** One stack's row in {@code deploy --output json}. */
  record StackJson(String tenant, String stack, String result, String status) {}

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var t = target.resolve(services);
      var deployment = services.deployment();
      var plan = deployment.plan(t, target.stack(), force, services.progress());
      boolean go = false;
      try {
        go = confirm.proceed(spec, launch, Plans.of(plan));
      } finally {
        if (!go) {
          // the plan's change sets wait for a deploy that is not coming
          deployment.discard(plan);
        }
      }
      if (!go) {
        return confirm.stopped();
      }
      var outcomes = deployment.apply(plan, services.progress());
      var printer = Session.printer(spec, launch);
      if (Session.json(spec)) {
        printer.json(outcomes.stream().map(o -> new StackJson(t.name(), o.stackName(), o.result().name(),
            String.valueOf(o.state().status()))).toList());
      } else {
        for (StackDeployer.Outcome o : outcomes) {
          printer.line(t.name() + ": " + o.stackName() + " " + switch (o.result()) {
            case UNCHANGED -> "up to date";
            case CREATED -> "created (" + o.state().status() + ")";
            case UPDATED -> "updated (" + o.state().status() + ")";
          });
        }
      }
    }
    return 0;
  }
}
