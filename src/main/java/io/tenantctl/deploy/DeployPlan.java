package io.tenantctl.deploy;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.stacks.StackPlan;
import java.util.List;

/** What a deploy of one tenant would do, stack by stack, before it does it. */
public record DeployPlan(String tenant, String ou, AccountCloud account, List<Planned> stacks, boolean force) {

  /** One stack: {@code name} as the fleet file calls it (e.g. {@code baseline}). */
  public record Planned(String name, StackPlan plan, StackDeployer.Preview preview) {}

  public List<StackDeployer.Preview> previews() {
    return stacks.stream().map(Planned::preview).toList();
  }

  /** Whether anything would change. */
  public boolean changes() {
    return stacks.stream().anyMatch(p -> !p.preview().upToDate());
  }

  /** Each removal and replacement, which a deploy cannot take back. */
  public List<String> irreversible() {
    return stacks.stream().flatMap(p -> p.preview().irreversible().stream()).toList();
  }
}
