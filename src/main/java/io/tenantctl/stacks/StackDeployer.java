package io.tenantctl.stacks;

import io.tenantctl.cloud.Stacks;
import io.tenantctl.cloud.Stacks.ChangeAction;
import io.tenantctl.cloud.Stacks.ChangeSet;
import io.tenantctl.cloud.Stacks.ChangeSetRequest;
import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.Stacks.StackState;
import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings one stack to its plan through a change set, from whatever state it is found in: a stack whose
 * fingerprint tag matches is left alone after one read; a stack CloudFormation is still working on is waited
 * for, and then looked at again; the known bad states are recovered; "nothing to update", in either form, is
 * success. Change sets are named after the plan's fingerprint, so a run that stopped half-way finds its own.
 */
public final class StackDeployer {
  private static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
  /** Wait, continue a rollback, delete: then the stack is created or updated; more rounds mean it keeps moving. */
  private static final int MAX_ROUNDS = 6;

  /** What happened to the stack. */
  public enum Result { UNCHANGED, CREATED, UPDATED }

  public record Outcome(String stackName, Result result, StackState state) {}

  /** What the deployer does with a stack in the state it finds it in. */
  public enum Decision {
    /** Its fingerprint says it is as planned. */
    LEAVE,
    CREATE,
    /** CloudFormation is working on it: wait until it settles, then decide again. */
    WAIT,
    /** Nothing worth keeping (a failed first create, a never-executed change set): delete it, then create. */
    RECREATE,
    CONTINUE_ROLLBACK,
    UPDATE,
    /** Only a person can fix it; {@link #refusal} says how. */
    REFUSE
  }

  /** The decision for a stack as it stands ({@code current} is empty when there is no stack). */
  public static Decision decide(Optional<StackState> current, StackPlan plan, boolean force) {
    if (current.isEmpty() || current.get().status() == StackStatus.DELETE_COMPLETE) {
      return Decision.CREATE;
    }
    StackState s = current.get();
    StackStatus status = s.status();
    if (status.inProgress()) {
      return Decision.WAIT;
    }
    if (status.leftEmpty()) {
      return Decision.RECREATE;
    }
    if (status == StackStatus.UPDATE_ROLLBACK_FAILED) {
      return Decision.CONTINUE_ROLLBACK;
    }
    if (status.standsAsTagged()) {
      return !force && plan.fingerprint().equals(s.tags().get(StackPlan.FINGERPRINT_TAG)) && parametersAgree(s, plan)
          ? Decision.LEAVE : Decision.UPDATE;
    }
    return status == StackStatus.IMPORT_ROLLBACK_COMPLETE ? Decision.UPDATE : Decision.REFUSE;
  }

  /** Why a stack in {@code status} is refused, and what the operator does about it. */
  static Fault refusal(String stackName, StackState s) {
    String is = "stack " + stackName + " is " + s.status() + s.statusReason().map(r -> " (" + r + ")").orElse("");
    String delete = "aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name "
        + stackName + " && aws cloudformation delete-stack --stack-name " + stackName;
    return switch (s.status()) {
      case CREATE_FAILED -> Fault.failed(is + ": its first create failed with rollback disabled",
          "delete it (" + delete + "), then re-run");
      case ROLLBACK_FAILED -> Fault.failed(is + ": its failed create could not be rolled back",
          "delete it, retaining the resources CloudFormation cannot delete (" + delete
              + " --retain-resources <logical ids>), then re-run");
      case DELETE_FAILED -> Fault.failed(is + ": a delete of it failed half-way",
          "remove what blocks the resources named in its events, delete it again (" + delete + "), then re-run");
      case UPDATE_FAILED -> Fault.failed(is + ": an update failed with rollback disabled",
          "roll it back (aws cloudformation rollback-stack --stack-name " + stackName + "), then re-run");
      case IMPORT_ROLLBACK_FAILED -> Fault.failed(is + ": the rollback of a resource import failed",
          "fix the resources named in its events in the CloudFormation console, then re-run");
      default -> Fault.failed(is + ", a state tenantctl does not recover by itself",
          "look at the stack in the CloudFormation console, bring it to a complete state, then re-run");
    };
  }

  /** The change set a deploy of this plan makes: the same for a resumed run, so it finds its own. */
  public static String changeSetName(StackPlan plan) {
    return "tenantctl-" + plan.fingerprint();
  }

  public Outcome deploy(Stacks stacks, StackPlan plan, Progress progress) {
    return deploy(stacks, plan, false, progress);
  }

  /**
   * @param force ask CloudFormation even when the fingerprint says the stack is as planned (after a change
   *     made by hand); CloudFormation then answers "nothing to update" or makes the change
   */
  public Outcome deploy(Stacks stacks, StackPlan plan, boolean force, Progress progress) {
    String name = plan.stackName();
    Consumer<StackEvent> shown = e -> event(progress, plan, e);
    Optional<StackState> current = stacks.describe(name);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Decision decision = confirmed(stacks, decide(current, plan, force), current, plan, force);
      switch (decision) {
        case LEAVE:
          return new Outcome(name, Result.UNCHANGED, current.get());
        case WAIT:
          step(progress, plan, "waiting for the operation under way to finish (" + current.get().status() + ")");
          current = stacks.awaitSettled(name, shown);
          break;
        case CONTINUE_ROLLBACK:
          step(progress, plan, "continuing the rollback of a failed update (UPDATE_ROLLBACK_FAILED)");
          StackState continued = stacks.continueUpdateRollback(name, shown);
          if (continued.status() != StackStatus.UPDATE_ROLLBACK_COMPLETE) {
            throw Fault.failed("stack " + name + ": its rollback could not be continued ("
                + continued.status() + continued.statusReason().map(r -> ": " + r).orElse("") + ")",
                "fix the resource that blocks the rollback, or continue it skipping that resource in the"
                    + " CloudFormation console; then re-run");
          }
          current = Optional.of(continued);
          break;
        case RECREATE:
          step(progress, plan, "deleting the empty stack left in " + current.get().status());
          // tenantctl protects stacks from their first moment, and protection blocks even this delete
          stacks.protect(name, false);
          stacks.delete(name, shown);
          current = Optional.empty();
          break;
        case REFUSE:
          throw refusal(name, current.get());
        case CREATE:
          return create(stacks, plan, progress);
        case UPDATE:
          return update(stacks, plan, current.get(), progress);
        default:
          throw new IllegalStateException(decision.name());
      }
    }
    throw Fault.failed("stack " + name + " kept changing while tenantctl worked on it (now "
        + current.map(s -> s.status().name()).orElse("gone") + ")",
        "find out who else deploys it, wait for them to finish, then re-run");
  }

  private Outcome create(Stacks stacks, StackPlan plan, Progress progress) {
    // protected from its first moment; a change set could only protect it afterwards
    step(progress, plan, "creating stack in " + plan.region());
    Failures failures = new Failures(progress, plan);
    StackState done = stacks.create(request(plan, changeSetName(plan), true), failures);
    return settled(plan, Result.CREATED, done, failures);
  }

  private Outcome update(Stacks stacks, StackPlan plan, StackState current, Progress progress) {
    String name = plan.stackName();
    String csName = changeSetName(plan);
    Optional<ChangeSet> found = stacks.changeSet(name, csName);
    ChangeSet cs;
    if (found.isPresent() && found.get().status() == ChangeSet.Status.READY) {
      // an earlier run made it and stopped before executing it
      step(progress, plan, "reusing change set " + csName + " from an earlier run");
      cs = found.get();
    } else {
      if (found.isPresent()) {
        // failed, empty or obsolete: made for the stack as it was then
        stacks.deleteChangeSet(name, csName);
      }
      cs = stacks.createChangeSet(request(plan, csName, false));
    }
    switch (cs.status()) {
      case NO_CHANGES -> {
        if (cs.reason().isPresent()) {
          // AWS keeps an empty change set as FAILED; leave no litter behind
          stacks.deleteChangeSet(name, cs.name());
        }
        if (!parametersAgree(current, plan)) {
          return direct(stacks, plan, current, progress);
        }
        return new Outcome(name, Result.UNCHANGED, current);
      }
      case FAILED -> throw Fault.failed("stack " + name + ": change set failed: "
          + cs.reason().orElse("no reason given"), "fix the template or parameters, then re-run");
      case READY -> { }
    }
    step(progress, plan, "updating stack (" + summary(cs) + ")");
    Failures failures = new Failures(progress, plan);
    StackState done = stacks.executeChangeSet(name, cs.name(), failures);
    return settled(plan, Result.UPDATED, done, failures);
  }

  /**
   * A change set found "no changes" although the stack's own parameters differ from the plan's: moto judges a change
   * set against the values the stack was created with, so going back to them would never be made. The stack is
   * updated directly, which that service compares with what the stack runs.
   */
  private static Outcome direct(Stacks stacks, StackPlan plan, StackState current, Progress progress) {
    step(progress, plan, "updating stack directly: its change set listed no changes, but the stack runs other"
        + " parameters (" + String.join(", ", parameterChanges(current, plan).stream().map(ParameterChange::name)
            .toList()) + ")");
    Failures failures = new Failures(progress, plan);
    StackState done;
    try {
      done = stacks.update(request(plan, changeSetName(plan), false), failures);
    } catch (io.tenantctl.cloud.CloudException e) {
      if (String.valueOf(e.getMessage()).contains("No updates are to be performed")) {
        // the service shows a value otherwise than it was given (it normalised it): the stack is as planned
        return new Outcome(plan.stackName(), Result.UNCHANGED, current);
      }
      throw e;
    }
    return settled(plan, Result.UPDATED, done, failures);
  }

  private static Outcome settled(StackPlan plan, Result result, StackState done, Failures failures) {
    if (!done.status().succeeded()) {
      String cause = failures.seen.stream().filter(f -> f.reason().isPresent()).findFirst()
          .map(f -> f.logicalId() + " (" + f.resourceType() + "): " + f.reason().get())
          .orElse(done.statusReason().orElse("no reason given"));
      throw Fault.failed("stack " + plan.stackName() + " failed: " + done.status() + ": " + cause,
          "fix the resource named above, then re-run");
    }
    return new Outcome(plan.stackName(), result, done);
  }

  /** Shows each event and keeps the failed ones, whose reasons explain a failed stack. */
  private static final class Failures implements Consumer<StackEvent> {
    private final List<StackEvent> seen = new ArrayList<>();
    private final Progress progress;
    private final StackPlan plan;

    Failures(Progress progress, StackPlan plan) {
      this.progress = progress;
      this.plan = plan;
    }

    @Override
    public void accept(StackEvent e) {
      if (e.failed()) {
        seen.add(e);
      }
      event(progress, plan, e);
    }
  }

  private static ChangeSetRequest request(StackPlan plan, String changeSetName, boolean newStack) {
    return new ChangeSetRequest(plan.stackName(), changeSetName, newStack, plan.templateBody(), plan.parameters(),
        plan.stackTags(), CAPABILITIES);
  }

  /**
   * What a deploy would do: {@code changes} is empty for an up-to-date stack, and may be empty for a stack that
   * is not (a parameter-only change on a service that lists no resource changes for it).
   */
  public record Preview(String stackName, boolean newStack, boolean upToDate, List<Stacks.ResourceChange> changes,
      List<ParameterChange> parameters, Optional<StackState> current) {
    public Preview(String stackName, boolean newStack, boolean upToDate, List<Stacks.ResourceChange> changes) {
      this(stackName, newStack, upToDate, changes, List.of(), Optional.empty());
    }

    public Preview(String stackName, boolean newStack, boolean upToDate, List<Stacks.ResourceChange> changes,
        List<ParameterChange> parameters) {
      this(stackName, newStack, upToDate, changes, parameters, Optional.empty());
    }

    /** What cannot be undone by deploying again: each removal and (possible) replacement, one line each. */
    public List<String> irreversible() {
      List<String> out = new ArrayList<>();
      for (Stacks.ResourceChange c : changes) {
        String what = c.logicalId() + " (" + c.resourceType() + ") of " + stackName;
        if (c.action() == ChangeAction.REMOVE) {
          out.add("removes " + what);
        } else if (c.replacement() == Stacks.Replacement.ALWAYS) {
          out.add("replaces " + what + ": it is deleted and made anew");
        } else if (c.replacement() == Stacks.Replacement.CONDITIONAL) {
          out.add("may replace " + what);
        }
      }
      return out;
    }
  }

  /** A parameter whose value a deploy changes; a secret's values are {@value #MASK}, never the value. */
  public record ParameterChange(String name, Optional<String> before, String after) {}

  /** What a secret value is shown as. */
  public static final String MASK = "****";

  /**
   * What {@link #deploy} would change, without changing anything: a new stack's resources come from the
   * template; an existing stack's from a change set that is deleted again.
   */
  public Preview preview(Stacks stacks, StackPlan plan, StackTemplate template) {
    return preview(stacks, plan, template, false, false);
  }

  /**
   * @param force as for {@link #deploy}: ask CloudFormation even when the fingerprint says the stack is as planned
   * @param keep  leave a ready change set in place, named as {@link #deploy} names it, so that the deploy that
   *     follows executes what was shown; {@link #discard} removes it when the deploy does not follow
   */
  public Preview preview(Stacks stacks, StackPlan plan, StackTemplate template, boolean force, boolean keep) {
    String name = plan.stackName();
    Optional<StackState> current = stacks.describe(name);
    Decision decision = confirmed(stacks, decide(current, plan, force), current, plan, force);
    if (decision == Decision.WAIT) {
      current = stacks.awaitSettled(name, e -> { });
      decision = confirmed(stacks, decide(current, plan, force), current, plan, force);
    }
    switch (decision) {
      case CREATE, RECREATE -> {
        return newStack(plan, template);
      }
      case LEAVE -> {
        return new Preview(name, false, true, List.of(), List.of(), current);
      }
      case REFUSE -> throw refusal(name, current.get());
      case CONTINUE_ROLLBACK -> throw Fault.failed("stack " + name + " is UPDATE_ROLLBACK_FAILED: CloudFormation"
          + " cannot preview a change to it", "run `tenantctl deploy`, which continues the rollback first");
      case WAIT -> throw Fault.failed("stack " + name + " is still " + current.get().status(), "re-run later");
      default -> { }
    }
    String csName = keep ? changeSetName(plan) : "tenantctl-diff-" + plan.fingerprint();
    Optional<ChangeSet> found = stacks.changeSet(name, csName);
    ChangeSet cs;
    if (keep && found.isPresent() && found.get().status() == ChangeSet.Status.READY) {
      cs = found.get();
    } else {
      if (found.isPresent()) {
        // left by a run that stopped before cleaning up, or made for the stack as it was then
        stacks.deleteChangeSet(name, csName);
      }
      cs = stacks.createChangeSet(request(plan, csName, false));
    }
    try {
      if (cs.status() == ChangeSet.Status.FAILED) {
        throw Fault.failed("stack " + name + ": change set failed: " + cs.reason().orElse("no reason given"),
            "fix the template or parameters, then re-run");
      }
      // a change set that sees nothing to change on a stack that runs other parameters is not believed (see direct)
      boolean upToDate = cs.status() == ChangeSet.Status.NO_CHANGES && parametersAgree(current.get(), plan);
      return new Preview(name, false, upToDate, cs.changes(),
          upToDate ? List.of() : parameterChanges(current.get(), plan), upToDate ? current : Optional.empty());
    } finally {
      boolean kept = keep && cs.status() == ChangeSet.Status.READY;
      if (!kept && (cs.status() != ChangeSet.Status.NO_CHANGES || cs.reason().isPresent())) {
        stacks.deleteChangeSet(name, csName);
      }
    }
  }

  /** A stack that does not exist yet: every resource of the template is added. No call is made. */
  public static Preview newStack(StackPlan plan, StackTemplate template) {
    return new Preview(plan.stackName(), true, false, template.resources().entrySet().stream()
        .map(e -> new Stacks.ResourceChange(ChangeAction.ADD, e.getKey(), e.getValue(), Stacks.Replacement.NEVER))
        .toList(), List.of(), Optional.empty());
  }

  /** Removes the change set a {@code keep} preview left, when the deploy is not going ahead. */
  public void discard(Stacks stacks, StackPlan plan) {
    if (stacks.changeSet(plan.stackName(), changeSetName(plan)).isPresent()) {
      stacks.deleteChangeSet(plan.stackName(), changeSetName(plan));
    }
  }

  /**
   * The stack's parameters that the plan gives other values. A secret is compared only when the service shows its
   * deployed value (a {@code NoEcho} one it masks), and both values are shown masked.
   */
  static List<ParameterChange> parameterChanges(StackState deployed, StackPlan plan) {
    List<ParameterChange> out = new ArrayList<>();
    new java.util.TreeMap<>(plan.parameters()).forEach((key, value) -> {
      Optional<String> before = Optional.ofNullable(deployed.parameters().get(key));
      boolean secret = plan.secretParameters().contains(key);
      if (before.isPresent() && (before.get().equals(value) || secret && before.get().equals(MASK))) {
        return;
      }
      out.add(secret ? new ParameterChange(key, before.map(b -> MASK), MASK) : new ParameterChange(key, before, value));
    });
    return out;
  }

  /**
   * An update decided because the fingerprint tag disagrees is confirmed against the deployed template,
   * parameters and tags: a service may keep a stack's old tags on {@code ExecuteChangeSet} (moto does), and
   * then the tag alone would call a stack that is as planned outdated for good.
   */
  private static Decision confirmed(Stacks stacks, Decision decision, Optional<StackState> current, StackPlan plan,
      boolean force) {
    return decision == Decision.UPDATE && !force && current.isPresent() && current.get().status().standsAsTagged()
        && deployedAsPlanned(stacks, current.get(), plan) ? Decision.LEAVE : decision;
  }

  /**
   * Whether the stack stands as {@code plan} says: its fingerprint tag matches (one read, already made), or,
   * for a stack tenantctl tagged with another fingerprint, its deployed template, parameters and other tags
   * are the plan's (a second read). A stack without the tag was not deployed by tenantctl: a change set decides.
   * A secret parameter whose deployed value the service masks cannot be compared, so it counts as changed.
   */
  public static boolean deployedAsPlanned(Stacks stacks, StackState state, StackPlan plan) {
    String tag = state.tags().get(StackPlan.FINGERPRINT_TAG);
    if (tag == null) {
      return false;
    }
    if (!parametersAgree(state, plan)) {
      return false;
    }
    if (tag.equals(plan.fingerprint())) {
      return true;
    }
    Map<String, String> tags = new java.util.TreeMap<>(state.tags());
    tags.remove(StackPlan.FINGERPRINT_TAG);
    if (!tags.equals(new java.util.TreeMap<>(plan.tags()))) {
      return false;
    }
    Optional<Stacks.DeployedTemplate> deployed = stacks.template(plan.stackName());
    if (deployed.isEmpty() || !deployed.get().body().equals(plan.templateBody())) {
      return false;
    }
    for (var e : plan.parameters().entrySet()) {
      String was = deployed.get().parameters().get(e.getKey());
      if (!e.getValue().equals(was) || plan.secretParameters().contains(e.getKey()) && MASK.equals(was)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the parameters the stack's one read already returned are the plan's. A matching tag is not trusted
   * alone: a service that keeps a stack's old tags on {@code ExecuteChangeSet} (moto does) leaves the tag of an
   * earlier version on a stack that runs another, and a plan going back to that version would be called current.
   * A value the service masks ({@code NoEcho}) cannot be compared here; the tag speaks for it.
   */
  static boolean parametersAgree(StackState state, StackPlan plan) {
    for (var e : plan.parameters().entrySet()) {
      String was = state.parameters().get(e.getKey());
      if (!MASK.equals(was) && !e.getValue().equals(was)) {
        return false;
      }
    }
    return true;
  }

  private static String summary(ChangeSet cs) {
    long add = cs.changes().stream().filter(c -> c.action() == ChangeAction.ADD).count();
    long modify = cs.changes().stream().filter(c -> c.action() == ChangeAction.MODIFY).count();
    long remove = cs.changes().stream().filter(c -> c.action() == ChangeAction.REMOVE).count();
    return add + " to add, " + modify + " to modify, " + remove + " to remove";
  }

  /** Each resource's progress is shown as it happens: a stack can take many minutes. */
  /** A step of this stack's deploy, told about the tenant it belongs to. */
  private static void step(Progress progress, StackPlan plan, String message) {
    progress.step(plan.subject(), plan.stackName() + ": " + message);
  }

  private static void event(Progress progress, StackPlan plan, StackEvent e) {
    progress.on(new ProgressEvent.StackEvent(plan.subject(), plan.stackName(), e.logicalId(), e.resourceType(),
        String.valueOf(e.status()), e.reason()));
  }
}
