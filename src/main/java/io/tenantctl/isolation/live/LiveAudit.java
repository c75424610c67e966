package io.tenantctl.isolation.live;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.PolicyReader.LivePolicy;
import io.tenantctl.core.FanOut;
import io.tenantctl.core.Progress;
import io.tenantctl.isolation.Breach;
import io.tenantctl.org.ProductionPlacement;
import io.tenantctl.isolation.IsolationContext;
import io.tenantctl.isolation.OneWayRule;
import io.tenantctl.isolation.PolicyLocation;
import io.tenantctl.manifest.Fleet;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.org.AccountDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The live audit: reads the role trust policies and resource policies of tenant accounts and of
 * production through the deploy role, and judges each with the {@link OneWayRule}. Reads only.
 */
public final class LiveAudit {
  private static final int PARALLEL_ACCOUNTS = 8;
  private static final Comparator<Breach> ORDER = Comparator.comparing((Breach b) -> b.where().accountId())
      .thenComparing(b -> b.where().resourceKind()).thenComparing(b -> b.where().resourceName())
      .thenComparing(Breach::statement).thenComparing(Breach::principal).thenComparing(Breach::reason);

  private final Fleet fleet;
  private final AccountDirectory directory;
  private final IsolationContexts contexts;
  private final DeployAccess access;

  public LiveAudit(Fleet fleet, AccountDirectory directory, IsolationContexts contexts, DeployAccess access) {
    this.fleet = fleet;
    this.directory = directory;
    this.contexts = contexts;
    this.access = access;
  }

  /**
   * What the audit found; {@code notOnboarded} are named tenants without an account, so not audited;
   * {@code unread} are resources whose policy the service did not return, so not judged.
   */
  public record Report(List<Breach> breaches, int accounts, int policies, Duration took, List<String> notOnboarded,
      List<String> unread) {}

  private record Target(String accountId, String region) {}

  private record Read(int policies, List<Breach> breaches, List<String> unread) {}

  /**
   * Audits the tenants' accounts and production. With {@code everyTenantAccount}, also every account
   * tagged as a tenant's whose manifest is gone: a forgotten account is still a tenant account.
   */
  public Report audit(List<Tenant> tenants, boolean everyTenantAccount, Progress progress) {
    long start = System.nanoTime();
    IsolationContext context = contexts.current();
    List<Target> targets = new ArrayList<>();
    List<String> notOnboarded = new ArrayList<>();
    for (Tenant tenant : tenants) {
      directory.byTenantTag(tenant.name()).ifPresentOrElse(
          a -> targets.add(new Target(a.id(), tenant.homeRegion())), () -> notOnboarded.add(tenant.name()));
    }
    if (everyTenantAccount) {
      context.tenants().keySet().stream().sorted()
          .filter(id -> targets.stream().noneMatch(t -> t.accountId().equals(id)))
          .forEach(id -> targets.add(new Target(id, fleet.region())));
    }
    targets.add(new Target(context.productionAccountId(), fleet.region()));

    OneWayRule rule = new OneWayRule(context);
    List<Breach> breaches = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    int policies = 0;
    for (Read done : FanOut.all(targets, PARALLEL_ACCOUNTS, target -> read(target, rule, progress))) {
      policies += done.policies();
      breaches.addAll(done.breaches());
      unread.addAll(done.unread());
    }
    for (String problem : contexts.productionMisplaced()) {
      String production = context.productionAccountId();
      breaches.add(new Breach(Breach.Kind.BREACH, PolicyLocation.live(production, "AWS::Organizations::Account",
          production), Optional.empty(), "", "", problem + "; " + ProductionPlacement.fix(production)));
    }
    breaches.sort(ORDER);
    unread.sort(null);
    return new Report(breaches, targets.size(), policies, Duration.ofNanos(System.nanoTime() - start),
        notOnboarded, unread);
  }

  private Read read(Target target, OneWayRule rule, Progress progress) {
    progress.step(target.accountId(), "reading role trust policies, bucket policies and key policies");
    List<LivePolicy> policies = access.open(target.accountId(), progress).policies(target.region()).all();
    List<Breach> breaches = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    for (LivePolicy policy : policies) {
      var where = PolicyLocation.live(target.accountId(), policy.resourceKind(), policy.resourceName());
      policy.document().ifPresentOrElse(d -> breaches.addAll(rule.check(where, d)),
          () -> unread.add("account " + target.accountId() + ", " + where));
    }
    return new Read(policies.size() - unread.size(), breaches, unread);
  }
}
