package io.tenantctl.cli;

import io.tenantctl.app.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --concurrency N}, for the commands that work on many tenants at once. */
public final class Concurrency {
  static final int MAX = 100;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;
  private Integer value;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "How many tenants to work on at once, 1-" + MAX + " (default: the fleet file's concurrency, else 8).")
  void set(int n) {
    if (n < 1 || n > MAX) {
      throw new ParameterException(mixee.commandLine(), "--concurrency must be between 1 and " + MAX + ", not " + n);
    }
    value = n;
  }

  Settings apply(Settings settings) {
    return value == null ? settings : settings.withConcurrency(value);
  }
}
