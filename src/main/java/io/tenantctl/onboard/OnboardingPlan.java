package io.tenantctl.onboard;

import io.tenantctl.stacks.StackDeployer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code create} (and {@code up}) would do, found by reads alone, before anything is changed: which
 * accounts would be made, and what the baseline stack would become. Tags and OU placement, which are put
 * right without asking (a later run can undo them), are not listed.
 */
public record OnboardingPlan(Optional<OrganizationStep> organization, List<TenantPlan> tenants) {

  /** How a tenant gets its account. */
  public enum AccountStep {
    /** It has one already (found by its tag or e-mail). */
    EXISTING,
    /** The account id its manifest names. */
    ADOPT,
    /** An untagged account in the pool OU. */
    FROM_POOL,
    /** {@code CreateAccount}: an account cannot be deleted, and takes 90 days to close. */
    CREATE,
    /** An offboarded tenant's quarantined account, brought back with {@code --reinstate}. */
    REINSTATE
  }

  public record TenantPlan(String tenant, AccountStep account, Optional<String> accountId, String accountName,
      String email, String ou, StackDeployer.Preview baseline) {}

  /** What {@code up}'s bootstrap would do first: make the organization, make the production account. */
  public record OrganizationStep(boolean organizationExists, boolean createOrganization,
      Optional<String> productionAccountId, String productionName, Optional<String> productionEmail) {}

  /** Whether anything would change. */
  public boolean changes() {
    return organization.map(o -> !o.organizationExists() || o.productionAccountId().isEmpty()).orElse(false)
        || tenants.stream().anyMatch(t -> t.account() == AccountStep.CREATE || t.account() == AccountStep.FROM_POOL
            || t.account() == AccountStep.REINSTATE || !t.baseline().upToDate());
  }

  /** How many accounts the plan makes: the production account and tenants' new accounts. */
  public int accountsCreated() {
    return (int) (organization.filter(o -> o.productionAccountId().isEmpty()).stream().count()
        + tenants.stream().filter(t -> t.account() == AccountStep.CREATE).count());
  }

  /** What cannot be taken back: organizations and accounts made, resources removed or replaced. */
  public List<String> irreversible() {
    List<String> out = new ArrayList<>();
    organization.ifPresent(o -> {
      if (!o.organizationExists() && o.createOrganization()) {
        out.add("creates an organization, managed by this account");
      }
      if (o.productionAccountId().isEmpty()) {
        out.add("creates the production account " + o.productionName()
            + o.productionEmail().map(e -> " <" + e + ">").orElse(""));
      }
    });
    for (TenantPlan t : tenants) {
      if (t.account() == AccountStep.CREATE) {
        out.add("creates account " + t.accountName() + " <" + t.email() + "> for tenant " + t.tenant());
      }
      if (t.account() == AccountStep.REINSTATE) {
        out.add("reinstates offboarded tenant " + t.tenant() + ": account " + t.accountId().orElse("?")
            + " leaves quarantine for " + t.ou() + " and is deployed to again");
      }
      out.addAll(t.baseline().irreversible());
    }
    return out;
  }
}
