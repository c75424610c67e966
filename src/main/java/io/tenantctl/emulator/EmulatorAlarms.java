package io.tenantctl.emulator;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import java.util.List;

/**
 * Makes and fires a CloudWatch alarm in a tenant's account, so that a rollout's health gate can be tried on the
 * local emulator: there no metric ever breaches, and a stack's {@code AWS::CloudWatch::Alarm} is skipped.
 */
public final class EmulatorAlarms {
  private final Fleet fleet;
  private final List<Tenant> tenants;
  private final AccountDirectory directory;
  private final DeployAccess access;

  public EmulatorAlarms(Fleet fleet, List<Tenant> tenants, AccountDirectory directory, DeployAccess access) {
    this.fleet = fleet;
    this.tenants = tenants;
    this.directory = directory;
    this.access = access;
  }

  /** What was done: the alarm, where, whether it had to be made first, and the state it is in now. */
  public record Outcome(String tenant, String account, String region, String alarm, boolean created,
      Alarms.State state) {}

  /**
   * @param who a tenant's name (its alarm lives in its home region), or an account id as a halt names it (the
   *     fleet's region)
   */
  public Outcome set(String who, String alarm, Alarms.State state, Progress progress) {
    boolean accountId = who.matches("[0-9]{12}");
    var tenant = tenants.stream().filter(t -> t.name().equals(who)).findFirst();
    if (!accountId && tenant.isEmpty()) {
      throw Fault.invalid("no tenant named " + who, "name one of: " + String.join(", ",
          tenants.stream().map(Tenant::name).toList()) + ", or an account id");
    }
    String account = accountId ? who : directory.byTenantTag(who).orElseThrow(() -> Fault.failed(
        "tenant " + who + " has no account yet", "onboard it first: `tenantctl create " + who + "`")).id();
    String region = tenant.map(Tenant::homeRegion).orElse(fleet.region());
    boolean created = access.open(account, progress).alarms(region).set(alarm, state,
        "set by tenantctl emulator alarm");
    return new Outcome(who, account, region, alarm, created, state);
  }
}
