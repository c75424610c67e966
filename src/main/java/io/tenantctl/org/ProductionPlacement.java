package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the production account stands in the organization: never tagged for a tenant, never under the tenants'
 * or developers' OU (their guardrail denies production, and tenants' grants admit those paths).
 */
public final class ProductionPlacement {
  private final Organization org;
  private final AccountDirectory directory;
  private final OuPaths ous;

  public ProductionPlacement(Organization org, AccountDirectory directory, OuPaths ous) {
    this.org = org;
    this.directory = directory;
    this.ous = ous;
  }

  /** What is wrong with the production account's tags and OU; empty when nothing is. */
  public List<String> problems(String productionId, List<String> tenantOuPaths) {
    List<String> problems = new ArrayList<>();
    String tenant = directory.tags(productionId).get(AccountDirectory.TENANT_TAG);
    if (tenant != null) {
      problems.add("the production account " + productionId + " is tagged " + AccountDirectory.TENANT_TAG + "="
          + tenant);
    }
    String parent = org.parentOf(productionId);
    String path = ous.pathOf(parent).orElse(parent);
    for (String ou : tenantOuPaths) {
      if (path.equals(ou) || path.startsWith(ou + "/")) {
        problems.add("the production account " + productionId + " is in " + path + ", under " + ou);
      }
    }
    return problems;
  }

  /** The fix for {@link #problems}. */
  public static String fix(String productionId) {
    return "remove the " + AccountDirectory.TENANT_TAG + " tag from account " + productionId
        + " and move it out of the tenants' and developers' OUs (aws organizations untag-resource / move-account);"
        + " then re-run";
  }
}
