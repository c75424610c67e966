package io.tenantctl.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet-wide settings, read from the fleet file ({@code fleet.yaml} by default).
 *
 * @param managementAccountId when given, the caller's organization must be managed by this account
 * @param accountEmail        pattern for new accounts' e-mail addresses; {@code {tenant}} is replaced
 * @param accountName         pattern for new accounts' names; {@code {tenant}} is replaced
 * @param stacks              stack definitions in deployment order (deleted in reverse)
 * @param baselineStack       the stack {@code create} deploys when it onboards a tenant
 * @param templateRoot        directory that stack template paths are relative to
 * @param productionStack     the shared-resources stack {@code bootstrap} deploys into production
 * @param concurrency         how many tenants a batch ({@code create --all}, {@code up}) works on at once
 * @param accountQuota        the organization's account quota, used when Service Quotas cannot be read
 * @param pool                how many ready accounts the pool OU keeps
 * @param dev                 what a developer's personal tenant gets
 */
public record Fleet(
    Optional<String> managementAccountId,
    Production production,
    DeployRole deployRole,
    String accountEmail,
    String accountName,
    OrganizationalUnits organizationalUnits,
    String region,
    Map<String, StackDefinition> stacks,
    String baselineStack,
    List<Wave> waves,
    StateSettings state,
    Path templateRoot,
    Source source,
    Optional<StackDefinition> productionStack,
    int concurrency,
    Optional<Integer> accountQuota,
    Pool pool,
    Dev dev) {

  public Fleet {
    stacks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stacks));
    waves = List.copyOf(waves);
  }

  public String emailFor(String tenant) {
    return accountEmail.replace("{tenant}", tenant);
  }

  public String accountNameFor(String tenant) {
    return accountName.replace("{tenant}", tenant);
  }

  public Optional<Wave> wave(String name) {
    return waves.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** The production account: found by id, or by e-mail (and created by bootstrap if missing). */
  public record Production(Optional<String> accountId, Optional<String> email, String name) {}

  /** The role tenantctl assumes in every tenant account. */
  public record DeployRole(String name, Optional<String> externalId) {}

  /** OU paths such as {@code /Tenants}; tenants may name deeper paths below {@code tenants}. */
  public record OrganizationalUnits(String tenants, String pool, String dev, String quarantine) {}

  /**
   * A stack tenantctl deploys into tenant accounts. Template path is relative to the fleet file.
   *
   * @param secretParameters parameters whose values are never shown, logged or journalled
   */
  public record StackDefinition(String name, Path template, Map<String, String> parameters,
      java.util.Set<String> secretParameters) {
    public StackDefinition {
      parameters = Map.copyOf(parameters);
      secretParameters = java.util.Set.copyOf(secretParameters);
    }
  }

  /**
   * A rollout wave: deployed in order, canary first.
   *
   * @param selector labels a tenant must all have to belong to this wave (when its manifest names no wave);
   *     empty: only tenants that name the wave
   * @param onHalt   what a halt of this wave does: the wave's own setting, else the fleet's, else stop
   */
  public record Wave(String name, int concurrency, Tolerance tolerance, Duration bake, Optional<Gate> gate,
      OnHalt onHalt, Map<String, String> selector) {

    public Wave {
      selector = Map.copyOf(selector);
    }

    /** A wave without gate or selector that stops on a halt. */
    public Wave(String name, int concurrency, int tolerance, Duration bake) {
      this(name, concurrency, Tolerance.count(tolerance), bake, Optional.empty(), OnHalt.STOP, Map.of());
    }

    /** Whether {@code labels} have every value of this wave's selector (never, for a wave without one). */
    public boolean selects(Map<String, String> labels) {
      return !selector.isEmpty() && selector.entrySet().stream()
          .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  /**
   * How many of a wave's tenants may fail: a count, or a percent of the wave's tenants rounded down (as
   * CloudFormation StackSets does).
   */
  public record Tolerance(int value, boolean percent) {

    public static Tolerance count(int n) {
      return new Tolerance(n, false);
    }

    public static Tolerance percent(int p) {
      return new Tolerance(p, true);
    }

    /** The failures tolerated in a wave of {@code tenants}; the next one halts it. */
    public int tolerated(int tenants) {
      return percent ? (int) ((long) tenants * value / 100) : value;
    }

    /** As written in the fleet file: {@code 2} or {@code 10%}. */
    @Override
    public String toString() {
      return percent ? value + "%" : String.valueOf(value);
    }
  }

  /**
   * A wave's health gate: CloudWatch alarms, by name or name prefix, read in every tenant account the wave
   * changed and, with {@code production}, in the production account.
   */
  public record Gate(java.util.List<String> alarms, Optional<String> alarmPrefix, boolean production) {
    public Gate {
      alarms = java.util.List.copyOf(alarms);
    }
  }

  /** What a halted rollout does with the tenants it changed. */
  public enum OnHalt {
    STOP, ROLLBACK;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where journals, locks and records live.
   *
   * @param dir    the file backend's directory, relative to the fleet file (default {@code .tenantctl}); rollout
   *               reports are written there with either backend
   * @param table  the DynamoDB backend's table
   * @param region the DynamoDB table's region; empty: the fleet's
   */
  public record StateSettings(Backend backend, Path dir, Optional<String> table, Optional<String> region) {

    public StateSettings(Backend backend, Path dir) {
      this(backend, dir, Optional.empty(), Optional.empty());
    }

    /** How state is kept: local files (one person), or one DynamoDB table (a team). */
    public enum Backend { FILE, DYNAMODB }
  }

  /**
   * The account pool.
   *
   * @param target           how many unclaimed accounts the pool OU should hold
   * @param maxCreatesPerRun at most this many {@code CreateAccount} calls per {@code pool fill}
   */
  public record Pool(int target, int maxCreatesPerRun) {}

  /**
   * Developer tenants ({@code dev-<owner>}): their manifest is derived from this, never kept in git.
   *
   * @param stacks     the fleet stacks a dev tenant gets, in order (deleted in reverse)
   * @param parameters per stack, parameters overriding the fleet's defaults
   * @param guardrail  an organization policy (JSON file) bootstrap attaches to the dev OU
   */
  public record Dev(List<String> stacks, Map<String, Map<String, String>> parameters, Duration defaultTtl,
      Duration maxTtl, Reuse reuse, Optional<Path> guardrail) {
    public Dev {
      stacks = List.copyOf(stacks);
      parameters = Map.copyOf(parameters);
    }

    /** Who may be handed an account a dev tenant gave back. */
    public enum Reuse { SAME_OWNER, ANY_OWNER }
  }
}
