package io.tenantctl.sim;

import io.tenantctl.app.Launch;
import io.tenantctl.app.Services;
import io.tenantctl.app.Settings;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.isolation.live.LiveAudit;
import io.tenantctl.onboard.Bootstrap;
import io.tenantctl.manifest.FleetManifests;
import io.tenantctl.manifest.ManifestLoader;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.onboard.Onboarding;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.org.OrganizationScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStores;
import java.util.Optional;
import io.tenantctl.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sample fleet and tenants on a {@link SimCloud}, wired by the same composition root as the CLI
 * ({@link Services}), but polling without delay. Each {@link #services()} is a fresh run: new directory and OU
 * cache, the same cloud and the same state directory, as after a restart.
 */
public final class SimFleet {
  public static final Polling NO_DELAY = Polling.of(Duration.ZERO, Duration.ofSeconds(5));

  public final SimCloud cloud;
  public final FleetManifests manifests;
  public final Path stateDir;
  public final String productionAccountId;

  /** The sample fleet on {@code cloud}, bootstrapped: the production account exists (found by its e-mail). */
  public SimFleet(SimCloud cloud, Path stateDir) {
    this.cloud = cloud;
    this.manifests = samples();
    this.stateDir = stateDir;
    this.productionAccountId = cloud.addAccount("production", manifests.fleet().production().email().orElseThrow(),
        "/", Map.of());
  }

  /** The sample fleet on {@code cloud}, whose production account (with the fleet's production e-mail) exists. */
  public SimFleet(SimCloud cloud, Path stateDir, String productionAccountId) {
    this.cloud = cloud;
    this.manifests = samples();
    this.stateDir = stateDir;
    this.productionAccountId = productionAccountId;
  }

  /** The tests' copy of the sample fleet.yaml and tenants/ ({@link Samples}). */
  public static FleetManifests samples() {
    return new ManifestLoader().load(Samples.fleet(), Samples.tenants());
  }

  /** A fresh run's services on this cloud and state, with no delay between polls. */
  public Services services() {
    return new Services(settings(), new Launch(Map.of(), s -> cloud), Progress.NONE);
  }

  /** The same, with batches of {@code concurrency} tenants at once. */
  public Services services(int concurrency) {
    return new Services(settings().withConcurrency(concurrency), new Launch(Map.of(), s -> cloud), Progress.NONE);
  }

  private Settings settings() {
    return Settings.of(Samples.fleet(), Samples.tenants()).withPollDelay(Duration.ZERO).withStateDir(stateDir);
  }

  public Tenant tenant(String name) {
    return manifests.tenant(name).orElseThrow();
  }

  /** The organization's state, opened afresh (as by a new process) on first use. */
  public StateStore state() {
    return new FileStateStores(stateDir).deferred(OrganizationScope.of(cloud.organization(), Optional.empty()));
  }

  public Onboarding onboarding() {
    return services().onboarding();
  }

  /** Bootstrap as the composition root wires it: OUs, the production account and stack, the guardrail. */
  public Bootstrap bootstrap() {
    return services().bootstrap();
  }

  /** The live audit as the composition root wires it. */
  public LiveAudit audit() {
    return services().audit();
  }

  /** A template guard reading this sim's organization. */
  public DeployGuard guard() {
    return new DeployGuard(services().isolation());
  }

  public String baselineStack(String tenant) {
    return StackPlans.stackName(tenant, manifests.fleet().baselineStack());
  }
}
