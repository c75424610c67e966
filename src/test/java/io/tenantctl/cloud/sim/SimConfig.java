package io.tenantctl.cloud.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * How a {@link SimCloud} behaves: its seed, the lifecycles' lengths, and the faults to inject. Fluent and
 * thread-safe; faults may be switched on and off while the simulation runs (e.g. remove a resource
 * failure, then deploy again).
 *
 * <p>Operation names, used by {@link #latency}, {@link #crashAt} and {@link SimCloud#calls(String)}, are the
 * port methods' names: {@code caller, describeOrganization, createOrganization, rootId, childUnits,
 * createUnit, accounts, tags, tag, parentOf, move, createAccount, accountRequest, accountRequests,
 * verify, describe, awaitSettled, create, createChangeSet, changeSet, deleteChangeSet, executeChangeSet, update,
 * continueUpdateRollback, delete, protect, template, listRoots, enablePolicyType, listPolicies, createPolicy,
 * updatePolicy, listTargetsForPolicy, attachPolicy, roleTrustPolicies, bucketPolicies, keyPolicies}.
 */
public final class SimConfig {
  /** How "nothing to update" reaches the port; both are what the AWS adapter makes of AWS's two forms. */
  public enum NoChangesForm {
    /** The change set FAILED with "The submitted information didn't contain changes." */
    FAILED_CHANGE_SET,
    /** CreateChangeSet itself was refused with "No updates are to be performed." */
    REFUSED
  }

  /** A resource that fails when a matching stack creates or updates it. */
  public record ResourceFailure(Pattern stackName, String logicalId, String reason) {}

  private final long seed;
  private volatile Optional<String> managementAccountId = Optional.empty();
  private volatile boolean organizationExists = true;
  private volatile String deployRoleName = "OrganizationAccountAccessRole";
  private volatile int accountCreationPolls = 2;
  private volatile int roleNotAssumableFor = 2;
  private volatile int newAccountsUnlistedFor;
  private volatile int accountQuota = Integer.MAX_VALUE;
  private volatile boolean serviceQuotasReadable;
  private volatile boolean protectFails;
  private final List<ResourceFailure> deleteFailures = new CopyOnWriteArrayList<>();
  private volatile NoChangesForm noChangesForm = NoChangesForm.FAILED_CHANGE_SET;
  private volatile double throttling;
  private volatile Duration defaultLatency = Duration.ZERO;
  private volatile boolean keepsTagsOnExecute;
  private volatile boolean judgesChangeSetsAsCreated;
  private final Set<String> emailsTakenOutside = ConcurrentHashMap.newKeySet();
  private final List<String> nextAccountFailures = new CopyOnWriteArrayList<>();
  private final List<ResourceFailure> resourceFailures = new CopyOnWriteArrayList<>();
  private final List<ResourceFailure> rollbackFailures = new CopyOnWriteArrayList<>();
  private final Map<String, Duration> latency = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> crashes = new ConcurrentHashMap<>();
  private final SimAlarms alarms = new SimAlarms();

  private SimConfig(long seed) {
    this.seed = seed;
  }

  public static SimConfig seeded(long seed) {
    return new SimConfig(seed);
  }

  /** The management account's id; by default drawn from the seed. */
  public SimConfig managementAccountId(String id) {
    this.managementAccountId = Optional.of(id);
    return this;
  }

  /** The caller's account starts outside any organization ({@code bootstrap --create-organization}). */
  public SimConfig withoutOrganization() {
    this.organizationExists = false;
    return this;
  }

  /** The role every account made by the simulation carries; any other role name is never assumable. */
  public SimConfig deployRoleName(String name) {
    this.deployRoleName = name;
    return this;
  }

  /** How many {@code accountRequest} polls a new account's request answers IN_PROGRESS. */
  public SimConfig accountCreationPolls(int polls) {
    this.accountCreationPolls = polls;
    return this;
  }

  /**
   * How many {@code accounts} listings leave out an account just made by {@code CreateAccount}: AWS shows a new
   * account in {@code ListAccounts} only a while after its request SUCCEEDED (default none).
   */
  public SimConfig newAccountsUnlistedFor(int listings) {
    this.newAccountsUnlistedFor = listings;
    return this;
  }

  /** How many attempts to assume the deploy role in a newly created account are refused. */
  public SimConfig roleNotAssumableFor(int attempts) {
    this.roleNotAssumableFor = attempts;
    return this;
  }

  /** At most this many accounts in the organization, the management account included. */
  public SimConfig accountQuota(int accounts) {
    this.accountQuota = accounts;
    return this;
  }

  /** Service Quotas answers with the account quota (by default it cannot be read, as without permission). */
  public SimConfig serviceQuotasReadable(boolean readable) {
    this.serviceQuotasReadable = readable;
    return this;
  }

  /** Deleting resource {@code logicalId} of stacks matching {@code stackName} fails with {@code reason}. */
  public SimConfig deleteFailure(String stackName, String logicalId, String reason) {
    deleteFailures.add(new ResourceFailure(Pattern.compile(stackName), logicalId, reason));
    return this;
  }

  Optional<String> deleteFailure(String stackName, String logicalId) {
    return deleteFailures.stream().filter(f -> f.stackName().matcher(stackName).matches()
        && f.logicalId().equals(logicalId)).map(ResourceFailure::reason).findFirst();
  }

  /** UpdateTerminationProtection fails with a server error (as moto answers it), leaving protection as it was. */
  public SimConfig protectFails(boolean fails) {
    this.protectFails = fails;
    return this;
  }

  boolean protectFails() {
    return protectFails;
  }

  boolean serviceQuotasReadable() {
    return serviceQuotasReadable;
  }

  /** An e-mail an AWS account outside the organization already uses. */
  public SimConfig emailTakenOutsideOrganization(String email) {
    emailsTakenOutside.add(email.toLowerCase(java.util.Locale.ROOT));
    return this;
  }

  /** The next account request fails with this reason, e.g. {@code CONCURRENT_ACCOUNT_MODIFICATION}. */
  public SimConfig failNextAccountCreation(String reason) {
    nextAccountFailures.add(reason);
    return this;
  }

  /**
   * A resource that fails in stacks whose name matches {@code stackNameGlob} ({@code *} is any text):
   * on create the stack rolls back to ROLLBACK_COMPLETE, on update to UPDATE_ROLLBACK_COMPLETE.
   */
  public SimConfig failResource(String stackNameGlob, String logicalId, String reason) {
    resourceFailures.add(new ResourceFailure(glob(stackNameGlob), logicalId, reason));
    return this;
  }

  /** During an update rollback of a matching stack, this resource fails, leaving UPDATE_ROLLBACK_FAILED. */
  public SimConfig failRollback(String stackNameGlob, String logicalId, String reason) {
    rollbackFailures.add(new ResourceFailure(glob(stackNameGlob), logicalId, reason));
    return this;
  }

  /** Removes every configured resource and rollback failure. */
  public SimConfig clearResourceFailures() {
    resourceFailures.clear();
    rollbackFailures.clear();
    return this;
  }

  /**
   * {@code ExecuteChangeSet} leaves the stack's tags as they were, as moto does (DESIGN §5), so that the
   * emulator's gap is shown deterministically; CloudFormation itself applies the change set's tags.
   */
  public SimConfig keepTagsOnExecute() {
    this.keepsTagsOnExecute = true;
    return this;
  }

  boolean keepsTagsOnExecute() {
    return keepsTagsOnExecute;
  }

  /**
   * An update change set whose template and parameters are the ones the stack was created with is "no changes",
   * whatever the stack runs now, as moto judges it (it compares with the stack's creation-time values, which
   * {@code ExecuteChangeSet} does not update); with {@link #keepTagsOnExecute} this is moto's stack as it stands.
   */
  public SimConfig judgeChangeSetsAsCreated() {
    this.judgesChangeSetsAsCreated = true;
    return this;
  }

  boolean judgesChangeSetsAsCreated() {
    return judgesChangeSetsAsCreated;
  }

  public SimConfig noChangesForm(NoChangesForm form) {
    this.noChangesForm = form;
    return this;
  }

  /**
   * The probability that any call is refused with {@code Throttling}. The real SDK retries throttling below
   * the port, so this is off by default: a test that turns it on exercises the services' own tolerance of a
   * throttling error that outlived the SDK's retries, not the SDK's retry code.
   */
  public SimConfig throttling(double probability) {
    this.throttling = probability;
    return this;
  }

  /** Sleeps this long in every call of every operation without a latency of its own (default none). */
  public SimConfig latency(Duration delay) {
    this.defaultLatency = delay;
    return this;
  }

  /** Sleeps this long in every call of the operation (default none). */
  public SimConfig latency(String operation, Duration delay) {
    latency.put(operation, delay);
    return this;
  }

  /**
   * The {@code occurrence}-th call of {@code operation} from now on throws {@link SimulatedCrash} right after
   * it has taken effect: the cloud changed, the caller never learned of it. Fires once.
   */
  public SimConfig crashAt(String operation, int occurrence) {
    crashes.put(operation, new AtomicInteger(occurrence));
    return this;
  }

  /** Disarms every crash that has not fired yet: what happens next runs to its end. */
  public SimConfig noMoreCrashes() {
    crashes.clear();
    return this;
  }

  /** Every account's CloudWatch alarms, scripted over time. */
  public SimAlarms alarms() {
    return alarms;
  }

  long seed() {
    return seed;
  }

  Optional<String> managementAccountId() {
    return managementAccountId;
  }

  boolean organizationExists() {
    return organizationExists;
  }

  String deployRoleName() {
    return deployRoleName;
  }

  int newAccountsUnlistedFor() {
    return newAccountsUnlistedFor;
  }

  int accountCreationPolls() {
    return accountCreationPolls;
  }

  int roleNotAssumableFor() {
    return roleNotAssumableFor;
  }

  int accountQuota() {
    return accountQuota;
  }

  boolean emailTakenOutside(String email) {
    return emailsTakenOutside.contains(email.toLowerCase(java.util.Locale.ROOT));
  }

  /** Takes the next on-demand account failure, if one is queued. */
  synchronized Optional<String> takeAccountFailure() {
    return nextAccountFailures.isEmpty() ? Optional.empty() : Optional.of(nextAccountFailures.remove(0));
  }

  Optional<ResourceFailure> resourceFailure(String stackName, String logicalId) {
    return find(resourceFailures, stackName, logicalId);
  }

  Optional<ResourceFailure> rollbackFailure(String stackName, String logicalId) {
    return find(rollbackFailures, stackName, logicalId);
  }

  NoChangesForm noChangesForm() {
    return noChangesForm;
  }

  double throttling() {
    return throttling;
  }

  Duration latency(String operation) {
    return latency.getOrDefault(operation, defaultLatency);
  }

  /** Counts one effective call of {@code operation}; true when it is the one to crash at. */
  boolean crashNow(String operation) {
    AtomicInteger left = crashes.get(operation);
    return left != null && left.decrementAndGet() == 0;
  }

  private static Optional<ResourceFailure> find(List<ResourceFailure> list, String stackName, String logicalId) {
    return list.stream()
        .filter(f -> f.logicalId().equals(logicalId) && f.stackName().matcher(stackName).matches())
        .findFirst();
  }

  private static Pattern glob(String glob) {
    return Pattern.compile(java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*")));
  }
}
