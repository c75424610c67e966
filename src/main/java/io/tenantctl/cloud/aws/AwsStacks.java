package io.tenantctl.cloud.aws;

import static io.tenantctl.cloud.aws.AwsCalls.call;
import static io.tenantctl.cloud.aws.AwsCalls.run;

import io.tenantctl.cloud.Stacks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** {@link Stacks} on the SDK's CloudFormation client. Polls through the SDK's generic {@link Waiter}. */
final class AwsStacks implements Stacks {
  private final CloudFormationClient client;
  private final WaiterOverrideConfiguration polling;

  AwsStacks(CloudFormationClient client, AwsSettings settings) {
    this.client = client;
    this.polling = WaiterOverrideConfiguration.builder()
        .backoffStrategyV2(BackoffStrategy.exponentialDelay(settings.pollDelay(), settings.pollDelay().multipliedBy(50)))
        .waitTimeout(settings.pollTimeout())
        .maxAttempts(Integer.MAX_VALUE)
        .build();
  }

  @Override
  public Optional<StackState> describe(String stackName) {
    try {
      return client.describeStacks(r -> r.stackName(stackName)).stacks().stream().findFirst().map(AwsStacks::state);
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
  public StackState create(ChangeSetRequest req, Consumer<Stacks.StackEvent> events) {
    Instant start = Instant.now().minusSeconds(5);
    String id = call("CloudFormation CreateStack " + req.stackName(), () -> client.createStack(r -> r
        .stackName(req.stackName())
        .templateBody(req.templateBody())
        .parameters(parameters(req.parameters()))
        .tags(tags(req.tags()))
        .capabilitiesWithStrings(req.capabilities())
        .enableTerminationProtection(true)).stackId());
    return settle(id, start, events);
  }

  @Override
  public ChangeSet createChangeSet(ChangeSetRequest req) {
    String what = "CloudFormation CreateChangeSet " + req.stackName();
    try {
      client.createChangeSet(r -> r.stackName(req.stackName())
          .changeSetName(req.changeSetName())
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
    DescribeChangeSetResponse settled = poll("CloudFormation DescribeChangeSet " + req.stackName(),
        DescribeChangeSetResponse.class,
        () -> client.describeChangeSet(r -> r.stackName(req.stackName()).changeSetName(req.changeSetName())),
        r -> r.status() != ChangeSetStatus.CREATE_PENDING && r.status() != ChangeSetStatus.CREATE_IN_PROGRESS);
    if (settled.status() == ChangeSetStatus.FAILED) {
      String reason = Optional.ofNullable(settled.statusReason()).orElse("unknown reason");
      var status = isNoChanges(reason) ? ChangeSet.Status.NO_CHANGES : ChangeSet.Status.FAILED;
      return new ChangeSet(req.stackName(), req.changeSetName(), status, List.of(), Optional.of(reason));
    }
    List<ResourceChange> changes = new ArrayList<>();
    String token = null;
    DescribeChangeSetResponse page = settled;
    while (true) {
      page.changes().forEach(c -> {
        var rc = c.resourceChange();
        if (rc != null) {
          changes.add(new ResourceChange(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(),
              Optional.ofNullable(rc.replacementAsString()).orElse("False")));
        }
      });
      token = page.nextToken();
      if (token == null) {
        break;
      }
      String next = token;
      page = call("CloudFormation DescribeChangeSet", () -> client.describeChangeSet(
          r -> r.stackName(req.stackName()).changeSetName(req.changeSetName()).nextToken(next)));
    }
    return new ChangeSet(req.stackName(), req.changeSetName(), ChangeSet.Status.READY, changes, Optional.empty());
  }

  @Override
  public void deleteChangeSet(String stackName, String changeSetName) {
    run("CloudFormation DeleteChangeSet " + stackName,
        () -> client.deleteChangeSet(r -> r.stackName(stackName).changeSetName(changeSetName)));
  }

  @Override
  public StackState executeChangeSet(String stackName, String changeSetName, Consumer<StackEvent> events) {
    Instant start = Instant.now().minusSeconds(5);
    run("CloudFormation ExecuteChangeSet " + stackName,
        () -> client.executeChangeSet(r -> r.stackName(stackName).changeSetName(changeSetName)));
    return settle(stackName, start, events);
  }

  @Override
  public StackState continueUpdateRollback(String stackName, Consumer<StackEvent> events) {
    Instant start = Instant.now().minusSeconds(5);
    run("CloudFormation ContinueUpdateRollback " + stackName,
        () -> client.continueUpdateRollback(r -> r.stackName(stackName)));
    return settle(stackName, start, events);
  }

  @Override
  public void delete(String stackName, Consumer<StackEvent> events) {
    Instant start = Instant.now().minusSeconds(5);
    run("CloudFormation DeleteStack " + stackName, () -> client.deleteStack(r -> r.stackName(stackName)));
    var stackId = describe(stackName).map(StackState::id).orElse(null);
    if (stackId != null) {
      settle(stackId, start, events);
    }
  }

  @Override
  public void protect(String stackName, boolean on) {
    run("CloudFormation UpdateTerminationProtection " + stackName,
        () -> client.updateTerminationProtection(r -> r.stackName(stackName).enableTerminationProtection(on)));
  }

  /** Polls until the stack leaves every *_IN_PROGRESS state, passing on new events each poll. */
  private StackState settle(String stackName, Instant since, Consumer<StackEvent> events) {
    Set<String> seen = new HashSet<>();
    Stack done = poll("CloudFormation DescribeStacks " + stackName, Stack.class, () -> {
      emitNew(stackName, since, seen, events);
      return client.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
    }, s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    emitNew(stackName, since, seen, events);
    return state(done);
  }

  private void emitNew(String stackName, Instant since, Set<String> seen, Consumer<StackEvent> events) {
    List<software.amazon.awssdk.services.cloudformation.model.StackEvent> fresh = new ArrayList<>();
    for (var e : client.describeStackEvents(r -> r.stackName(stackName)).stackEvents()) {
      if (e.timestamp() != null && e.timestamp().isBefore(since)) {
        break;
      }
      if (seen.add(e.eventId())) {
        fresh.add(e);
      }
    }
    for (int i = fresh.size() - 1; i >= 0; i--) {
      var e = fresh.get(i);
      events.accept(new Stacks.StackEvent(e.logicalResourceId(), e.resourceType(), e.resourceStatusAsString(),
          Optional.ofNullable(e.resourceStatusReason())));
    }
  }

  private <T> T poll(String what, Class<T> type, Supplier<T> call, java.util.function.Predicate<T> settled) {
    Waiter<T> waiter = Waiter.builder(type)
        .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(settled))
        .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
        .overrideConfiguration(polling)
        .build();
    return call(what, () -> waiter.run(call).matched().response()
        .orElseThrow(() -> new IllegalStateException(what + " ended without a response")));
  }

  private static List<Parameter> parameters(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static StackState state(Stack s) {
    Map<String, String> params = new LinkedHashMap<>();
    s.parameters().forEach(p -> params.put(p.parameterKey(), p.parameterValue()));
    Map<String, String> tags = new LinkedHashMap<>();
    s.tags().forEach(t -> tags.put(t.key(), t.value()));
    Map<String, String> outputs = new LinkedHashMap<>();
    s.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    return new StackState(s.stackName(), s.stackId(), s.stackStatusAsString(), Optional.ofNullable(s.stackStatusReason()),
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
