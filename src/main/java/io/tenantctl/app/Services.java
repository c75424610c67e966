package io.tenantctl.app;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsSettings;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import io.tenantctl.deploy.Deployment;
import io.tenantctl.deploy.FleetStatus;
import io.tenantctl.isolation.live.DeployGuard;
import io.tenantctl.isolation.live.IsolationContexts;
import io.tenantctl.isolation.live.LiveAudit;
import io.tenantctl.isolation.live.StandInGuard;
import io.tenantctl.manifest.FleetManifests;
import io.tenantctl.manifest.ManifestException;
import io.tenantctl.manifest.ManifestLoader;
import io.tenantctl.manifest.ManifestProblem;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.manifest.TenantName;
import io.tenantctl.onboard.Bootstrap;
import io.tenantctl.onboard.Onboarding;
import io.tenantctl.onboard.SharedResources;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OuPaths;
import io.tenantctl.rollout.AlarmGate;
import io.tenantctl.rollout.Bakery;
import io.tenantctl.rollout.HealthGate;
import io.tenantctl.rollout.LiveTenantStacks;
import io.tenantctl.rollout.Rollout;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlans;
import io.tenantctl.stacks.ResourceTypes;
import io.tenantctl.stacks.TemplateCheck;
import io.tenantctl.org.OrganizationScope;
import io.tenantctl.state.Leases;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStores;
import io.tenantctl.state.file.FileStateStores;
import io.tenantctl.tenant.TenantBatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: builds, once per run, the services a command calls, on one {@link Cloud} and the
 * run's state, and closes them at the end. Reads and checks the manifests before anything reaches AWS. The
 * same root runs against real AWS, the local emulator and (in tests) the simulated cloud.
 */
public final class Services implements AutoCloseable {
  private final Settings settings;
  private final Launch launch;
  private final Progress progress;
  private FleetManifests manifests;
  private StackPlans plans;
  private Cloud cloud;
  private Duration pollDelay;
  private AccountDirectory directory;
  private OuPaths ous;
  private IsolationContexts isolation;
  /** What to let go of when the run ends. */
  private final List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Optional<URI> endpoint = Optional.empty();
  private StateStore state;

  public Services(Settings settings, Launch launch, Progress progress) {
    this.settings = settings;
    this.launch = launch;
    this.progress = progress;
  }

  public Settings settings() {
    return settings;
  }

  public Progress progress() {
    return progress;
  }

  /** The manifests, strictly validated; also every stack's parameters against its template. */
  public FleetManifests manifests() {
    if (manifests == null) {
      // paths in messages are relative to the fleet file's directory, wherever tenantctl is run from
      Path base = settings.fleetFile().toAbsolutePath().getParent();
      var loaded = new ManifestLoader(base).load(settings.fleetFile(), settings.tenantsDir());
      // a template that does not read is told once, where the parser stopped, before any per-tenant check
      List<ManifestProblem> unreadable = new ArrayList<>();
      templates(loaded.fleet()).forEach(t -> unreadable.addAll(TemplateCheck.readable(t)));
      if (!unreadable.isEmpty()) {
        throw new ManifestException(unreadable, base);
      }
      var planned = new StackPlans(loaded.fleet(), launch.env(), launch.secrets());
      List<String> problems = new ArrayList<>();
      for (Tenant t : loaded.tenants()) {
        for (String stack : loaded.fleet().stacks().keySet()) {
          problems.addAll(planned.problems(t, stack));
        }
      }
      if (!problems.isEmpty()) {
        throw Fault.invalid(String.join("\n       ", problems), "correct each value at the file and line named");
      }
      manifests = loaded;
      plans = planned;
    }
    return manifests;
  }

  /** The named tenants (all when {@code all}); an unknown or invalid name is a usage error, found before any AWS call. */
  public List<Tenant> tenants(List<String> names, boolean all) {
    var m = manifests();
    if (all) {
      return m.tenants();
    }
    if (names.isEmpty()) {
      throw Fault.invalid("name a tenant, or pass --all", "e.g. `tenantctl create acme`");
    }
    List<Tenant> out = new ArrayList<>();
    for (String name : names) {
      // the manifests' own rule, message and fix: a name is judged the same on the command line and in a file
      TenantName.check(name).ifPresent(problem -> {
        throw Fault.invalid(problem, TenantName.RULE);
      });
      out.add(m.tenant(name).orElseThrow(() -> Fault.invalid("no tenant named " + name + " in "
          + settings.tenantsDir(), "create " + settings.tenantsDir().resolve(name + ".yaml") + ", or use one of: "
          + String.join(", ", m.tenants().stream().map(Tenant::name).toList()))));
    }
    return out;
  }

  /**
   * Refuses, before any AWS call, to deploy or preview stacks whose parameters name environment variables that are
   * not set. Only such commands need them: the others run without.
   */
  public void requireVariables(List<Tenant> tenants, List<String> stacks) {
    manifests();
    // a reference to an undeclared name is certain to be rejected by CloudFormation (the emulator would deploy it):
    // refused here, before any AWS call; resource types are validate's to judge, as a newer type may postdate the list
    Path base = settings.fleetFile().toAbsolutePath().getParent();
    List<ManifestProblem> templateProblems = new ArrayList<>();
    stacks.stream().map(stack -> manifests.fleet().stacks().get(stack)).filter(java.util.Objects::nonNull)
        .map(io.tenantctl.manifest.Fleet.StackDefinition::template).distinct()
        .forEach(t -> templateProblems.addAll(TemplateCheck.check(t, ResourceTypes.ANY)));
    if (!templateProblems.isEmpty()) {
      throw new ManifestException(templateProblems, base);
    }
    List<String> problems = new ArrayList<>();
    for (Tenant t : tenants) {
      for (String stack : stacks) {
        problems.addAll(plans.unsetVariables(t, stack));
      }
    }
    if (!problems.isEmpty()) {
      throw Fault.invalid(String.join("\n       ", problems),
          "set the variables in the environment that runs tenantctl; `tenantctl validate` lists what each stack needs");
    }
  }

  /** Every template the fleet file names: its stacks', then production's. */
  private static List<Path> templates(io.tenantctl.manifest.Fleet fleet) {
    var out = new java.util.LinkedHashSet<Path>();
    fleet.stacks().values().forEach(s -> out.add(s.template()));
    fleet.productionStack().ifPresent(s -> out.add(s.template()));
    return List.copyOf(out);
  }

  /**
   * What CloudFormation would reject in the templates (references to undeclared names, unknown resource types),
   * as manifest problems; then the template guard with stand-in account ids. For {@code validate}: no AWS call.
   */
  public void checkTemplates() {
    var m = manifests();
    Path base = settings.fleetFile().toAbsolutePath().getParent();
    var types = ResourceTypes.shipped();
    List<ManifestProblem> problems = new ArrayList<>();
    templates(m.fleet()).forEach(t -> problems.addAll(TemplateCheck.check(t, types)));
    if (!problems.isEmpty()) {
      throw new ManifestException(problems, base);
    }
    var breaches = new StandInGuard(m.fleet(), m.tenants(), launch.env()).check();
    if (!breaches.isEmpty()) {
      throw new Fault(io.tenantctl.core.ExitCode.ISOLATION, "the templates break the one-way rule (judged with"
          + " stand-in account ids: production 222222222222, tenants 3000000000nn)\n       "
          + String.join("\n       ", StandInGuard.lines(breaches)),
          "change the template so that only the account itself (and, in production, the tenants' OU path) is"
              + " admitted");
    }
  }

  /** The environment variables a deploy of each stack needs, for {@code validate}. */
  public java.util.Map<String, java.util.Set<String>> variablesByStack() {
    var m = manifests();
    java.util.Map<String, java.util.Set<String>> out = new java.util.LinkedHashMap<>();
    for (String stack : m.fleet().stacks().keySet()) {
      var names = plans.variables(m.tenants(), stack);
      if (!names.isEmpty()) {
        out.put(stack, names);
      }
    }
    return out;
  }

  /** How many tenants a batch works on at once: {@code --concurrency}, else the fleet file's. */
  public TenantBatch batch() {
    return new TenantBatch(settings.concurrency().orElse(manifests().fleet().concurrency()));
  }

  public Cloud cloud() {
    if (cloud == null) {
      var fleet = manifests().fleet();
      String region = settings.region().or(() -> launch.env("AWS_REGION")).or(() -> launch.env("AWS_DEFAULT_REGION"))
          .orElse(fleet.region());
      Optional<URI> endpoint = settings.endpoint()
          .or(() -> settings.local() ? Optional.of(launch.emulator().ensureRunning(progress)) : Optional.empty())
          .or(() -> launch.env("AWS_ENDPOINT_URL").map(u -> Endpoints.parse(u, "AWS_ENDPOINT_URL")));
      Optional<String> profile = settings.profile().or(() -> launch.env("AWS_PROFILE"));
      AwsSettings aws = AwsSettings.of(region, profile, endpoint).withRetryLog(retry -> progress.step("aws", retry));
      if (settings.verbose()) {
        aws = aws.withCallLog(call -> progress.step("aws", call));
      }
      // how long the emulator may leave a stack unmoved before it is taken for failed (never on AWS)
      var stuckAfter = launch.env("TENANTCTL_EMULATOR_STUCK_AFTER").flatMap(io.tenantctl.manifest.DurationText::parse);
      if (stuckAfter.isPresent()) {
        aws = aws.withStuckAfter(stuckAfter.get());
      }
      pollDelay = settings.pollDelay().orElse(aws.pollDelay());
      this.endpoint = endpoint;
      cloud = launch.clouds().apply(aws);
    }
    return cloud;
  }

  public Onboarding onboarding() {
    var fleet = manifests().fleet();
    return new Onboarding(fleet, cloud().organization(), directory(), ous(), vendor(), pool(),
        access(Duration.ofMinutes(15)),
        plans, new StackDeployer(), new DeployGuard(isolation()), tenantClaims(), registry());
  }

  public LiveAudit audit() {
    return new LiveAudit(manifests().fleet(), directory(), isolation(), access(Duration.ofSeconds(20)));
  }

  /** The accounts the one-way rule is about, read from the organization once per run. */
  public IsolationContexts isolation() {
    if (isolation == null) {
      isolation = new IsolationContexts(manifests().fleet(), cloud().organization(), directory(), ous());
    }
    return isolation;
  }

  public Deployment deployment() {
    return new Deployment(manifests().fleet(), directory(), access(Duration.ofMinutes(5)), plans, new StackDeployer(),
        new DeployGuard(isolation()), tenantClaims(), registry());
  }

  /** The rollouts of this fleet's state, for one stack's tenants; bakes wait by {@code time}. */
  public Rollout rollout(String stack, Bakery time) {
    Rollout rollout = new Rollout(state(), rolloutStacks(stack), rolloutGate(stack), time, progress)
        .stoppingOnSignals().masking(launch.secrets()::redact);
    // a rollout reserved and not started (declined, or its plan failed) lets go of the fleet's lock
    onClose.add(rollout::releaseReserved);
    return rollout;
  }

  /** The rollouts of this fleet's state, to list, show, abort or unlock: no stack is touched. */
  public Rollout rollouts() {
    return new Rollout(state(), null, HealthGate.NONE, Bakery.WALL_CLOCK, progress);
  }

  /** Every tenant's {@code stack}, through the same deploy path, guard included, as {@code deploy}. */
  public LiveTenantStacks rolloutStacks(String stack) {
    return new LiveTenantStacks(manifests().tenants(), stack, directory(), access(Duration.ofMinutes(5)), plans,
        new StackDeployer(), new DeployGuard(isolation()), progress);
  }

  /**
   * CloudWatch alarms in the fleet's region, read through each account's deploy role; the alarms {@code stack}'s
   * template declares are the rollout's to create.
   */
  private HealthGate rolloutGate(String stack) {
    manifests();
    return new AlarmGate(access(Duration.ofSeconds(20)), manifests().fleet().region(),
        () -> isolation().productionAccountId(), plans.template(stack).declaredAlarms());
  }

  /**
   * Alarms made and fired in tenants' accounts, on the local emulator only: refused (exit 2, before any AWS call)
   * when the run is not against an emulator (--local, --endpoint-url or AWS_ENDPOINT_URL).
   */
  public io.tenantctl.emulator.EmulatorAlarms emulatorAlarms() {
    if (!settings.local() && settings.endpoint().isEmpty() && launch.env("AWS_ENDPOINT_URL").isEmpty()) {
      throw Fault.invalid("`emulator alarm` sets alarms on the local emulator only, and this run is against AWS",
          "add --local: `tenantctl --local emulator alarm TENANT NAME ALARM|OK`");
    }
    return new io.tenantctl.emulator.EmulatorAlarms(manifests().fleet(), manifests().tenants(), directory(),
        access(Duration.ofSeconds(20)));
  }

  /**
   * The tenants this state directory's {@code delete} journals say are offboarded (not reinstated since), each with
   * where: read from local files, with no AWS call, in every organization the directory holds state of. Empty for
   * a state backend that is not on local files.
   */
  public java.util.Map<String, String> offboardedOnRecord() {
    var fleetState = manifests().fleet().state();
    Path states = settings.stateDir().orElse(fleetState.dir()).resolve("state");
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    if (fleetState.backend() != io.tenantctl.manifest.Fleet.StateSettings.Backend.FILE || !java.nio.file.Files.isDirectory(states)) {
      return out;
    }
    try (var dirs = java.nio.file.Files.list(states)) {
      for (Path dir : dirs.sorted().toList()) {
        String key = dir.getFileName().toString();
        int at = key.lastIndexOf('@');
        if (at < 1 || !java.nio.file.Files.exists(dir.resolve("journal").resolve(
            io.tenantctl.offboard.Offboarding.JOURNAL + ".jsonl"))) {
          continue;
        }
        var journal = new io.tenantctl.state.file.FileStateStore(dir, new io.tenantctl.state.StateScope(
            key.substring(0, at), key.substring(at + 1))).journal(io.tenantctl.offboard.Offboarding.JOURNAL,
            io.tenantctl.offboard.OffboardEvent.class);
        io.tenantctl.offboard.Offboarding.offboardedIn(journal).forEach((tenant, done) -> out.merge(tenant,
            "account " + done.accountId() + ", organization " + key, (a, b) -> a + "; " + b));
      }
    } catch (java.io.IOException e) {
      throw Fault.failed("cannot read the state directory " + states + ": " + e.getMessage(),
          "make it readable, or set state.dir in the fleet file");
    }
    return out;
  }

  /** Where rollout reports are written: the state directory. */
  public Path reportDir() {
    return settings.stateDir().orElse(manifests().fleet().state().dir());
  }

  public Bootstrap bootstrap() {
    var fleet = manifests().fleet();
    var shared = new SharedResources(fleet, access(Duration.ofMinutes(15)), new DeployGuard(isolation()), isolation(),
        new StackDeployer());
    return new Bootstrap(fleet, cloud(), directory(), ous(), vendor(), shared,
        Leases.of(state(), Duration.ofMinutes(30)),
        account -> Leases.of(stateStores().open(io.tenantctl.state.StateScope.of("account-" + account, endpoint)),
            Duration.ofMinutes(30)));
  }

  public FleetStatus status() {
    return new FleetStatus(manifests().fleet(), cloud().organization(), directory(), ous(),
        access(Duration.ofSeconds(20)), plans);
  }

  /** The account pool; its fill and claim locks live in this organization's state. */
  public io.tenantctl.pool.AccountPool pool() {
    return new io.tenantctl.pool.AccountPool(manifests().fleet(), cloud().organization(), directory(), ous(), vendor(),
        state(), new Leases(state(), io.tenantctl.state.LockWaiter.Ticker.SYSTEM, POOL_LEASE, POOL_PATIENCE),
        java.time.Clock.systemUTC());
  }

  /** Developer tenants over the pool and the customers' deploy path. */
  public io.tenantctl.dev.DevTenants dev() {
    manifests();
    return new io.tenantctl.dev.DevTenants(manifests().fleet(), cloud(), directory(), pool(), deployment(),
        access(Duration.ofMinutes(15)), new io.tenantctl.offboard.StackTeardown(), tenantClaims(),
        java.time.Clock.systemUTC());
  }

  /** Offboarding: delete stacks, quarantine, close within the closure quota; journalled in this organization's state. */
  public io.tenantctl.offboard.Offboarding offboarding() {
    return new io.tenantctl.offboard.Offboarding(manifests().fleet(), cloud(), directory(), ous(),
        access(Duration.ofMinutes(5)), new io.tenantctl.offboard.StackTeardown(), state(), tenantClaims(),
        Polling.of(pollDelay(), Duration.ofMinutes(10)), java.time.Clock.systemUTC());
  }

  /** Tenants' claims: every flow that changes a tenant holds one, waiting up to 30 minutes for another run's. */
  private Leases tenantClaims() {
    return Leases.of(state(), Duration.ofMinutes(30));
  }

  /** A pool lock is renewed before every account it creates or claims; a crashed holder is outlived after this. */
  private static final Duration POOL_LEASE = Duration.ofMinutes(10);
  private static final Duration POOL_PATIENCE = Duration.ofMinutes(30);

  private AccountVendor vendor() {
    return new AccountVendor(cloud().organization(), directory(), ous(), state(),
        Polling.of(pollDelay(), Duration.ofMinutes(30)));
  }

  /**
   * This organization's state (journals, locks, records), opened on first use: bootstrap may create the
   * organization first, and state belongs to the organization and endpoint it was written against.
   */
  public StateStore state() {
    if (state == null) {
      var org = cloud().organization();
      state = stateStores().deferred(OrganizationScope.of(org, endpoint));
    }
    return state;
  }

  private StateStores stateStores() {
    var fleetState = manifests().fleet().state();
    return switch (fleetState.backend()) {
      case FILE -> localStateStores();
      case DYNAMODB -> new io.tenantctl.state.dynamodb.DynamoStateStores(dynamoDb(), fleetState.table().orElseThrow());
    };
  }

  /** The state on local files: the file backend's, and what {@code state migrate} copies from. */
  public StateStores localStateStores() {
    return new FileStateStores(settings.stateDir().orElse(manifests().fleet().state().dir()));
  }

  /** The scope this run's state belongs to: the organization, as reached through this run's endpoint. */
  public io.tenantctl.state.StateScope stateScope() {
    return OrganizationScope.of(cloud().organization(), endpoint).get();
  }

  /** Copies this working copy's local state of this run's scope into the DynamoDB backend's table. */
  public io.tenantctl.state.dynamodb.StateMigration stateMigration() {
    String table = stateTable().name();
    var local = (io.tenantctl.state.file.FileStateStore) localStateStores().open(stateScope());
    return new io.tenantctl.state.dynamodb.StateMigration(local,
        new io.tenantctl.state.dynamodb.DynamoStateStores(dynamoDb(), table));
  }

  /** The DynamoDB backend's table, for {@code state init} and {@code state check}. */
  public io.tenantctl.state.dynamodb.StateTable stateTable() {
    var fleetState = manifests().fleet().state();
    String table = fleetState.table().orElseThrow(() -> Fault.invalid("the fleet file keeps state on local files;"
        + " the state commands are for the dynamodb backend", "set `state: {backend: dynamodb, table: NAME}` in "
        + settings.fleetFile() + ", then run again"));
    return new io.tenantctl.state.dynamodb.StateTable(dynamoDb(), table);
  }

  /** The DynamoDB client of the state table: through the run's endpoint and credentials, in state.region. */
  private software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      String region = manifests().fleet().state().region().orElse(manifests().fleet().region());
      if (!(cloud() instanceof io.tenantctl.cloud.aws.AwsCloud aws)) {
        throw Fault.failed("the DynamoDB state backend needs AWS or the emulator, not this cloud",
            "use the file backend here");
      }
      dynamoDb = aws.dynamoDb(region);
    }
    return dynamoDb;
  }

  private software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;

  // an account's deploy role, once assumed, is not checked again in this run
  private final java.util.Set<String> verifiedAccounts = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private DeployAccess access(Duration patience) {
    var role = manifests().fleet().deployRole();
    return new DeployAccess(cloud(), new Cloud.DeployRoleRef(role.name(), role.externalId()),
        Polling.of(pollDelay(), patience), verifiedAccounts);
  }

  private Duration pollDelay() {
    cloud();
    return pollDelay;
  }

  private io.tenantctl.registry.TenantRegistry registry;

  private AccountDirectory directory() {
    if (directory == null) {
      directory = new AccountDirectory(cloud().organization(), AccountDirectory.DEFAULT_PARALLELISM, registry());
    }
    return directory;
  }

  /** The tenant registry of this organization's state; also where each tenant's account was last found. */
  public io.tenantctl.registry.TenantRegistry registry() {
    if (registry == null) {
      registry = new io.tenantctl.registry.TenantRegistry(state(), java.time.Clock.systemUTC());
    }
    return registry;
  }

  private OuPaths ous() {
    if (ous == null) {
      ous = new OuPaths(cloud().organization());
    }
    return ous;
  }

  /** Closes the cloud's clients, and the progress display (clearing a live footer) before anything else is printed. */
  @Override
  public void close() {
    try {
      onClose.forEach(Runnable::run);
      if (cloud != null) {
        cloud.close();
      }
    } finally {
      if (progress instanceof AutoCloseable display) {
        try {
          display.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the progress display", e);
        }
      }
    }
  }
}
