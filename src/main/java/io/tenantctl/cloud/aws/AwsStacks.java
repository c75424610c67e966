package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import static io.tenantctl.cloud.aws.AwsCalls.call;
import static io.tenantctl.cloud.aws.AwsCalls.run;

import io.tenantctl.cloud.Stacks;
import io.tenantctl.core.Polling;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * {@link Stacks} on the SDK's CloudFormation client, polling through {@link Polling}. Every stack operation
 * carries a {@code ClientRequestToken} derived from the operation and the stack's newest event before it, so
 * the SDK's retry of a call whose answer was lost is the same request, never a second operation.
 */
final class AwsStacks implements Stacks {
  private final CloudFormationClient client;
  private final Polling polling;
  private final Optional<java.time.Duration> stuckAfter;
  private final java.util.function.LongSupplier nanoTime;

  AwsStacks(CloudFormationClient client, AwsSettings settings) {
    this(client, settings, System::nanoTime);
  }

  /** @param nanoTime the clock a stack's stillness is measured on (the emulator's only) */
  AwsStacks(CloudFormationClient client, AwsSettings settings, java.util.function.LongSupplier nanoTime) {
    this.client = client;
    this.polling = new Polling(settings.pollDelay(), settings.pollDelay().multipliedBy(50), settings.pollTimeout());
    this.stuckAfter = settings.stuckAfter();
    this.nanoTime = nanoTime;
  }

  @Override
  public Optional<StackState> describe(String stackName) {
    return stack(stackName).map(AwsStacks::state);
  }

  private Optional<Stack> stack(String stackName) {
    try {
      return client.describeStacks(r -> r.stackName(stackName)).stacks().stream().findFirst();
    } catch (CloudFormationException e) {
      if (isMissing(e)) {
        return Optional.empty();
      }
      return call("CloudFormation DescribeStacks " + stackName, () -> {
        throw e;
      });
    }
  }

  @Override
  public Optional<StackState> awaitSettled(String stackName, Consumer<StackEvent> events) {
    Optional<Stack> now = stack(stackName);
    if (now.isEmpty() || !status(now.get()).inProgress()) {
      return now.map(AwsStacks::state);
    }
    // the operation under way was started by someone else (or an earlier run): its events from now on
    StackState settled = settle(now.get().stackId(), eventsSoFar(now.get().stackId()), events);
    return settled.status() == StackStatus.DELETE_COMPLETE ? Optional.empty() : Optional.of(settled);
  }

  @Override
  public StackState create(ChangeSetRequest req, Consumer<Stacks.StackEvent> events) {
    String id;
    try {
      id = createStack(req);
    } catch (CloudException e) {
      // AWS honours the request token on a retry; an endpoint that does not answers AlreadyExists: the first call
      // made the stack, which is described and followed like any stack in progress
      if (!"AlreadyExistsException".equals(e.errorCode())) {
        throw e;
      }
      id = stack(req.stackName()).map(Stack::stackId).orElseThrow(() -> e);
    }
    return settle(id, Set.of(), events);
  }

  private String createStack(ChangeSetRequest req) {
    return call("CloudFormation CreateStack " + req.stackName(), () -> client.createStack(r -> r
        .stackName(req.stackName())
        .templateBody(req.templateBody())
        .parameters(parameters(req.parameters()))
        .tags(tags(req.tags()))
        .capabilitiesWithStrings(req.capabilities())
        .enableTerminationProtection(true)
        .clientRequestToken(requestToken("create", req.changeSetName(), Set.of()))).stackId());
  }

  @Override
  public ChangeSet createChangeSet(ChangeSetRequest req) {
    String what = "CloudFormation CreateChangeSet " + req.stackName();
    try {
      client.createChangeSet(r -> r.stackName(req.stackName())
          .changeSetName(req.changeSetName())
          // the name is the plan's, so a retried call is the same change set, not a second one
          .clientToken(req.changeSetName())
          .changeSetType(req.newStack() ? ChangeSetType.CREATE : ChangeSetType.UPDATE)
          .templateBody(req.templateBody())
          .parameters(parameters(req.parameters()))
          .tags(tags(req.tags()))
          .capabilitiesWithStrings(req.capabilities()));
    } catch (CloudFormationException e) {
      // some endpoints refuse an empty change set outright instead of failing it
      if (isNoChanges(AwsCalls.message(e))) {
        return new ChangeSet(req.stackName(), req.changeSetName(), ChangeSet.Status.NO_CHANGES, List.of(), Optional.empty());
      }
      return call(what, () -> {
        throw e;
      });
    }
    return changeSet(req.stackName(), req.changeSetName())
        .orElseThrow(() -> new IllegalStateException(what + ": the change set vanished as it was made"));
  }

  @Override
  public Optional<ChangeSet> changeSet(String stackName, String changeSetName) {
    String what = "CloudFormation DescribeChangeSet " + stackName;
    DescribeChangeSetResponse settled;
    try {
      settled = polling.until(DescribeChangeSetResponse.class,
          () -> client.describeChangeSet(r -> r.stackName(stackName).changeSetName(changeSetName)),
          r -> r.status() != ChangeSetStatus.CREATE_PENDING && r.status() != ChangeSetStatus.CREATE_IN_PROGRESS,
          e -> false);
    } catch (CloudFormationException e) {
      if ("ChangeSetNotFound".equals(AwsCalls.errorCode(e)) || isMissing(e)) {
        return Optional.empty();
      }
      return call(what, () -> {
        throw e;
      });
    }
    if (settled.status() == ChangeSetStatus.FAILED) {
      String reason = Optional.ofNullable(settled.statusReason()).orElse("unknown reason");
      var status = isNoChanges(reason) ? ChangeSet.Status.NO_CHANGES : ChangeSet.Status.FAILED;
      return Optional.of(new ChangeSet(stackName, changeSetName, status, List.of(), Optional.of(reason)));
    }
    if (settled.executionStatus() != null && settled.executionStatus() != ExecutionStatus.AVAILABLE
        && settled.executionStatus() != ExecutionStatus.UNKNOWN_TO_SDK_VERSION) {
      // e.g. OBSOLETE: the stack changed after the change set was made
      return Optional.of(new ChangeSet(stackName, changeSetName, ChangeSet.Status.FAILED, List.of(),
          Optional.of("the change set is " + settled.executionStatusAsString())));
    }
    List<ResourceChange> changes = new ArrayList<>();
    DescribeChangeSetResponse page = settled;
    while (true) {
      page.changes().forEach(c -> {
        var rc = c.resourceChange();
        if (rc != null) {
          changes.add(new ResourceChange(action(rc.actionAsString()), rc.logicalResourceId(), rc.resourceType(),
              replacement(rc.replacementAsString())));
        }
      });
      String token = page.nextToken();
      if (token == null) {
        break;
      }
      page = call(what, () -> client.describeChangeSet(
          r -> r.stackName(stackName).changeSetName(changeSetName).nextToken(token)));
    }
    return Optional.of(new ChangeSet(stackName, changeSetName, ChangeSet.Status.READY, changes, Optional.empty()));
  }

  @Override
  public void deleteChangeSet(String stackName, String changeSetName) {
    run("CloudFormation DeleteChangeSet " + stackName,
        () -> client.deleteChangeSet(r -> r.stackName(stackName).changeSetName(changeSetName)));
  }

  @Override
  public StackState executeChangeSet(String stackName, String changeSetName, Consumer<StackEvent> events) {
    Set<String> before = eventsSoFar(stackName);
    run("CloudFormation ExecuteChangeSet " + stackName, () -> client.executeChangeSet(r -> r.stackName(stackName)
        .changeSetName(changeSetName).clientRequestToken(requestToken("execute", changeSetName, before))));
    return settle(stackName, before, events);
  }

  @Override
  public StackState update(ChangeSetRequest req, Consumer<StackEvent> events) {
    Set<String> before = eventsSoFar(req.stackName());
    run("CloudFormation UpdateStack " + req.stackName(), () -> client.updateStack(r -> r.stackName(req.stackName())
        .templateBody(req.templateBody())
        .parameters(parameters(req.parameters()))
        .tags(tags(req.tags()))
        .capabilitiesWithStrings(req.capabilities())
        .clientRequestToken(requestToken("update", req.changeSetName(), before))));
    return settle(req.stackName(), before, events);
  }

  @Override
  public StackState continueUpdateRollback(String stackName, Consumer<StackEvent> events) {
    Set<String> before = eventsSoFar(stackName);
    run("CloudFormation ContinueUpdateRollback " + stackName, () -> client.continueUpdateRollback(r -> r
        .stackName(stackName).clientRequestToken(requestToken("continue-rollback", stackName, before))));
    return settle(stackName, before, events);
  }

  @Override
  public void delete(String stackName, Consumer<StackEvent> events) {
    var stackId = describe(stackName).map(StackState::id);
    if (stackId.isEmpty()) {
      return;
    }
    Set<String> before = eventsSoFar(stackId.get());
    run("CloudFormation DeleteStack " + stackName, () -> client.deleteStack(r -> r.stackName(stackId.get())
        .clientRequestToken(requestToken("delete", stackId.get(), before))));
    // by id: a deleted stack is found by its id only
    settle(stackId.get(), before, events);
  }

  @Override
  public List<StackResource> resources(String stackName) {
    var stack = stack(stackName);
    if (stack.isEmpty()) {
      return List.of();
    }
    return call("CloudFormation ListStackResources " + stackName, () -> client.listStackResourcesPaginator(
        r -> r.stackName(stack.get().stackId())).stream().flatMap(p -> p.stackResourceSummaries().stream())
        .map(r -> new StackResource(r.logicalResourceId(), r.physicalResourceId() == null ? ""
            : r.physicalResourceId(), r.resourceType(), r.resourceStatusAsString()))
        .toList());
  }

  @Override
  public void protect(String stackName, boolean on) {
    run("CloudFormation UpdateTerminationProtection " + stackName,
        () -> client.updateTerminationProtection(r -> r.stackName(stackName).enableTerminationProtection(on)));
  }

  @Override
  public Optional<DeployedTemplate> template(String stackName) {
    Optional<Stack> stack = stack(stackName);
    if (stack.isEmpty()) {
      return Optional.empty();
    }
    StackState state = state(stack.get());
    if (state.status() == StackStatus.REVIEW_IN_PROGRESS) {
      // made by a change set never executed: no template is deployed, and GetTemplate has none to give
      return Optional.of(new DeployedTemplate(stackName, "", state.parameters(), state.status()));
    }
    // by id, so the template is the one of the stack just described
    String body = call("CloudFormation GetTemplate " + stackName, () -> client.getTemplate(r -> r
        .stackName(stack.get().stackId()).templateStage(TemplateStage.ORIGINAL)).templateBody());
    return Optional.of(new DeployedTemplate(stackName, body, state.parameters(), state.status()));
  }

  /** Polls until the stack leaves every *_IN_PROGRESS state, passing on the events not in {@code before}. */
  private StackState settle(String stackName, Set<String> before, Consumer<StackEvent> events) {
    Set<String> seen = new HashSet<>(before);
    Stillness still = new Stillness();
    Stack done = polling.until(Stack.class, () -> call("CloudFormation DescribeStacks " + stackName, () -> {
      boolean moved = emitNew(stackName, seen, events);
      Stack now = client.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
      still.check(now, moved);
      return now;
    }), s -> !status(s).inProgress(), e -> false);
    emitNew(stackName, seen, events);
    return state(done);
  }

  /** The ids of the stack's recent events: the operation about to start is known by the events not among them. */
  private Set<String> eventsSoFar(String stackName) {
    return call("CloudFormation DescribeStackEvents " + stackName, () -> client.describeStackEvents(
        r -> r.stackName(stackName)).stackEvents().stream().map(e -> e.eventId())
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
  }

  /**
   * On the local emulator, a stack whose {@code CreateStack} failed can stay {@code CREATE_IN_PROGRESS} for good, and
   * a run would wait on it until its timeout: there, a stack in progress whose status has not changed and that has
   * had no new event for {@code stuckAfter} is taken for failed. Never on AWS, where operations take what they take.
   */
  private final class Stillness {
    private String status = "";
    private long since = nanoTime.getAsLong();

    void check(Stack stack, boolean moved) {
      if (stuckAfter.isEmpty() || !status(stack).inProgress()) {
        return;
      }
      long now = nanoTime.getAsLong();
      if (moved || !stack.stackStatusAsString().equals(status)) {
        status = stack.stackStatusAsString();
        since = now;
        return;
      }
      java.time.Duration still = java.time.Duration.ofNanos(now - since);
      if (still.compareTo(stuckAfter.get()) >= 0) {
        throw new CloudException("EmulatorStackStuck", "stack " + stack.stackName() + " has stayed " + status + " for "
            + still.toSeconds() + " s with no new event: taken for failed, as the local emulator (moto) can leave a"
            + " stack whose operation failed in progress for good (AWS would finish or roll it back)",
            "delete the stack on the emulator (or restart it: `tenantctl emulator stop`, then run again), then run"
                + " again", null);
      }
    }
  }

  /** Passed on oldest first, whichever order the service lists them in; whether there was any. */
  private boolean emitNew(String stackName, Set<String> seen, Consumer<StackEvent> events) {
    List<software.amazon.awssdk.services.cloudformation.model.StackEvent> fresh = new ArrayList<>();
    for (var e : client.describeStackEvents(r -> r.stackName(stackName)).stackEvents()) {
      if (seen.add(e.eventId())) {
        fresh.add(e);
      }
    }
    fresh.sort(java.util.Comparator.comparing(e -> e.timestamp() == null ? java.time.Instant.EPOCH : e.timestamp()));
    for (var e : fresh) {
      events.accept(new Stacks.StackEvent(e.logicalResourceId(), e.resourceType(), e.resourceStatusAsString(),
          Optional.ofNullable(e.resourceStatusReason())));
    }
    return !fresh.isEmpty();
  }

  /**
   * The same for a retry of one call, different for the next operation on the stack (its events have moved
   * on). CloudFormation allows {@code [a-zA-Z0-9][-a-zA-Z0-9]*}, at most 128 characters.
   */
  static String requestToken(String operation, String subject, Set<String> eventsSoFar) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update(subject.getBytes(StandardCharsets.UTF_8));
      for (String id : new java.util.TreeSet<>(eventsSoFar)) {
        sha.update((byte) 0);
        sha.update(id.getBytes(StandardCharsets.UTF_8));
      }
      return "tenantctl-" + operation + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Parameter> parameters(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  static StackStatus status(Stack s) {
    return StackStatus.of(s.stackStatusAsString());
  }

  static ChangeAction action(String action) {
    for (ChangeAction a : ChangeAction.values()) {
      if (a.label().equals(action)) {
        return a;
      }
    }
    // an action this version does not know: shown as a change of unknown extent
    return ChangeAction.DYNAMIC;
  }

  static Replacement replacement(String replacement) {
    if (replacement == null || replacement.equals("False")) {
      return Replacement.NEVER;
    }
    // an unknown answer is shown as a possible replacement, never hidden
    return replacement.equals("True") ? Replacement.ALWAYS : Replacement.CONDITIONAL;
  }

  private static StackState state(Stack s) {
    Map<String, String> params = new LinkedHashMap<>();
    s.parameters().forEach(p -> params.put(p.parameterKey(), p.parameterValue()));
    Map<String, String> tags = new LinkedHashMap<>();
    s.tags().forEach(t -> tags.put(t.key(), t.value()));
    Map<String, String> outputs = new LinkedHashMap<>();
    s.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    return new StackState(s.stackName(), s.stackId(), status(s), Optional.ofNullable(s.stackStatusReason()),
        params, tags, outputs);
  }

  private static boolean isMissing(CloudFormationException e) {
    return e.statusCode() == 400 && String.valueOf(e.getMessage()).contains("does not exist");
  }

  static boolean isNoChanges(String reason) {
    return reason.contains("didn't contain changes") || reason.contains("No updates are to be performed");
  }

  void close() {
    client.close();
  }
}
