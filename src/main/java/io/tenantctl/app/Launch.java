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
 * What a run of the CLI gets from outside: environment variables, how to reach the cloud, and whether
 * stderr is a terminal. Tests pass their own, so they never touch the developer's real configuration.
 *
 * @param console stderr is an interactive terminal: progress may redraw in place
 * @param confirmation who answers before an irreversible change: the person at the terminal, or nobody
 */
public record Launch(Map<String, String> env, Function<AwsSettings, Cloud> clouds, Secrets secrets, boolean console,
    Confirmation confirmation) {

  public Launch(Map<String, String> env, Function<AwsSettings, Cloud> clouds) {
    this(env, clouds, Confirmation.none());
  }

  public Launch(Map<String, String> env, Function<AwsSettings, Cloud> clouds, Confirmation confirmation) {
    this(env, clouds, new Secrets(), false, confirmation);
  }

  /** The process's own launch: real AWS, and a live display and a person to ask when there is a console. */
  public static Launch of(Map<String, String> env) {
    var console = System.console();
    // a lambda, not AwsCloud::new: the SDK's classes load when a command first reaches the cloud, not at start
    return new Launch(Map.copyOf(env), aws -> new AwsCloud(aws), new Secrets(), console != null,
        console != null ? Confirmation.terminal(console) : Confirmation.none());
  }

  /** The same launch with a fresh registry of this run's secret values. */
  public Launch forRun() {
    return new Launch(env, clouds, new Secrets(), console, confirmation);
  }

  /**
   * The local emulator --local uses: {@code .tenantctl/emulator}, or TENANTCTL_EMULATOR_HOME; moto is installed in
   * its {@code venv}, or in TENANTCTL_EMULATOR_VENV (bin/test points its own emulator at the same one).
   */
  public LocalEmulator emulator() {
    Path home = env("TENANTCTL_EMULATOR_HOME").map(Path::of).orElse(Path.of(".tenantctl", "emulator"));
    return new LocalEmulator(home, env("TENANTCTL_EMULATOR_VENV").map(Path::of).orElse(home.resolve("venv")));
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
