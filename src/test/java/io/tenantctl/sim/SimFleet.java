package io.tenantctl.sim;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.core.Polling;
import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.isolation.live.IsolationContexts;
import io.tenantctl.onboard.Onboarding;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.manifest.FleetManifests;
import io.tenantctl.manifest.ManifestLoader;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OuPaths;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.org.OrganizationScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The sample fleet and tenants on a {@link SimCloud}, with the services wired as {@code cli/Session} wires
 * them, but polling without delay. Each {@link #onboarding()} is a fresh run: new directory and OU cache,
 * the same cloud and the same state directory, as after a restart.
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
        "/", java.util.Map.of());
  }

  /** The project's sample fleet.yaml and tenants/; Maven runs tests in the project root. */
  public static FleetManifests samples() {
    return new ManifestLoader().load(Path.of("fleet.yaml"), Path.of("tenants"));
  }

  public Tenant tenant(String name) {
    return manifests.tenant(name).orElseThrow();
  }

  /** The organization's state, opened afresh (as by a new process) on first use. */
  public StateStore state() {
    return new FileStateStores(stateDir).deferred(OrganizationScope.of(cloud.organization(), Optional.empty()));
  }

  public Onboarding onboarding() {
    var fleet = manifests.fleet();
    var org = cloud.organization();
    var directory = new AccountDirectory(org);
    var ous = new OuPaths(org);
    var vendor = new AccountVendor(org, directory, ous, state(), NO_DELAY);
    var role = fleet.deployRole();
    var access = new DeployAccess(cloud, new Cloud.DeployRoleRef(role.name(), role.externalId()), NO_DELAY);
    var guard = new DeployGuard(new IsolationContexts(fleet, org, directory, ous));
    return new Onboarding(fleet, org, directory, ous, vendor, access, new StackPlans(fleet), new StackDeployer(),
        guard);
  }

  /** A template guard reading this sim's organization. */
  public DeployGuard guard() {
    var org = cloud.organization();
    return new DeployGuard(new IsolationContexts(manifests.fleet(), org, new AccountDirectory(org), new OuPaths(org)));
  }

  public String baselineStack(String tenant) {
    return StackPlans.stackName(tenant, manifests.fleet().baselineStack());
  }
}
