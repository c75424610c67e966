package io.tenantctl.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one run was asked for, resolved once from the command line: which manifests, how to reach AWS, how
 * much to do at once. The composition root ({@link Services}) turns it into services.
 *
 * @param endpoint    an emulator or VPC endpoint (AWS_ENDPOINT_URL is applied by {@link Services})
 * @param local       use the local emulator, installed and started on first use
 * @param concurrency how many tenants a batch works on at once; empty: the fleet file's
 * @param pollDelay   the first delay between polls of slow operations; empty: what suits the endpoint
 * @param verbose     show tenantctl's detail lines and the SDK's INFO log
 * @param stateDir    where journals, locks and records live; empty: the fleet file's {@code state.dir}
 */
public record Settings(
    Path fleetFile,
    Path tenantsDir,
    Optional<String> region,
    Optional<String> profile,
    Optional<URI> endpoint,
    boolean local,
    OptionalInt concurrency,
    Optional<Duration> pollDelay,
    boolean verbose,
    Optional<Path> stateDir) {

  /** The defaults: {@code fleet.yaml} and {@code tenants/} in the working directory, real AWS. */
  public static Settings of(Path fleetFile, Path tenantsDir) {
    return new Settings(fleetFile, tenantsDir, Optional.empty(), Optional.empty(), Optional.empty(), false,
        OptionalInt.empty(), Optional.empty(), false, Optional.empty());
  }

  public Settings withConcurrency(int n) {
    return new Settings(fleetFile, tenantsDir, region, profile, endpoint, local, OptionalInt.of(n), pollDelay, verbose,
        stateDir);
  }

  /** Polls without waiting: for the simulated cloud, whose time is not real. */
  public Settings withPollDelay(Duration delay) {
    return new Settings(fleetFile, tenantsDir, region, profile, endpoint, local, concurrency, Optional.of(delay),
        verbose, stateDir);
  }

  /** Keeps state elsewhere than the fleet file says: for tests and embedders. */
  public Settings withStateDir(Path dir) {
    return new Settings(fleetFile, tenantsDir, region, profile, endpoint, local, concurrency, pollDelay, verbose,
        Optional.of(dir));
  }

  /** The tenant manifests in {@code dir}: {@code rollout start --tenants SELECTOR} leaves the default directory. */
  public Settings withTenantsDir(Path dir) {
    return new Settings(fleetFile, dir, region, profile, endpoint, local, concurrency, pollDelay, verbose, stateDir);
  }
}
