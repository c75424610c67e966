package io.tenantctl.isolation;

import io.tenantctl.isolation.PolicyPrincipals.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Whom one principal of an Allow statement admits, once the statement's conditions apply. */
sealed interface Audience {

  /** Exactly these accounts (possibly none). */
  record Accounts(Set<String> ids) implements Audience {}

  /** Any account under these {@code aws:PrincipalOrgPaths} patterns. */
  record OrgPaths(List<String> patterns) implements Audience {}

  /** Any account of these organizations. */
  record Organization(List<String> orgIds) implements Audience {}

  /**
   * No bound on the account.
   *
   * @param who     e.g. "any principal"
   * @param ignored conditions that looked like a bound but are not, for messages
   */
  record Anyone(String who, List<String> ignored) implements Audience {}

  /** Cannot be told. */
  record Unknowable(String why) implements Audience {}

  /**
   * @param boundHere services trusted to act only for the policy's own account without a condition
   * @param here      the policy's own account
   */
  static Audience of(
      Caller caller, StatementConditions conditions, Predicate<String> boundHere, String here) {
    if (caller instanceof PolicyPrincipals.Account account) {
      Set<String> ids = new HashSet<>(Set.of(account.id()));
      conditions.accounts().ifPresent(ids::retainAll);
      return new Accounts(ids);
    }
    if (caller instanceof PolicyPrincipals.Federated federated) {
      return federated(federated, conditions, here);
    }
    if (caller instanceof PolicyPrincipals.Nobody) {
      return new Accounts(Set.of());
    }
    if (caller instanceof PolicyPrincipals.Unknowable unknowable) {
      return new Unknowable(unknowable.why());
    }
    if (conditions.accounts().isPresent()) {
      return new Accounts(conditions.accounts().get());
    }
    if (caller instanceof PolicyPrincipals.Service service && boundHere.test(service.name())) {
      return new Accounts(Set.of(here));
    }
    if (conditions.orgPaths().isPresent()) {
      return new OrgPaths(conditions.orgPaths().get());
    }
    if (conditions.orgIds().isPresent()) {
      return new Organization(conditions.orgIds().get());
    }
    String who = caller instanceof PolicyPrincipals.Service service
        ? "service " + service.name() + " on behalf of any account (no aws:SourceAccount or aws:SourceArn)"
        : ((PolicyPrincipals.Anyone) caller).who();
    return new Anyone(who, conditions.ignored());
  }

  /**
   * A provider of another account is that account's. One of this account: SAML users reach a role
   * only when this account's IdP asserts it; an OIDC issuer (GitHub, GitLab, …) signs tokens for
   * everyone who uses it, so only a condition on its {@code sub} bounds who may assume the role.
   */
  private static Audience federated(
      PolicyPrincipals.Federated federated, StatementConditions conditions, String here) {
    if (!federated.account().equals(here) || federated.issuer().isEmpty()) {
      return new Accounts(Set.of(federated.account()));
    }
    String issuer = federated.issuer().get();
    return conditions.subjects().containsKey(issuer)
        ? new Accounts(Set.of(here))
        : new Anyone("any identity of OIDC provider " + issuer + " (no " + issuer
            + ":sub condition naming the repository or subject)", List.of());
  }
}
