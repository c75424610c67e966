package io.tenantctl.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The accounts the one-way rule is about.
 *
 * @param organizationId      the organization ({@code o-…}), when known; only used in messages
 * @param managementAccountId the organization's management account: tenantctl deploys from it
 * @param productionAccountId the shared production account
 * @param tenants             tenant account id → tenant name (dev tenants included)
 * @param tenantOrgPaths      the tenants' OU paths as {@code aws:PrincipalOrgPaths} values look,
 *                            e.g. {@code o-abc123/r-ab12/ou-ab12-11111111/*}; empty when unknown
 */
public record IsolationContext(
    Optional<String> organizationId,
    String managementAccountId,
    String productionAccountId,
    Map<String, String> tenants,
    List<String> tenantOrgPaths) {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  /** What an account is to tenantctl. */
  public enum AccountRole { MANAGEMENT, PRODUCTION, TENANT, OTHER }

  public IsolationContext {
    requireAccountId("management", managementAccountId);
    requireAccountId("production", productionAccountId);
    if (productionAccountId.equals(managementAccountId)) {
      throw new IllegalArgumentException(
          "production account " + productionAccountId + " is the management account;"
              + " member accounts' default access role trusts management, so production must be"
              + " another account");
    }
    tenants.keySet().forEach(id -> requireAccountId("tenant", id));
    if (tenants.containsKey(productionAccountId) || tenants.containsKey(managementAccountId)) {
      throw new IllegalArgumentException("a tenant account cannot be production or management");
    }
    tenants = Map.copyOf(tenants);
    tenantOrgPaths = tenantOrgPaths.stream().map(IsolationContext::asPrefix).toList();
  }

  public AccountRole roleOf(String accountId) {
    if (accountId.equals(managementAccountId)) {
      return AccountRole.MANAGEMENT;
    }
    if (accountId.equals(productionAccountId)) {
      return AccountRole.PRODUCTION;
    }
    return tenants.containsKey(accountId) ? AccountRole.TENANT : AccountRole.OTHER;
  }

  public Optional<String> tenantName(String accountId) {
    return Optional.ofNullable(tenants.get(accountId));
  }

  /**
   * Whether an {@code aws:PrincipalOrgPaths} pattern can only match accounts at or below one of the
   * tenants' OU paths. Only a literal prefix counts: a wildcard before the end of a tenant path
   * could reach sibling OUs.
   */
  public boolean withinTenantOrgPaths(String pattern) {
    return tenantOrgPaths.stream().anyMatch(pattern::startsWith);
  }

  /** A short description of an account for messages: "tenant acme's account 3333…". */
  public String describe(String accountId) {
    return switch (roleOf(accountId)) {
      case MANAGEMENT -> "the management account " + accountId;
      case PRODUCTION -> "the production account " + accountId;
      case TENANT -> "tenant " + tenants.get(accountId) + "'s account " + accountId;
      case OTHER -> "account " + accountId;
    };
  }

  private static String asPrefix(String path) {
    String prefix = path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  private static void requireAccountId(String what, String id) {
    if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " account id must be 12 digits, got " + id);
    }
  }

  static boolean isAccountId(String value) {
    return ACCOUNT_ID.matcher(value).matches();
  }

  /** The tenants' paths as given, for messages. */
  List<String> tenantOrgPathPatterns() {
    List<String> patterns = new ArrayList<>();
    tenantOrgPaths.forEach(p -> patterns.add(p + "*"));
    return patterns;
  }
}
