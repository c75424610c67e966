package io.tenantctl.cli;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsSettings;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import io.tenantctl.onboard.Bootstrap;
import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.isolation.live.LiveAudit;
import io.tenantctl.deploy.Deployment;
import io.tenantctl.deploy.FleetStatus;
import io.tenantctl.isolation.live.IsolationContexts;
import io.tenantctl.onboard.Onboarding;
import io.tenantctl.onboard.SharedResources;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.manifest.FleetManifests;
import io.tenantctl.manifest.ManifestLoader;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OrganizationScope;
import io.tenantctl.org.OuPaths;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.state.StateStores;
import io.tenantctl.state.file.FileStateStores;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One command run: reads the manifests, checks them before any AWS call, then builds the services a
 * command asks for on one {@link Cloud}, and closes it at the end.
 */
final class Session implements AutoCloseable {
  private final GlobalOptions options;
  private final Launch launch;
  private final PrintWriter err;
  private final Progress progress;
  private FleetManifests manifests;
  private StackPlans plans;
  private Cloud cloud;
  private AwsSettings settings;
  private AccountDirectory directory;
  private OuPaths ous;
  private IsolationContexts isolation;

  Session(GlobalOptions options, Launch launch, PrintWriter err) {
    this.options = options;
    this.launch = launch;
    this.err = err;
    this.progress = new ConsoleProgress(err);
  }

  GlobalOptions options() {
    return options;
  }

  Progress progress() {
    return progress;
  }

  /** The manifests, strictly validated; also every stack's parameters against its template. */
  FleetManifests manifests() {
    if (manifests == null) {
      // paths in messages are relative to the fleet file's directory, wherever tenantctl is run from
      Path base = options.fleetFile().toAbsolutePath().getParent();
      manifests = new ManifestLoader(base).load(options.fleetFile(), options.tenantsDir());
      plans = new StackPlans(manifests.fleet(), launch.env(), launch.secrets());
      List<String> problems = new ArrayList<>();
      for (Tenant t : manifests.tenants()) {
        for (String stack : manifests.fleet().stacks().keySet()) {
          problems.addAll(plans.problems(t, stack));
        }
      }
      if (!problems.isEmpty()) {
        throw Fault.invalid(String.join("\n       ", problems), "then run `tenantctl validate`");
      }
    }
    return manifests;
  }

  /** The named tenants (all when none are named); an unknown name is a usage error, found before any AWS call. */
  List<Tenant> tenants(List<String> names, boolean all) {
    var m = manifests();
    if (all) {
      return m.tenants();
    }
    if (names.isEmpty()) {
      throw Fault.invalid("name a tenant, or pass --all", "e.g. `tenantctl create acme`");
    }
    List<Tenant> out = new ArrayList<>();
    for (String name : names) {
      TenantArgument.check(name);
      out.add(m.tenant(name).orElseThrow(() -> Fault.invalid("no tenant named " + name + " in "
          + options.tenantsDir(), "create " + options.tenantsDir().resolve(name + ".yaml") + ", or use one of: "
          + String.join(", ", m.tenants().stream().map(Tenant::name).toList()))));
    }
    return out;
  }

  Cloud cloud() {
    if (cloud == null) {
      var fleet = manifests().fleet();
      String region = options.region().or(() -> launch.env("AWS_REGION")).or(() -> launch.env("AWS_DEFAULT_REGION"))
          .orElse(fleet.region());
      Optional<URI> endpoint = options.endpointUrl()
          .or(() -> options.local() ? Optional.of(launch.emulator().ensureRunning(progress)) : Optional.empty())
          .or(() -> launch.env("AWS_ENDPOINT_URL").map(URI::create));
      Optional<String> profile = options.profile().or(() -> launch.env("AWS_PROFILE"));
      settings = AwsSettings.of(region, profile, endpoint);
      cloud = launch.clouds().apply(settings);
    }
    return cloud;
  }

  Onboarding onboarding() {
    var fleet = manifests().fleet();
    return new Onboarding(fleet, cloud().organization(), directory(), ous(), vendor(), access(Duration.ofMinutes(15)),
        plans, new StackDeployer(), new DeployGuard(isolation()));
  }

  LiveAudit audit() {
    return new LiveAudit(manifests().fleet(), directory(), isolation(), access(Duration.ofSeconds(20)));
  }

  /** The accounts the one-way rule is about, read from the organization once per run. */
  IsolationContexts isolation() {
    if (isolation == null) {
      isolation = new IsolationContexts(manifests().fleet(), cloud().organization(), directory(), ous());
    }
    return isolation;
  }

  Deployment deployment() {
    return new Deployment(manifests().fleet(), directory(), access(Duration.ofMinutes(5)), plans, new StackDeployer(),
        new DeployGuard(isolation()));
  }

  Bootstrap bootstrap() {
    var fleet = manifests().fleet();
    var shared = new SharedResources(fleet, access(Duration.ofMinutes(15)), new DeployGuard(isolation()), isolation(),
        new StackDeployer());
    return new Bootstrap(fleet, cloud(), directory(), ous(), vendor(), shared);
  }

  FleetStatus status() {
    return new FleetStatus(manifests().fleet(), cloud().organization(), directory(), ous(),
        access(Duration.ofSeconds(20)), plans);
  }

  private AccountVendor vendor() {
    var org = cloud().organization();
    var state = stateStores().deferred(OrganizationScope.of(org, settings.endpoint()));
    return new AccountVendor(org, directory(), ous(), state, Polling.of(settings.pollDelay(), Duration.ofMinutes(30)));
  }

  private StateStores stateStores() {
    var state = manifests().fleet().state();
    return switch (state.backend()) {
      case FILE -> new FileStateStores(state.dir());
    };
  }

  private DeployAccess access(Duration patience) {
    var role = manifests().fleet().deployRole();
    return new DeployAccess(cloud(), new Cloud.DeployRoleRef(role.name(), role.externalId()),
        Polling.of(settings.pollDelay(), patience));
  }

  private AccountDirectory directory() {
    if (directory == null) {
      directory = new AccountDirectory(cloud().organization());
    }
    return directory;
  }

  private OuPaths ous() {
    if (ous == null) {
      ous = new OuPaths(cloud().organization());
    }
    return ous;
  }

  @Override
  public void close() {
    if (cloud != null) {
      cloud.close();
    }
    err.flush();
  }
}
