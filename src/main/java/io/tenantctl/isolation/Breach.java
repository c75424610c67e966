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
 * @param rule      the invariant it breaks, with how to fix it
 */
public record Breach(
    Kind kind,
    PolicyLocation where,
    Optional<String> tenant,
    String statement,
    String principal,
    String reason,
    Rule rule) {

  public enum Kind {
    /** The policy admits someone the one-way rule forbids. */
    BREACH,
    /** The policy cannot be read or resolved, so it is refused rather than guessed at. */
    REFUSAL
  }

  /** The invariants of the one-way rule a policy can break, each with how to mend it. */
  public enum Rule {
    ONE_WAY("production never reaches into a tenant and no tenant reaches another", false,
        "name only this account's principals, or pin callers to it with aws:SourceAccount,"
            + " aws:SourceArn or aws:PrincipalAccount; no exception can admit production or another tenant"),
    TENANTS_ONLY_READ("tenants may only read what production shares", false,
        "grant the tenants only Get*, List*, Describe* or kms:Decrypt"),
    NO_OUTSIDERS("no one outside the organization is admitted", true,
        "pin callers to this account (aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount,"
            + " kms:CallerAccount, an OIDC sub), or record an exception in the resource's Metadata"
            + " (tenantctl: {exceptions: [{principal: ..., reason: ...}]})"),
    NO_GUESSING("what the guard cannot read or resolve is refused, never guessed", false,
        "write the value literally or as a stack parameter, so that the guard can read it");

    private final String text;
    private final boolean exceptable;
    private final String fix;

    Rule(String text, boolean exceptable, String fix) {
      this.text = text;
      this.exceptable = exceptable;
      this.fix = fix;
    }

    /** The invariant, in one line. */
    public String text() {
      return text;
    }

    /** Whether an exception on record may accept a breach of it. */
    public boolean exceptable() {
      return exceptable;
    }

    /** How to mend a breach of it. */
    public String fix() {
      return fix;
    }
  }

  /** Which rule, and how to fix it (or record an exception), in one line. */
  public String explanation() {
    return "rule: " + rule.text() + "; fix: " + rule.fix();
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
