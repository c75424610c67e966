package io.tenantctl.cli;

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
}
