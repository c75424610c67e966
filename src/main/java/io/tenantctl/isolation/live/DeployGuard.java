package io.tenantctl.isolation.live;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.isolation.Breach;
import io.tenantctl.isolation.DeployTarget;
import io.tenantctl.isolation.IsolationContext;
import io.tenantctl.isolation.TemplateGuard;
import io.tenantctl.stacks.StackPlan;
import java.nio.file.Path;
import java.util.List;

/** Refuses, before anything is written, a stack whose template would break the one-way rule. */
public final class DeployGuard {
  /** Stands for a tenant account that does not exist yet: no real account has this id. */
  public static final String PROVISIONAL_ACCOUNT = "000000000000";

  private final IsolationContexts contexts;

  public DeployGuard(IsolationContexts contexts) {
    this.contexts = contexts;
  }

  /** Checks a stack for a tenant's account; returns the breaches that exceptions on record accept. */
  public List<TemplateGuard.Accepted> checkTenant(String tenant, String accountId, Path template, StackPlan plan) {
    return check(contexts.withTenant(accountId, tenant), accountId, template, plan);
  }

  /**
   * Refuses to make the production or the management account a tenant's: called before the account is tagged or
   * moved, however it was found (a resumed request included).
   */
  public void refuseSharedAccount(String tenant, String accountId) {
    var context = contexts.current();
    var role = context.roleOf(accountId);
    if (role == IsolationContext.AccountRole.PRODUCTION || role == IsolationContext.AccountRole.MANAGEMENT) {
      throw new Fault(ExitCode.ISOLATION, "tenant " + tenant + ": account " + accountId + " is the "
          + role.name().toLowerCase(java.util.Locale.ROOT) + " account; it was not tagged or moved",
          "give tenant " + tenant + " its own account: check account.id and account.email in tenants/" + tenant
              + ".yaml, and the accounts journal if a request was resumed");
    }
  }

  /** Checks a stack for the production account; returns the breaches that exceptions on record accept. */
  public List<TemplateGuard.Accepted> checkProduction(String accountId, Path template, StackPlan plan) {
    return check(contexts.current(), accountId, template, plan);
  }

  private static List<TemplateGuard.Accepted> check(
      IsolationContext context, String accountId, Path template, StackPlan plan) {
    TemplateGuard.Verdict verdict = new TemplateGuard(context).judge(template, plan.templateBody(),
        plan.parameters(), new DeployTarget(accountId, plan.region(), plan.stackName()));
    List<Breach> breaches = verdict.breaches();
    if (!breaches.isEmpty()) {
      throw new Fault(ExitCode.ISOLATION, "refusing to deploy " + plan.stackName() + " to "
          + context.describe(accountId) + ": its template breaks the one-way rule\n       "
          + String.join("\n       ", breaches.stream().map(b -> b.message() + "\n         " + b.explanation())
              .toList()),
          "fix each policy as its line says; a breach that only admits someone outside the organization"
              + " (a public website bucket) may instead be accepted by an exception written next to the resource"
              + " (Metadata: {tenantctl: {exceptions: [{principal: ..., reason: ...}]}}); nothing was deployed");
    }
    return verdict.accepted();
  }
}
