package io.tenantctl.isolation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;

/** What a principal, as written in a policy, stands for. */
final class PolicyPrincipals {

  // IAM swaps a deleted role's or user's ARN for its unique id; no one can act as that id again.
  private static final Pattern DELETED_PRINCIPAL_ID = Pattern.compile("A(ROA|IDA)[A-Z0-9]{13,}");

  private PolicyPrincipals() {}

  /** Who may call, before conditions narrow it down. */
  sealed interface Caller {}

  /** The account itself, or a role, user or identity provider in it. */
  record Account(String id) implements Caller {}

  /**
   * An identity provider registered in an account: its users are outside identities.
   *
   * @param account the account the provider is registered in
   * @param issuer  for OIDC the issuer as condition keys name it ({@code token.actions.githubusercontent.com});
   *                empty for SAML
   */
  record Federated(String account, String provider, Optional<String> issuer) implements Caller {}

  /** An AWS service, acting on behalf of whichever account set it up. */
  record Service(String name) implements Caller {}

  /** Any principal at all, or any identity of an outside identity provider. */
  record Anyone(String who) implements Caller {}

  /** A principal that admits no one. */
  record Nobody() implements Caller {}

  /** A principal whose account cannot be told. */
  record Unknowable(String why) implements Caller {}

  static Caller classify(IamPrincipal principal) {
    String id = principal.id();
    if (id.equals("*")) {
      return new Anyone("any principal");
    }
    return switch (principal.type().value()) {
      case "AWS" -> aws(id);
      case "Service" -> new Service(id.toLowerCase(Locale.ROOT));
      case "Federated" -> id.startsWith("arn:") ? federated(id) : new Anyone("any identity from " + id);
      case "CanonicalUser" ->
          new Unknowable("a canonical user id does not say which account it belongs to");
      default -> new Unknowable("unknown principal type " + principal.type().value());
    };
  }

  /** The principal as the policy wrote it, for messages. */
  static String written(IamPrincipal principal) {
    String id = principal.id();
    Optional<String> unresolved = Unresolved.in(id);
    if (unresolved.isPresent()) {
      return "(" + unresolved.get() + ")";
    }
    if (principal.type().value().equals("*")) {
      return "*";
    }
    return id.equals("*") ? "{\"" + principal.type().value() + "\":\"*\"}" : id;
  }

  /**
   * The account field of an ARN, when {@code value} is one: {@code arn:aws:iam::222222222222:root}
   * gives {@code 222222222222}.
   */
  static Optional<ArnParts> arn(String value) {
    Arn arn;
    try {
      arn = Arn.fromString(value);
    } catch (IllegalArgumentException notAnArn) {
      return Optional.empty();
    }
    String prefix = String.join(":", "arn", arn.partition(), arn.service(), arn.region().orElse(""));
    return Optional.of(new ArnParts(prefix, arn.accountId().orElse("")));
  }

  /** An ARN's fields before the account ({@code arn:partition:service:region}) and its account. */
  record ArnParts(String prefix, String account) {}

  private static Caller federated(String id) {
    Caller caller = aws(id);
    int at = id.indexOf(":oidc-provider/");
    if (!(caller instanceof Account account)) {
      return caller;
    }
    if (at >= 0) {
      String issuer = id.substring(at + ":oidc-provider/".length()).toLowerCase(Locale.ROOT);
      return new Federated(account.id(), id, Optional.of(issuer));
    }
    return id.contains(":saml-provider/") ? new Federated(account.id(), id, Optional.empty()) : caller;
  }

  private static Caller aws(String id) {
    if (IsolationContext.isAccountId(id)) {
      return new Account(id);
    }
    if (DELETED_PRINCIPAL_ID.matcher(id).matches()) {
      return new Nobody();
    }
    Optional<ArnParts> arn = arn(id);
    if (arn.isEmpty()) {
      return new Unknowable("cannot tell which account principal " + id + " belongs to");
    }
    String account = arn.get().account();
    if (account.contains("*") || account.contains("?")) {
      return new Anyone("principals of any account");
    }
    return IsolationContext.isAccountId(account)
        ? new Account(account)
        : new Unknowable("cannot tell which account principal " + id + " belongs to");
  }
}
