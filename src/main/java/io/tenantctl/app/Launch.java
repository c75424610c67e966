package io.tenantctl.app;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.cloud.aws.AwsSettings;
import io.tenantctl.core.Secrets;
import io.tenantctl.emulator.LocalEmulator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a run of the CLI gets from outside: environment variables and how to reach the cloud. Tests
 * pass their own, so they never touch the developer's real configuration.
 */
public record Launch(Map<String, String> env, Function<AwsSettings, Cloud> clouds, Secrets secrets) {

  public Launch(Map<String, String> env, Function<AwsSettings, Cloud> clouds) {
    this(env, clouds, new Secrets());
  }

  public static Launch of(Map<String, String> env) {
    return new Launch(Map.copyOf(env), AwsCloud::new);
  }

  /** The same launch with a fresh registry of this run's secret values. */
  public Launch forRun() {
    return new Launch(env, clouds, new Secrets());
  }

  /** The local emulator --local uses: {@code .tenantctl/emulator}, or TENANTCTL_EMULATOR_HOME. */
  public LocalEmulator emulator() {
    return new LocalEmulator(env("TENANTCTL_EMULATOR_HOME").map(Path::of).orElse(Path.of(".tenantctl", "emulator")));
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
