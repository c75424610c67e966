package io.tenantctl.onboard;

import io.tenantctl.isolation.live.ProductionGuardrail;

import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Organization;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.AccountVendor;
import io.tenantctl.org.OuPaths;
import io.tenantctl.org.ProductionPlacement;
import io.tenantctl.stacks.StackDeployer;
import io.tenantctl.state.Leases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Makes the organization match the fleet file: the organization itself, the OU paths, the production account. */
public final class Bootstrap {
  private final Fleet fleet;
  private final Cloud cloud;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private final AccountVendor vendor;
  private final SharedResources shared;
  private final Leases leases;
  private final java.util.function.Function<String, Leases> beforeOrganization;

  /**
   * @param leases             the organization's locks
   * @param beforeOrganization the locks of an account (by id) that has no organization yet, as reached through this
   *                           run's endpoint: where runs that would create the organization queue
   */
  public Bootstrap(Fleet fleet, Cloud cloud, AccountDirectory directory, OuPaths ous, AccountVendor vendor,
      SharedResources shared, Leases leases, java.util.function.Function<String, Leases> beforeOrganization) {
    this.fleet = fleet;
    this.cloud = cloud;
    this.directory = directory;
    this.ous = ous;
    this.vendor = vendor;
    this.shared = shared;
    this.leases = leases;
    this.beforeOrganization = beforeOrganization;
  }

  /** What bootstrap found and did. */
  public record Bootstrapped(
      String organizationId,
      String managementAccountId,
      boolean organizationCreated,
      List<String> unitsCreated,
      String productionAccountId,
      AccountVendor.How production,
      Optional<StackDeployer.Outcome> productionStack,
      ProductionGuardrail.Applied guardrail,
      Optional<DevGuardrail.Applied> devGuardrail) {

    public boolean changedAnything() {
      return organizationCreated || !unitsCreated.isEmpty() || production == AccountVendor.How.CREATED
          || production == AccountVendor.How.RESUMED
          || productionStack.map(o -> o.result() != StackDeployer.Result.UNCHANGED).orElse(false)
          || guardrail.changedAnything() || devGuardrail.map(DevGuardrail.Applied::changedAnything).orElse(false);
    }
  }

  /** The lock bootstrap holds: it changes what every tenant shares. */
  public static final String LOCK = "fleet";

  public Bootstrapped run(boolean createOrganization, Progress progress) {
    Cloud.CallerIdentity caller = cloud.caller();
    // checked before anything is written: whoever creates the organization becomes its management account
    fleet.production().accountId().ifPresent(id -> refuseManagementAsProduction(id, caller.accountId()));
    if (cloud.organization().describe().isPresent()) {
      return underFleetLock(caller, false, progress);
    }
    if (!createOrganization) {
      throw notInOrganization(caller);
    }
    // the state (and its locks) belongs to the organization, which does not exist yet: runs that would create it
    // queue on a lock of the caller's account; whoever comes second finds what the first made (the organization,
    // production), and the organization's own lock is taken as soon as it exists, before production is looked for
    return beforeOrganization.apply(caller.accountId()).run(LOCK, "bootstrap", "organization", progress, held -> {
      if (held.waited()) {
        directory.forget();
      }
      boolean created = false;
      if (cloud.organization().describe().isEmpty()) {
        progress.step("organization", "creating an organization managed by account " + caller.accountId());
        cloud.organization().create();
        created = true;
      }
      return underFleetLock(caller, created, progress);
    });
  }

  private static Fault notInOrganization(Cloud.CallerIdentity caller) {
    return Fault.failed("account " + caller.accountId() + " is not in an AWS organization",
        "run `tenantctl bootstrap --create-organization` to create one managed by this account");
  }

  private Bootstrapped underFleetLock(Cloud.CallerIdentity caller, boolean created, Progress progress) {
    return leases.run(LOCK, "bootstrap", "organization", progress, held -> {
      if (held.waited()) {
        directory.forget();
      }
      return runHeld(created, caller, progress);
    });
  }

  private Bootstrapped runHeld(boolean created, Cloud.CallerIdentity caller, Progress progress) {
    Organization org = cloud.organization();
    Organization.OrgInfo info = org.describe().orElseThrow(() -> notInOrganization(caller));
    checkManagement(caller, info);
    fleet.production().accountId().ifPresent(id -> refuseManagementAsProduction(id, info.managementAccountId()));

    List<String> unitsCreated = new ArrayList<>();
    var ouList = fleet.organizationalUnits();
    for (String path : List.of(ouList.tenants(), ouList.pool(), ouList.dev(), ouList.quarantine())) {
      if (ous.find(path).isEmpty()) {
        ous.ensure(path, progress);
        unitsCreated.add(path);
      }
    }

    var production = production(progress);
    String productionId = production.account().id();
    refuseManagementAsProduction(productionId, info.managementAccountId());
    refuseCallerInProduction(caller, productionId);
    // a production account tagged for a tenant or placed under the tenants' OU would be treated as theirs
    var misplaced = new ProductionPlacement(org, directory, ous).problems(productionId,
        List.of(ouList.tenants(), ouList.dev()));
    if (!misplaced.isEmpty()) {
      throw new Fault(ExitCode.ISOLATION, String.join("; ", misplaced), ProductionPlacement.fix(productionId));
    }

    var stack = shared.deploy(productionId, progress);
    Map<String, String> guarded = new LinkedHashMap<>();
    for (String path : List.of(ouList.tenants(), ouList.dev())) {
      guarded.put(path, ous.find(path).orElseThrow());
    }
    var guardrail = new ProductionGuardrail(cloud.guardrails())
        .ensure(cloud.organization().rootId(), productionId, guarded, progress);
    var devGuardrail = fleet.dev().guardrail().map(file -> new DevGuardrail(cloud.guardrails())
        .ensure(cloud.organization().rootId(), file, ouList.dev(), ous.find(ouList.dev()).orElseThrow(), progress));
    return new Bootstrapped(info.id(), info.managementAccountId(), created, unitsCreated, productionId,
        production.how(), stack, guardrail, devGuardrail);
  }

  private void checkManagement(Cloud.CallerIdentity caller, Organization.OrgInfo info) {
    if (!info.managementAccountId().equals(caller.accountId())) {
      throw Fault.failed("the credentials are for account " + caller.accountId() + ", a member of organization "
          + info.id() + "; tenantctl runs from its management account " + info.managementAccountId(),
          "use a profile for the management account (--profile) or a role in it");
    }
    Optional<String> expected = fleet.managementAccountId();
    if (expected.isPresent() && !expected.get().equals(info.managementAccountId())) {
      throw Fault.invalid("the fleet file names management account " + expected.get() + " but organization "
          + info.id() + " is managed by " + info.managementAccountId(),
          "check --profile, or fix managementAccountId in the fleet file");
    }
  }

  private static void refuseManagementAsProduction(String productionId, String managementId) {
    if (productionId.equals(managementId)) {
      throw new Fault(ExitCode.ISOLATION, "the production account " + productionId
          + " is the organization's management account: member accounts' access roles trust it, so production"
          + " could reach every tenant", "give production an account of its own (production.accountId or"
          + " production.email in the fleet file)");
    }
  }

  private static void refuseCallerInProduction(Cloud.CallerIdentity caller, String productionId) {
    if (caller.accountId().equals(productionId)) {
      throw new Fault(ExitCode.ISOLATION, "the caller " + caller.arn() + " is in the production account "
          + productionId + "; tenantctl must not reach tenants from production",
          "run tenantctl with credentials for the management account");
    }
  }

  private AccountVendor.Vended production(Progress progress) {
    var prod = fleet.production();
    if (prod.accountId().isPresent()) {
      String id = prod.accountId().get();
      var account = directory.byId(id).orElseThrow(() -> Fault.failed(
          "production account " + id + " is not in this organization",
          "invite it into the organization, or fix production.accountId in the fleet file"));
      return new AccountVendor.Vended(account, AccountVendor.How.ADOPTED);
    }
    String email = prod.email().orElseThrow();
    var byEmail = directory.byEmail(email);
    if (byEmail.isPresent()) {
      return new AccountVendor.Vended(byEmail.get(), AccountVendor.How.FOUND_BY_EMAIL);
    }
    return vendor.provision(new AccountVendor.Wanted(AccountVendor.Purpose.PRODUCTION, "production", prod.name(),
        email, Optional.empty(),
        Map.of("tenantctl:role", "production", "tenantctl:managed-by", "tenantctl")), progress);
  }
}
