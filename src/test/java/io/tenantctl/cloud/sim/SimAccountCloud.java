package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.PolicyReader;
import io.tenantctl.cloud.Stacks;
import java.util.function.Function;

/** One account as reached through its deploy role. */
final class SimAccountCloud implements AccountCloud {
  private final String accountId;
  private final String arn;
  private final Runnable access;
  private final SimCalls calls;
  private final Function<String, StackStore> stores;
  private final SimConfig config;
  private final String managementId;

  SimAccountCloud(String accountId, String arn, Runnable access, SimCalls calls, SimConfig config,
      Function<String, StackStore> stores, String managementId) {
    this.accountId = accountId;
    this.managementId = managementId;
    this.arn = arn;
    this.access = access;
    this.calls = calls;
    this.config = config;
    this.stores = stores;
  }

  @Override
  public String accountId() {
    return accountId;
  }

  @Override
  public Cloud.CallerIdentity verify() {
    return calls.call("verify", () -> {
      access.run();
      return new Cloud.CallerIdentity(accountId, arn);
    });
  }

  @Override
  public Stacks stacks(String region) {
    return new SimStacks(stores.apply(region), config, calls, access);
  }

  @Override
  public PolicyReader policies(String region) {
    return new SimPolicies(accountId, managementId, config.deployRoleName(), stores.apply(region), calls, access);
  }

  @Override
  public Alarms alarms(String region) {
    return (names, prefix) -> calls.call("describeAlarms", () -> {
      access.run();
      return config.alarms().describe(accountId, region, names, prefix);
    });
  }
}
