package io.tenantctl.cli;

import io.tenantctl.app.Services;
import io.tenantctl.deploy.Deployment;
import io.tenantctl.manifest.Tenant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The TENANT and optional --stack that deploy and diff act on. */
public final class StackTarget {
  @Parameters(paramLabel = "TENANT", description = "The tenant.")
  String tenant;

  @Option(names = "--stack", paramLabel = "NAME", description = "Only this stack (default: every stack, in the fleet's order).")
  String stack;

  Optional<String> stack() {
    return Optional.ofNullable(stack);
  }

  /** The tenant, once it and --stack are known to be valid: checked before any AWS client is built. */
  Tenant resolve(Services services) {
    Tenant t = services.tenants(List.of(tenant), false).get(0);
    services.requireVariables(List.of(t), Deployment.stacks(services.manifests().fleet(), stack()));
    return t;
  }
}
