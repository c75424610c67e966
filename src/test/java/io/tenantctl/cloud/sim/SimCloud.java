package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Guardrails;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.Stacks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole cloud, simulated in-process behind the same ports as the AWS adapters (DESIGN §5, layer 2):
 * Organizations with asynchronous account creation, deploy roles that become assumable only after a few
 * tries, and CloudFormation stacks with events, failures and rollbacks. Deterministic under the seed when
 * called from one thread; safe to call from many.
 *
 * <p>Besides the port, it offers tests a way to set the world up ({@link #addAccount}) and to look at it
 * without going through the port, so that looking is never counted, throttled or crashed.
 */
public final class SimCloud implements Cloud {
  /** The operations that change the cloud. */
  public static final Set<String> WRITES = SimCalls.WRITES;

  private final SimConfig config;
  private final SimCalls calls;
  private final SimIds ids;
  private final SimAccounts accounts;
  private final SimOrganization organization;
  private final String managementId;
  private final SimGuardrails guardrails;
  private final Map<String, StackStore> stores = new ConcurrentHashMap<>();

  public SimCloud(SimConfig config) {
    this.config = config;
    this.calls = new SimCalls(config);
    this.ids = new SimIds(config.seed());
    this.managementId = config.managementAccountId().orElseGet(ids::accountId);
    this.accounts = new SimAccounts(config, ids);
    this.organization = new SimOrganization(config, calls, ids, accounts, managementId);
    this.guardrails = new SimGuardrails(organization, calls, ids);
  }

  /** The configuration, to switch faults on and off while the simulation runs. */
  public SimConfig config() {
    return config;
  }

  @Override
  public CallerIdentity caller() {
    return calls.call("caller", () -> new CallerIdentity(managementId, "arn:aws:iam::" + managementId
        + ":user/sim-operator"));
  }

  @Override
  public Organization organization() {
    return organization;
  }

  @Override
  public AccountCloud account(String accountId, DeployRoleRef role) {
    return new SimAccountCloud(accountId, "arn:aws:sts::" + accountId + ":assumed-role/" + role.name() + "/tenantctl",
        () -> accounts.assume(accountId, role.name()), calls, config, region -> store(accountId, region), managementId);
  }

  @Override
  public Guardrails guardrails() {
    return guardrails;
  }

  @Override
  public void close() {
    // nothing to release: the simulated world outlives a command run, as the real cloud does
  }

  // ---- set-up

  /** An ACTIVE member account that already exists in the OU at {@code ouPath}; its deploy role works at once. */
  public String addAccount(String name, String email, String ouPath, Map<String, String> tags) {
    return accounts.add(name, email, organization.ensurePath(ouPath), tags).id;
  }

  /** Time passes: every account request still in progress settles (succeeds or fails). */
  public void settleAccountRequests() {
    organization.settleAccountRequests();
  }

  /**
   * A stack someone else (or an earlier run) left in {@code status}, with this template, parameters and
   * tags and, unless the status says it has none, their resources. A status in progress settles by itself, as
   * {@link Stacks#awaitSettled} polls it twice.
   */
  public void putStack(String accountId, String region, String stackName, Stacks.StackStatus status,
      String templateBody, Map<String, String> parameters, Map<String, String> tags) {
    StackStore store = store(accountId, region);
    synchronized (store) {
      store.find(stackName).ifPresent(store::remove);
      SimStack stack = store.add(stackName, status);
      stack.apply(templateBody, SimTemplate.parse(templateBody), parameters, tags);
      stack.terminationProtection = true;
      stack.settlesAfterPolls = status.inProgress() ? 2 : 0;
      if (status == Stacks.StackStatus.DELETE_COMPLETE) {
        // a deleted stack is no longer found by its name
        store.remove(stack);
        return;
      }
      if (!status.leftEmpty()) {
        stack.liveResources.addAll(stack.template.resources().keySet());
        stack.publishOutputs();
      }
    }
  }

  // ---- inspection

  /** The names of the organization policies of a kind attached to the root, OU or account. */
  public List<String> guardrailsAttachedTo(String targetId, Guardrails.Kind kind) {
    return guardrails.attachedTo(targetId, kind).stream().map(SimGuardrails.Stored::name).toList();
  }

  /** The content of the organization policy of that kind and name. */
  public Optional<String> guardrailContent(Guardrails.Kind kind, String name) {
    return guardrails.content(kind, name);
  }

  public String managementAccountId() {
    return managementId;
  }

  /** Every member account, listed or not yet; not counted as a call. */
  public List<Organization.Account> allAccounts() {
    return accounts.all();
  }

  public List<Organization.Account> accountsWithEmail(String email) {
    return accounts.withEmail(email);
  }

  /** The OU path of the account, {@code /} for the root, e.g. {@code /Tenants/Enterprise}. */
  public String ouPath(String accountId) {
    return organization.pathOf(accounts.require(accountId, "AccountNotFoundException").parentId());
  }

  public Map<String, String> accountTags(String accountId) {
    return accounts.require(accountId, "AccountNotFoundException").tags();
  }

  /** The stack as it stands, unless it does not exist or was deleted. */
  public Optional<Stacks.StackState> stack(String accountId, String region, String stackName) {
    StackStore store = store(accountId, region);
    synchronized (store) {
      return store.find(stackName).map(SimStack::state);
    }
  }

  public Optional<Stacks.StackStatus> stackStatus(String accountId, String region, String stackName) {
    return stack(accountId, region, stackName).map(Stacks.StackState::status);
  }

  public boolean terminationProtected(String accountId, String region, String stackName) {
    StackStore store = store(accountId, region);
    synchronized (store) {
      return store.find(stackName).map(s -> s.terminationProtection).orElse(false);
    }
  }

  /** The names of the stack's change sets not yet executed or deleted, FAILED ones included. */
  public List<String> changeSets(String accountId, String region, String stackName) {
    StackStore store = store(accountId, region);
    synchronized (store) {
      return store.find(stackName).map(s -> List.copyOf(s.changeSets.keySet())).orElse(List.of());
    }
  }

  /** Every event of every stack of that name in the account and region, deleted ones first, oldest first. */
  public List<Stacks.StackEvent> stackEvents(String accountId, String region, String stackName) {
    StackStore store = store(accountId, region);
    synchronized (store) {
      return store.all().stream().filter(s -> s.name.equals(stackName)).flatMap(s -> s.events.stream()).toList();
    }
  }

  /** How often each operation was called through the port, throttled and refused calls included. */
  /** CPU time spent in the simulated calls' bodies (not their latency): AWS's work, not tenantctl's. */
  public long cpuNanos() {
    return calls.cpuNanos();
  }

  public Map<String, Integer> calls() {
    return calls.counts();
  }

  public int calls(String operation) {
    return calls.count(operation);
  }

  /** Calls of the operations that change the cloud (see {@link #WRITES}). */
  public int writes() {
    return calls.counts().entrySet().stream().filter(e -> SimCalls.WRITES.contains(e.getKey()))
        .mapToInt(Map.Entry::getValue).sum();
  }

  private StackStore store(String accountId, String region) {
    return stores.computeIfAbsent(accountId + "/" + region, k -> new StackStore(accountId, region, ids));
  }
}
