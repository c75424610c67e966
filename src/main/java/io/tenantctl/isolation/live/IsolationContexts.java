package io.tenantctl.isolation.live;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.isolation.IsolationContext;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.cloud.Organization;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.org.OuPaths;
import io.tenantctl.org.ProductionPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link IsolationContext} from the organization: its management account, the production
 * account (found as bootstrap finds it), the tagged tenant accounts and the tenant and dev OU paths.
 * Read once per run.
 */
public final class IsolationContexts {
  private final Fleet fleet;
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;
  private IsolationContext current;

  public IsolationContexts(Fleet fleet, Organization org, AccountDirectory directory, OuPaths ous) {
    this.fleet = fleet;
    this.org = org;
    this.directory = directory;
    this.ous = ous;
  }

  public synchronized IsolationContext current() {
    if (current == null) {
      var info = org.describe().orElseThrow(() -> Fault.failed("the caller is not in an AWS organization",
          "run `tenantctl bootstrap --create-organization` first"));
      String production = productionAccountId().orElseThrow(() -> Fault.failed(
          "the production account does not exist yet", "run `tenantctl bootstrap` first"));
      Map<String, String> tenants = new HashMap<>();
      directory.readAllTags();
      for (var account : directory.accounts()) {
        String tenant = directory.tags(account.id()).get(AccountDirectory.TENANT_TAG);
        if (tenant != null && !account.id().equals(production) && !account.id().equals(info.managementAccountId())) {
          tenants.put(account.id(), tenant);
        }
      }
      List<String> paths = new ArrayList<>();
      orgPath(fleet.organizationalUnits().tenants()).ifPresent(paths::add);
      orgPath(fleet.organizationalUnits().dev()).ifPresent(paths::add);
      current = context(Optional.of(info.id()), info.managementAccountId(), production, tenants, paths);
    }
    return current;
  }

  /** The context, knowing that {@code accountId} is (now) the tenant's: it may have been tagged in this run. */
  public IsolationContext withTenant(String accountId, String tenant) {
    IsolationContext base = current();
    if (tenant.equals(base.tenants().get(accountId))) {
      return base;
    }
    Map<String, String> tenants = new HashMap<>(base.tenants());
    tenants.put(accountId, tenant);
    return context(base.organizationId(), base.managementAccountId(), base.productionAccountId(), tenants,
        base.tenantOrgPaths());
  }

  /** What is wrong with the production account's tags and OU ({@link ProductionPlacement}). */
  public List<String> productionMisplaced() {
    return new ProductionPlacement(org, directory, ous).problems(current().productionAccountId(),
        List.of(fleet.organizationalUnits().tenants(), fleet.organizationalUnits().dev()));
  }

  /** The production account's id, from the fleet file or found by its e-mail. */
  public Optional<String> productionAccountId() {
    var prod = fleet.production();
    if (prod.accountId().isPresent()) {
      return prod.accountId();
    }
    return directory.byEmail(prod.email().orElseThrow()).map(Organization.Account::id);
  }

  /**
   * An OU path as {@code aws:PrincipalOrgPaths} sees it, {@code o-…/r-…/ou-…/ou-…/*}; empty when the
   * OU does not exist.
   */
  public Optional<String> orgPath(String ouPath) {
    var info = org.describe();
    if (info.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder path = new StringBuilder(info.get().id()).append('/').append(org.rootId()).append('/');
    StringBuilder at = new StringBuilder();
    for (String name : ouPath.substring(1).split("/")) {
      at.append('/').append(name);
      Optional<String> id = ous.find(at.toString());
      if (id.isEmpty()) {
        return Optional.empty();
      }
      path.append(id.get()).append('/');
    }
    return Optional.of(path.append('*').toString());
  }

  private static IsolationContext context(Optional<String> orgId, String management, String production,
      Map<String, String> tenants, List<String> paths) {
    try {
      return new IsolationContext(orgId, management, production, tenants, paths);
    } catch (IllegalArgumentException e) {
      throw new Fault(ExitCode.ISOLATION, e.getMessage(), "check production and the tenant accounts' tags");
    }
  }
}
