package io.tenantctl.isolation.live;

import io.tenantctl.access.DeployAccess;
import io.tenantctl.cloud.PolicyReader.LivePolicy;
import io.tenantctl.core.FanOut;
import io.tenantctl.core.Progress;
import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.isolation.Breach;
import io.tenantctl.isolation.DeployTarget;
import io.tenantctl.isolation.TemplateGuard;
import io.tenantctl.stacks.StackPlans;
import java.nio.file.Path;
import java.util.Optional;
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
import java.util.Locale;

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
   * {@code unread} are resources whose policy the service did not return, so not judged;
   * {@code accepted} are the breaches that exceptions recorded in the deployed templates accept, not
   * counted as breaches but listed.
   */
  public record Report(List<Breach> breaches, int accounts, int policies, Duration took, List<String> notOnboarded,
      List<String> unread, List<TemplateGuard.Accepted> accepted) {}

  private record Target(String accountId, String region, Optional<String> tenant) {}

  private record Read(int policies, List<Breach> breaches, List<String> unread, List<TemplateGuard.Accepted> accepted) {}

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
          a -> targets.add(new Target(a.id(), tenant.homeRegion(), Optional.of(tenant.name()))), () -> notOnboarded.add(tenant.name()));
    }
    if (everyTenantAccount) {
      context.tenants().keySet().stream().sorted()
          .filter(id -> targets.stream().noneMatch(t -> t.accountId().equals(id)))
          .forEach(id -> targets.add(new Target(id, fleet.region(), Optional.empty())));
    }
    targets.add(new Target(context.productionAccountId(), fleet.region(), Optional.empty()));

    OneWayRule rule = new OneWayRule(context);
    List<Breach> breaches = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    List<TemplateGuard.Accepted> accepted = new ArrayList<>();
    int policies = 0;
    for (Read done : FanOut.all(targets, PARALLEL_ACCOUNTS, target -> read(target, context, rule, progress))) {
      policies += done.policies();
      breaches.addAll(done.breaches());
      unread.addAll(done.unread());
      accepted.addAll(done.accepted());
    }
    for (String problem : contexts.productionMisplaced()) {
      String production = context.productionAccountId();
      breaches.add(new Breach(Breach.Kind.BREACH, PolicyLocation.live(production, "AWS::Organizations::Account",
          production), Optional.empty(), "", "", problem + "; " + ProductionPlacement.fix(production),
          Breach.Rule.ONE_WAY));
    }
    breaches.sort(ORDER);
    unread.sort(null);
    accepted.sort(Comparator.comparing(TemplateGuard.Accepted::breach, ORDER));
    return new Report(breaches, targets.size(), policies, Duration.ofNanos(System.nanoTime() - start),
        notOnboarded, unread, accepted);
  }

  private Read read(Target target, IsolationContext context, OneWayRule rule, Progress progress) {
    progress.step(target.accountId(), "reading role trust policies, bucket policies and key policies");
    AccountCloud cloud = access.open(target.accountId(), progress);
    List<LivePolicy> policies = cloud.policies(target.region()).all();
    List<OnRecord> onRecord = target.tenant()
        .map(tenant -> onRecord(cloud, context, target, tenant)).orElse(List.of());
    List<Breach> breaches = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    for (LivePolicy policy : policies) {
      var where = PolicyLocation.live(target.accountId(), policy.resourceKind(), policy.resourceName());
      policy.document().ifPresentOrElse(d -> breaches.addAll(rule.check(where, d)),
          () -> unread.add("account " + target.accountId() + ", " + where));
    }
    // Each exception on record accepts at most one live breach of the same kind, statement, principal and
    // reason: one of its own stack's resources when the names tell, so a copy made by hand stays a breach.
    for (OnRecord exception : onRecord) {
      List<Breach> alike = breaches.stream().filter(b -> sameBreach(exception.accepted().breach(), b)).toList();
      alike.stream().filter(exception::names).findFirst().or(() -> alike.stream().findFirst())
          .ifPresent(breaches::remove);
    }
    return new Read(policies.size() - unread.size(), breaches, unread,
        onRecord.stream().map(OnRecord::accepted).toList());
  }

  /** An accepted breach of a deployed stack, with what tells that stack's resources by name. */
  private record OnRecord(TemplateGuard.Accepted accepted, String stackName, String body) {
    // CloudFormation names an unnamed resource after its stack; a named one is named in the body.
    boolean names(Breach live) {
      String name = live.where().resourceName().toLowerCase(Locale.ROOT);
      return name.startsWith(stackName.toLowerCase(Locale.ROOT) + "-") || body.toLowerCase(Locale.ROOT).contains(name);
    }
  }

  /** The breaches that exceptions recorded in the tenant's deployed templates accept. */
  private List<OnRecord> onRecord(AccountCloud cloud, IsolationContext context, Target target, String tenant) {
    List<OnRecord> accepted = new ArrayList<>();
    if (context.roleOf(target.accountId()) != IsolationContext.AccountRole.TENANT) {
      return accepted;
    }
    for (String stack : fleet.stacks().keySet()) {
      String stackName = StackPlans.stackName(tenant, stack);
      // a stack left empty deployed nothing: nothing of it is on record
      cloud.stacks(target.region()).template(stackName).filter(d -> !d.status().leftEmpty())
          .ifPresent(deployed -> new TemplateGuard(context)
          .judge(Path.of(stackName), deployed.body(), deployed.parameters(),
              new DeployTarget(target.accountId(), target.region(), stackName)).accepted()
          .forEach(a -> accepted.add(new OnRecord(a, stackName, deployed.body()))));
    }
    return accepted;
  }

  private static boolean sameBreach(Breach onRecord, Breach live) {
    String kind = onRecord.where().resourceKind().equals("AWS::S3::BucketPolicy")
        ? "AWS::S3::Bucket" : onRecord.where().resourceKind();
    return kind.equals(live.where().resourceKind()) && onRecord.rule() == live.rule()
        && onRecord.statement().equals(live.statement()) && onRecord.principal().equals(live.principal())
        && onRecord.reason().equals(live.reason());
  }
}
