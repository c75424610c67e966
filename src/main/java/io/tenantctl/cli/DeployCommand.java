package io.tenantctl.cli;

import io.tenantctl.stacks.StackDeployer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy",
    description = "Deploy an onboarded tenant's stacks through change sets. An unchanged stack costs one read and no write.")
public final class DeployCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  @Mixin StackTarget target;

  @Option(names = "--force", description = "Ask CloudFormation even for stacks whose fingerprint says they are as planned"
      + " (after a change made by hand).")
  boolean force;

  public DeployCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var session = new Session(GlobalOptions.of(spec), launch, spec.commandLine().getErr())) {
      var t = target.resolve(session);
      var deployment = session.deployment();
      var outcomes = deployment.deploy(t, target.stack(), force, session.progress());
      var printer = new Printer(spec.commandLine().getOut());
      if (session.options().json()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StackDeployer.Outcome o : outcomes) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("tenant", t.name());
          m.put("stack", o.stackName());
          m.put("result", o.result().name());
          m.put("status", o.state().status());
          rows.add(m);
        }
        printer.json(rows);
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
