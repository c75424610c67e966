package io.tenantctl.stacks;

import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.ChangeSet;
import io.tenantctl.cloud.Stacks.ChangeSetRequest;
import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.Stacks.StackState;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one stack to its plan through a change set. A stack whose fingerprint tag matches is left
 * alone after one read; "nothing to update", in either form, is success.
 */
public final class StackDeployer {
  private static final Set<String> SETTLED_OK = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
  /** States in which the stack stands as its fingerprint tag says (a rollback restores the old tags too). */
  private static final Set<String> AS_TAGGED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE",
      "UPDATE_ROLLBACK_COMPLETE");
  private static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");

  /** What happened to the stack. */
  public enum Result { UNCHANGED, CREATED, UPDATED }

  public record Outcome(String stackName, Result result, StackState state) {}

  public Outcome deploy(Stacks stacks, StackPlan plan, Progress progress) {
    return deploy(stacks, plan, false, progress);
  }

  /**
   * @param force ask CloudFormation even when the fingerprint says the stack is as planned (after a change
   *     made by hand); CloudFormation then answers "nothing to update" or makes the change
   */
  public Outcome deploy(Stacks stacks, StackPlan plan, boolean force, Progress progress) {
    String subject = plan.stackName();
    Optional<StackState> current = stacks.describe(plan.stackName());
    if (current.isPresent() && current.get().status().equals("UPDATE_ROLLBACK_FAILED")) {
      progress.step(subject, "continuing the rollback of a failed update (UPDATE_ROLLBACK_FAILED)");
      StackState continued = stacks.continueUpdateRollback(plan.stackName(), e -> event(progress, subject, e));
      if (!continued.status().equals("UPDATE_ROLLBACK_COMPLETE")) {
        throw Fault.failed("stack " + plan.stackName() + ": its rollback could not be continued ("
            + continued.status() + continued.statusReason().map(r -> ": " + r).orElse("") + ")",
            "fix the resource that blocks the rollback, or continue it skipping that resource in the"
                + " CloudFormation console; then re-run");
      }
      current = Optional.of(continued);
    }
    if (current.isPresent()) {
      StackState s = current.get();
      if (!force && AS_TAGGED.contains(s.status())
          && plan.fingerprint().equals(s.tags().get(StackPlan.FINGERPRINT_TAG))) {
        return new Outcome(plan.stackName(), Result.UNCHANGED, s);
      }
      if (s.status().equals("ROLLBACK_COMPLETE") || s.status().equals("REVIEW_IN_PROGRESS")) {
        // a failed first create, or a never-executed change set, leaves a stack with no resources to keep
        progress.step(subject, "deleting the empty stack left in " + s.status());
        // tenantctl protects stacks from their first moment, and protection blocks even this delete
        stacks.protect(plan.stackName(), false);
        stacks.delete(plan.stackName(), e -> event(progress, subject, e));
        current = Optional.empty();
      } else if (s.status().endsWith("_IN_PROGRESS")) {
        throw Fault.failed("stack " + plan.stackName() + " is busy (" + s.status() + ")",
            "wait for the operation under way to finish, then re-run");
      }
    }
    List<StackEvent> failures = new ArrayList<>();
    java.util.function.Consumer<StackEvent> events = e -> {
      if (e.status().endsWith("_FAILED")) {
        failures.add(e);
      }
      event(progress, subject, e);
    };
    var request = new ChangeSetRequest(plan.stackName(), "tenantctl-" + plan.fingerprint() + "-"
        + System.currentTimeMillis(), current.isEmpty(), plan.templateBody(), plan.parameters(), plan.stackTags(),
        CAPABILITIES);
    boolean newStack = current.isEmpty();
    StackState done;
    if (newStack) {
      // protected from its first moment; a change set could only protect it afterwards
      progress.step(subject, "creating stack in " + plan.region());
      done = stacks.create(request, events);
    } else {
      ChangeSet cs = stacks.createChangeSet(request);
      switch (cs.status()) {
        case NO_CHANGES -> {
          if (cs.reason().isPresent()) {
            // AWS keeps an empty change set as FAILED; leave no litter behind
            stacks.deleteChangeSet(plan.stackName(), cs.name());
          }
          return new Outcome(plan.stackName(), Result.UNCHANGED, current.get());
        }
        case FAILED -> throw Fault.failed("stack " + plan.stackName() + ": change set failed: "
            + cs.reason().orElse("no reason given"), "fix the template or parameters, then re-run");
        case READY -> { }
      }
      progress.step(subject, "updating stack (" + summary(cs) + ")");
      done = stacks.executeChangeSet(plan.stackName(), cs.name(), events);
    }
    if (!SETTLED_OK.contains(done.status())) {
      String cause = failures.stream().filter(f -> f.reason().isPresent()).findFirst()
          .map(f -> f.logicalId() + " (" + f.resourceType() + "): " + f.reason().get())
          .orElse(done.statusReason().orElse("no reason given"));
      throw Fault.failed("stack " + plan.stackName() + " failed: " + done.status() + ": " + cause,
          "fix the resource named above, then re-run");
    }
    return new Outcome(plan.stackName(), newStack ? Result.CREATED : Result.UPDATED, done);
  }

  /** What a deploy would do: {@code changes} is empty for an up-to-date stack. */
  public record Preview(String stackName, boolean newStack, boolean upToDate, List<Stacks.ResourceChange> changes) {}

  /**
   * What {@link #deploy} would change, without changing anything: a new stack's resources come from the
   * template; an existing stack's from a change set that is deleted again.
   */
  public Preview preview(Stacks stacks, StackPlan plan, StackTemplate template) {
    Optional<StackState> current = stacks.describe(plan.stackName());
    if (current.isEmpty() || current.get().status().equals("ROLLBACK_COMPLETE")
        || current.get().status().equals("REVIEW_IN_PROGRESS")) {
      return new Preview(plan.stackName(), true, false, template.resources().entrySet().stream()
          .map(e -> new Stacks.ResourceChange("Add", e.getKey(), e.getValue(), "False")).toList());
    }
    StackState s = current.get();
    if (SETTLED_OK.contains(s.status()) && plan.fingerprint().equals(s.tags().get(StackPlan.FINGERPRINT_TAG))) {
      return new Preview(plan.stackName(), false, true, List.of());
    }
    String name = "tenantctl-diff-" + System.currentTimeMillis();
    ChangeSet cs = stacks.createChangeSet(new ChangeSetRequest(plan.stackName(), name, false, plan.templateBody(),
        plan.parameters(), plan.stackTags(), CAPABILITIES));
    try {
      if (cs.status() == ChangeSet.Status.FAILED) {
        throw Fault.failed("stack " + plan.stackName() + ": change set failed: " + cs.reason().orElse("no reason given"),
            "fix the template or parameters, then re-run");
      }
      return new Preview(plan.stackName(), false, cs.status() == ChangeSet.Status.NO_CHANGES, cs.changes());
    } finally {
      if (cs.status() != ChangeSet.Status.NO_CHANGES || cs.reason().isPresent()) {
        stacks.deleteChangeSet(plan.stackName(), name);
      }
    }
  }

  private static String summary(ChangeSet cs) {
    long add = cs.changes().stream().filter(c -> c.action().equals("Add")).count();
    long modify = cs.changes().stream().filter(c -> c.action().equals("Modify")).count();
    long remove = cs.changes().stream().filter(c -> c.action().equals("Remove")).count();
    return add + " to add, " + modify + " to modify, " + remove + " to remove";
  }

  /** Each resource's progress is shown as it happens: a stack can take many minutes. */
  private static void event(Progress progress, String subject, StackEvent e) {
    progress.on(new ProgressEvent.StackEvent(subject, e.logicalId(), e.resourceType(), e.status(), e.reason()));
  }
}
