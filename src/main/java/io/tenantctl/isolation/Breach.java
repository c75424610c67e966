package io.tenantctl.isolation;

import java.util.Optional;

/**
 * One way a policy breaks the one-way rule, or a policy tenantctl refuses because it cannot be
 * judged.
 *
 * @param kind      a breach of the rule, or a refusal to guess
 * @param where     the account and resource the policy belongs to
 * @param tenant    the tenant owning {@code where.accountId()}, if it is a tenant account
 * @param statement the statement's Sid, or {@code #n} (1-based); empty for the whole policy
 * @param principal the principal as written; empty when the breach is not about one principal
 * @param reason    one line, e.g. "trusts the production account 222222222222"
 */
public record Breach(
    Kind kind,
    PolicyLocation where,
    Optional<String> tenant,
    String statement,
    String principal,
    String reason) {

  public enum Kind {
    /** The policy admits someone the one-way rule forbids. */
    BREACH,
    /** The policy cannot be read or resolved, so it is refused rather than guessed at. */
    REFUSAL
  }

  /** One line naming account, resource, statement and principal. */
  public String message() {
    StringBuilder line = new StringBuilder("account ").append(where.accountId());
    tenant.ifPresent(t -> line.append(" (tenant ").append(t).append(')'));
    line.append(", ").append(where);
    if (!statement.isEmpty()) {
      line.append(", statement ").append(statement);
    }
    if (!principal.isEmpty()) {
      line.append(", principal ").append(principal);
    }
    return line.append(": ").append(reason).toString();
  }

  @Override
  public String toString() {
    return kind + " " + message();
  }
}
