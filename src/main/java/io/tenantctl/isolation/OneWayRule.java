package io.tenantctl.isolation;

import io.tenantctl.isolation.Breach.Kind;
import io.tenantctl.isolation.Breach.Rule;
import io.tenantctl.isolation.IsolationContext.AccountRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The one-way rule (DESIGN §1), applied to one policy at a time. The invariants:
 *
 * <ol>
 *   <li>a Deny statement never admits anyone, so it never breaches;
 *   <li>an Allow with {@code NotPrincipal} admits everyone not listed: always a breach;
 *   <li>a policy in a tenant account admits only that tenant and the management account;
 *   <li>a policy in production admits production and management freely, tenants (by account or
 *       by the tenants' OU path) only to read, and no one else;
 *   <li>what cannot be read or resolved is refused, never guessed.
 * </ol>
 */
public final class OneWayRule {

  /**
   * Services that use a role only when a principal of the role's own account passes it to them
   * ({@code iam:PassRole}), so a trust policy naming them needs no {@code aws:SourceAccount}. Any other
   * service may assume a role named in another account's configuration (AWS Transfer Family, CloudWatch
   * Logs destinations, …): its trust must say which account with aws:SourceAccount or aws:SourceArn.
   * Resource policies that grant a service always need such a condition.
   */
  static final Set<String> PASSED_ROLE_SERVICES = Set.of(
      "lambda.amazonaws.com", "edgelambda.amazonaws.com", "ec2.amazonaws.com", "ecs.amazonaws.com",
      "ecs-tasks.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com",
      "scheduler.amazonaws.com", "pipes.amazonaws.com", "codebuild.amazonaws.com",
      "codepipeline.amazonaws.com", "codedeploy.amazonaws.com", "cloudformation.amazonaws.com",
      "autoscaling.amazonaws.com", "application-autoscaling.amazonaws.com", "backup.amazonaws.com",
      "config.amazonaws.com", "ssm.amazonaws.com", "s3.amazonaws.com", "batchoperations.s3.amazonaws.com",
      "eks.amazonaws.com", "eks-fargate-pods.amazonaws.com", "iot.amazonaws.com",
      "apigateway.amazonaws.com", "glue.amazonaws.com", "sagemaker.amazonaws.com",
      "firehose.amazonaws.com", "kinesisanalytics.amazonaws.com", "batch.amazonaws.com",
      "elasticmapreduce.amazonaws.com", "dms.amazonaws.com", "rds.amazonaws.com",
      "monitoring.rds.amazonaws.com", "redshift.amazonaws.com", "elasticbeanstalk.amazonaws.com",
      "appsync.amazonaws.com", "vpc-flow-logs.amazonaws.com", "build.apprunner.amazonaws.com",
      "tasks.apprunner.amazonaws.com", "datasync.amazonaws.com", "mediaconvert.amazonaws.com",
      "spotfleet.amazonaws.com",
      "cloudtrail.amazonaws.com", "sns.amazonaws.com", "dlm.amazonaws.com");

  private final IsolationContext context;

  public OneWayRule(IsolationContext context) {
    this.context = context;
  }

  /**
   * Judges a policy document (JSON) living at {@code where}. Empty means the policy keeps the rule;
   * an unreadable one is a single refusal.
   *
   * @throws IllegalArgumentException when {@code where} is neither a tenant nor production account
   */
  public List<Breach> check(PolicyLocation where, String policyJson) {
    try {
      return check(where, PolicyText.parse(policyJson));
    } catch (PolicyText.UnreadablePolicy e) {
      return List.of(unreadable(where, e.getMessage(), policyJson));
    }
  }

  /**
   * Judges a parsed policy living at {@code where}. Empty means the policy keeps the rule. Only
   * for policies read by {@link PolicyText}: the SDK's own reader drops numeric condition values.
   *
   * @throws IllegalArgumentException when {@code where} is neither a tenant nor production account
   */
  List<Breach> check(PolicyLocation where, IamPolicy policy) {
    return check(where, policy, Set.of());
  }

  /**
   * As {@link #check(PolicyLocation, IamPolicy)}, knowing principals of {@code where}'s own account
   * that their text does not show (a CloudFront origin access identity the same template creates).
   */
  List<Breach> check(PolicyLocation where, IamPolicy policy, Set<String> ownIdentities) {
    AccountRole role = context.roleOf(where.accountId());
    if (role != AccountRole.TENANT && role != AccountRole.PRODUCTION) {
      throw new IllegalArgumentException("the one-way rule judges tenant and production accounts,"
          + " not " + context.describe(where.accountId()));
    }
    List<Breach> breaches = new ArrayList<>();
    List<IamStatement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      IamStatement statement = statements.get(i);
      String sid = statement.sid();
      String label = sid != null && Unresolved.in(sid).isEmpty() ? sid : "#" + (i + 1);
      breaches.addAll(new StatementCheck(where, role, label, statement, ownIdentities).run());
    }
    return breaches;
  }

  Breach unreadable(PolicyLocation where, String why, String text) {
    String reason = Unresolved.in(text)
        .map(what -> "cannot resolve " + what + "; refusing rather than guessing")
        .orElse("cannot be read: " + why);
    return new Breach(Kind.REFUSAL, where, context.tenantName(where.accountId()), "", "", reason,
        Rule.NO_GUESSING);
  }

  /** The invariants, for one statement. */
  private final class StatementCheck {
    private final PolicyLocation where;
    private final AccountRole role;
    private final String label;
    private final IamStatement statement;
    private final String verb;
    private final Set<String> ownIdentities;
    private final List<Breach> found = new ArrayList<>();

    StatementCheck(PolicyLocation where, AccountRole role, String label, IamStatement statement,
        Set<String> ownIdentities) {
      this.ownIdentities = ownIdentities;
      this.where = where;
      this.role = role;
      this.label = label;
      this.statement = statement;
      this.verb = where.isRoleTrust() ? "trusts" : "admits";
    }

    List<Breach> run() {
      String effect = statement.effect().value();
      if (effect.equals("Deny")) {
        return found;
      }
      if (!effect.equals("Allow")) {
        refuse("", Unresolved.in(effect)
            .map(what -> "cannot resolve " + what + " in Effect; refusing rather than guessing")
            .orElse("Effect " + effect + " is neither Allow nor Deny"));
        return found;
      }
      for (IamPrincipal principal : statement.notPrincipals()) {
        breach(PolicyPrincipals.written(principal),
            "NotPrincipal with Allow admits every principal not listed");
      }
      // Every condition must hold for an Allow to apply, so leaving one out can only widen it.
      List<IamCondition> readable = new ArrayList<>();
      Optional<String> unresolvedCondition = Optional.empty();
      for (IamCondition condition : statement.conditions()) {
        Optional<String> what = Unresolved.in(condition.value());
        if (what.isEmpty()) {
          readable.add(condition);
        } else if (unresolvedCondition.isEmpty()) {
          unresolvedCondition = Optional.of("cannot resolve " + what.get() + " in Condition "
              + condition.key().value());
        }
      }
      StatementConditions conditions = StatementConditions.of(readable, where.accountId());
      for (IamPrincipal principal : statement.principals()) {
        String written = PolicyPrincipals.written(principal);
        Optional<String> unresolved = Unresolved.in(principal.id());
        if (unresolved.isPresent()) {
          refuse(written, "cannot resolve " + unresolved.get() + " in Principal; refusing rather than guessing");
          continue;
        }
        Audience audience = ownIdentities.contains(principal.id())
            ? new Audience.Accounts(Set.of(where.accountId()))
            : Audience.of(PolicyPrincipals.classify(principal), conditions,
            service -> where.isRoleTrust() && PASSED_ROLE_SERVICES.contains(service),
            where.accountId());
        if (role == AccountRole.TENANT) {
          tenantAdmitsOnlyItself(written, audience);
        } else {
          productionAdmitsTenantsToRead(written, audience);
        }
      }
      if (unresolvedCondition.isPresent()) {
        String unresolved = unresolvedCondition.get();
        found.replaceAll(b -> b.kind() == Kind.REFUSAL ? b : new Breach(Kind.REFUSAL, b.where(), b.tenant(),
            b.statement(), b.principal(), unresolved + ", which might be all that keeps this out: "
                + b.reason() + "; refusing rather than guessing", Rule.NO_GUESSING));
      }
      return found;
    }

    private void tenantAdmitsOnlyItself(String principal, Audience audience) {
      String here = where.accountId();
      if (audience instanceof Audience.Accounts accounts) {
        new TreeSet<>(accounts.ids()).stream()
            .filter(id -> !id.equals(here) && !id.equals(context.managementAccountId()))
            .forEach(id -> add(Kind.BREACH, principal, verb + " " + context.describe(id)
                + (context.roleOf(id) == AccountRole.OTHER ? ", which is not this tenant's" : ""),
                context.roleOf(id) == AccountRole.OTHER ? Rule.NO_OUTSIDERS : Rule.ONE_WAY));
      } else if (audience instanceof Audience.OrgPaths paths) {
        breach(principal, verb + " any principal under aws:PrincipalOrgPaths "
            + String.join(", ", paths.patterns()) + "; an OU path does not exclude other tenants");
      } else if (audience instanceof Audience.Organization) {
        breach(principal, verb + " any principal;"
            + " aws:PrincipalOrgID does not exclude production or other tenants");
      } else {
        anyoneOrUnknowable(principal, audience, "");
      }
    }

    private void productionAdmitsTenantsToRead(String principal, Audience audience) {
      if (audience instanceof Audience.Accounts accounts) {
        for (String id : new TreeSet<>(accounts.ids())) {
          AccountRole role = context.roleOf(id);
          if (role == AccountRole.TENANT) {
            tenantsOnlyRead(principal, context.describe(id));
          } else if (role == AccountRole.OTHER) {
            add(Kind.BREACH, principal, verb + " " + context.describe(id)
                + ", which is neither production nor a tenant", Rule.NO_OUTSIDERS);
          }
        }
      } else if (audience instanceof Audience.OrgPaths paths) {
        String patterns = String.join(", ", paths.patterns());
        if (context.tenantOrgPaths().isEmpty()) {
          refuse(principal, "cannot verify aws:PrincipalOrgPaths " + patterns
              + ": the tenants' OU path is not known");
        } else if (paths.patterns().stream().allMatch(context::withinTenantOrgPaths)) {
          tenantsOnlyRead(principal, "the tenants' OU path");
        } else {
          breach(principal, verb + " principals under aws:PrincipalOrgPaths " + patterns
              + ", beyond the tenants' OU path "
              + String.join(", ", context.tenantOrgPathPatterns()));
        }
      } else if (audience instanceof Audience.Organization org) {
        breach(principal, verb + " every account in organization "
            + String.join(", ", org.orgIds()) + ", not only tenants;"
            + " grant read to the tenants' OU path (aws:PrincipalOrgPaths) instead");
      } else {
        anyoneOrUnknowable(principal, audience, ", including accounts outside the organization");
      }
    }

    private void anyoneOrUnknowable(String principal, Audience audience, String scope) {
      if (audience instanceof Audience.Anyone anyone) {
        String notes = anyone.ignored().isEmpty() ? "" : "; " + String.join(", ", anyone.ignored())
            + " does not narrow an Allow to one account";
        add(Kind.BREACH, principal, verb + " " + anyone.who() + scope + notes, Rule.NO_OUTSIDERS);
      } else if (audience instanceof Audience.Unknowable unknowable) {
        refuse(principal, unknowable.why());
      }
    }

    private void tenantsOnlyRead(String principal, String tenants) {
      ActionScope.firstNonRead(statement).ifPresent(action -> Unresolved.in(action).ifPresentOrElse(
          what -> refuse(principal, "cannot resolve " + what + " in Action; cannot prove that "
              + tenants + " may only read"),
          () -> add(Kind.BREACH, principal, "grants " + action + " to " + tenants + "; tenants may only read",
              Rule.TENANTS_ONLY_READ)));
    }

    private void breach(String principal, String reason) {
      add(Kind.BREACH, principal, reason, Rule.ONE_WAY);
    }

    private void refuse(String principal, String reason) {
      add(Kind.REFUSAL, principal, reason, Rule.NO_GUESSING);
    }

    private void add(Kind kind, String principal, String reason, Rule rule) {
      found.add(new Breach(
          kind, where, context.tenantName(where.accountId()), label, principal, reason, rule));
    }
  }
}
