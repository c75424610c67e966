package io.tenantctl.cli;

import io.tenantctl.cloud.Stacks.ChangeAction;
import io.tenantctl.cloud.Stacks.Replacement;
import io.tenantctl.deploy.DeployPlan;
import io.tenantctl.onboard.OnboardingPlan;
import io.tenantctl.stacks.StackDeployer.Preview;
import java.util.ArrayList;
import java.util.List;

/** Plans as a person reads them (changes counted, what cannot be undone shouted) and as JSON for a dry run. */
final class Plans {
  private Plans() {}

  /** A plan ready to show: its text, its JSON, whether it changes anything, and what cannot be undone. */
  record Shown(List<String> lines, Object json, boolean changes, List<String> irreversible) {}

  record StackJson(String stack, String action, long add, long modify, long remove, long replace,
      List<DiffCommand.ChangeJson> changes, List<DiffCommand.ParameterJson> parameters) {}

  record DeployJson(String tenant, List<StackJson> stacks, List<String> irreversible) {}

  record TenantJson(String tenant, String account, String accountId, String accountName, String email, String ou,
      StackJson baseline) {}

  record OrganizationJson(boolean exists, String productionAccountId, String productionName) {}

  record OnboardingJson(OrganizationJson organization, List<TenantJson> tenants, List<String> irreversible) {}

  static Shown of(DeployPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add("plan for " + plan.tenant() + ":");
    for (Preview p : plan.previews()) {
      lines.add("  " + p.stackName() + ": " + summary(p));
      detail(p).forEach(l -> lines.add("    " + l));
    }
    irreversible(lines, plan.irreversible());
    var json = new DeployJson(plan.tenant(), plan.previews().stream().map(Plans::json).toList(), plan.irreversible());
    return new Shown(lines, json, plan.changes(), plan.irreversible());
  }

  static Shown of(OnboardingPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add("plan:");
    plan.organization().ifPresent(o -> {
      lines.add("  organization: " + (o.organizationExists() ? "exists" : o.createOrganization() ? "CREATE"
          : "none (pass --create-organization to create one)"));
      lines.add("  production account: " + o.productionAccountId().map(id -> id + " (exists)")
          .orElse("CREATE " + o.productionName() + o.productionEmail().map(e -> " <" + e + ">").orElse("")));
    });
    for (OnboardingPlan.TenantPlan t : plan.tenants()) {
      String account = switch (t.account()) {
        case EXISTING -> "account " + t.accountId().orElse("?") + " (exists)";
        case ADOPT -> "adopt account " + t.accountId().orElse("?") + " named in its manifest";
        case FROM_POOL -> "take an account from the pool";
        case CREATE -> "CREATE account " + t.accountName() + " <" + t.email() + ">";
        case REINSTATE -> "REINSTATE offboarded account " + t.accountId().orElse("?") + " (from quarantine)";
      };
      lines.add("  " + t.tenant() + ": " + account + ", in " + t.ou() + "; " + t.baseline().stackName() + ": "
          + summary(t.baseline()));
      detail(t.baseline()).forEach(l -> lines.add("    " + l));
    }
    irreversible(lines, plan.irreversible());
    var json = new OnboardingJson(plan.organization().map(o -> new OrganizationJson(o.organizationExists(),
        o.productionAccountId().orElse(null), o.productionName())).orElse(null),
        plan.tenants().stream().map(t -> new TenantJson(t.tenant(), t.account().name(), t.accountId().orElse(null),
            t.accountName(), t.email(), t.ou(), json(t.baseline()))).toList(), plan.irreversible());
    return new Shown(lines, json, plan.changes(), plan.irreversible());
  }

  /**
   * A tenant's change in {@code rollout start --dry-run}, in a line: its resource changes and each parameter it
   * changes (a secret's values masked), which a change set may list no resource change for.
   */
  static String rolloutChange(Preview p) {
    if (p.upToDate()) {
      return "up to date";
    }
    if (p.newStack()) {
      return "new stack, " + p.changes().size() + " resources to add";
    }
    String resources = p.changes().size() + " resource changes" + (p.changes().isEmpty() ? "" : ": " + String.join(
        ", ", p.changes().stream().map(c -> c.action().label() + " " + c.logicalId()).toList()));
    if (p.parameters().isEmpty()) {
      return resources;
    }
    return p.parameters().size() + " parameter change(s): " + String.join(", ", p.parameters().stream()
        .map(c -> c.name() + " " + c.before().map(b -> quoted(b) + " \u2192 ").orElse("(new) ") + quoted(c.after()))
        .toList()) + "; " + resources;
  }

  /** A value as a plan shows it: an empty one is seen. */
  private static String quoted(String value) {
    return value.isEmpty() ? "\"\"" : value;
  }

  /** One stack in a line: what happens to it, and how many resources each way. */
  static String summary(Preview p) {
    if (p.upToDate()) {
      return "up to date";
    }
    String counts = count(p, ChangeAction.ADD) + " to add, " + count(p, ChangeAction.MODIFY) + " to modify, "
        + count(p, ChangeAction.REMOVE) + " to remove" + (replaced(p) > 0 ? ", " + replaced(p) + " REPLACED" : "");
    return (p.newStack() ? "create (" : "update (") + counts
        + (p.parameters().isEmpty() ? "" : ", " + p.parameters().size() + " parameter(s) changed") + ")";
  }

  private static List<String> detail(Preview p) {
    if (p.upToDate()) {
      return List.of();
    }
    List<String> lines = DiffCommand.lines(p);
    return lines.subList(1, lines.size()).stream().map(String::strip).toList();
  }

  private static void irreversible(List<String> lines, List<String> irreversible) {
    if (!irreversible.isEmpty()) {
      lines.add("cannot be undone:");
      irreversible.forEach(i -> lines.add("  ! " + i));
    }
  }

  private static StackJson json(Preview p) {
    String action = p.upToDate() ? "NONE" : p.newStack() ? "CREATE" : "UPDATE";
    return new StackJson(p.stackName(), action, count(p, ChangeAction.ADD), count(p, ChangeAction.MODIFY),
        count(p, ChangeAction.REMOVE), replaced(p),
        p.changes().stream().map(c -> new DiffCommand.ChangeJson(c.action().label(), c.logicalId(), c.resourceType(),
            c.replacement().label())).toList(),
        p.parameters().stream().map(c -> new DiffCommand.ParameterJson(c.name(), c.before().orElse(null), c.after()))
            .toList());
  }

  private static long count(Preview p, ChangeAction action) {
    return p.changes().stream().filter(c -> c.action() == action).count();
  }

  private static long replaced(Preview p) {
    return p.changes().stream().filter(c -> c.replacement() != Replacement.NEVER).count();
  }

}
