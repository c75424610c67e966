package io.tenantctl.registry;

import io.tenantctl.org.AccountIndex;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant registry: one record per tenant under {@code tenants/<name>} in the organization's state, written after
 * each change that succeeded (create, deploy, each tenant of a rollout). It is also the {@link AccountIndex}: where
 * each tenant's account is, verified on use. Never holds a secret: an output whose value carries a secret
 * parameter's value is left out.
 */
public final class TenantRegistry implements AccountIndex {
  static final String PREFIX = "tenants/";

  private final StateStore state;
  private final Clock clock;

  /** The registry of {@code state}, opened when first read (bootstrap may have to create the organization first). */
  public TenantRegistry(StateStore state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  private Records records() {
    return state.records();
  }

  public Optional<TenantRecord> get(String tenant) {
    return records().get(PREFIX + tenant, TenantRecord.class);
  }

  /** Every tenant recorded, by name. */
  public List<TenantRecord> all() {
    List<TenantRecord> out = new ArrayList<>();
    for (String key : records().keys(PREFIX)) {
      records().get(key, TenantRecord.class).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<String> accountOf(String tenant) {
    return get(tenant).map(TenantRecord::accountId);
  }

  /** Where {@code tenant}'s account is; a record of another account (its stacks included) is replaced. */
  @Override
  public synchronized void remember(String tenant, String accountId) {
    if (get(tenant).filter(r -> r.accountId().equals(accountId)).isEmpty()) {
      records().put(PREFIX + tenant, new TenantRecord(tenant, accountId, "", "", Map.of(), "lookup", clock.instant()));
    }
  }

  /**
   * Records that {@code stack} ({@code plan}) of {@code tenant} in {@code accountId} now is {@code outcome}, changed by
   * {@code by}.
   */
  public synchronized void deployed(String tenant, String accountId, String ou, String stack, StackPlan plan,
      StackDeployer.Outcome outcome, String by) {
    var now = clock.instant();
    var before = get(tenant).filter(r -> r.accountId().equals(accountId));
    Map<String, TenantRecord.StackRecord> stacks = new LinkedHashMap<>(before.map(TenantRecord::stacks)
        .orElse(Map.of()));
    stacks.put(stack, new TenantRecord.StackRecord(outcome.stackName(), plan.region(),
        outcome.state().status().name(), plan.fingerprint(), publicOutputs(outcome.state().outputs(), plan), by, now));
    String recordedOu = !ou.isEmpty() ? ou : before.map(TenantRecord::ou).orElse("");
    String region = before.map(TenantRecord::region).filter(r -> !r.isEmpty()).orElse(plan.region());
    records().put(PREFIX + tenant, new TenantRecord(tenant, accountId, recordedOu, region, stacks, by, now));
  }

  /** Outputs without any that carries a secret parameter's value (an output may echo a parameter). */
  static Map<String, String> publicOutputs(Map<String, String> outputs, StackPlan plan) {
    List<String> secrets = plan.secretParameters().stream().map(k -> plan.parameters().get(k))
        .filter(v -> v != null && !v.isEmpty()).toList();
    Map<String, String> out = new LinkedHashMap<>();
    outputs.forEach((k, v) -> {
      if (secrets.stream().noneMatch(v::contains)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
