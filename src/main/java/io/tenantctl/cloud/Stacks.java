package io.tenantctl.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** CloudFormation in one account and region. Calls that start work return when it has settled. */
public interface Stacks {

  Optional<StackState> describe(String stackName);

  /**
   * Creates a new stack with termination protection on from the start, and waits for it to settle,
   * passing on its events as they come.
   */
  StackState create(ChangeSetRequest request, Consumer<StackEvent> events);

  /** Creates a change set and waits until it is ready (or has failed, e.g. for "no changes"). */
  ChangeSet createChangeSet(ChangeSetRequest request);

  void deleteChangeSet(String stackName, String changeSetName);

  /** Executes the change set and waits for the stack to settle, passing on its events as they come. */
  StackState executeChangeSet(String stackName, String changeSetName, Consumer<StackEvent> events);

  /** Continues the rollback of a stack in {@code UPDATE_ROLLBACK_FAILED} and waits for it to settle. */
  StackState continueUpdateRollback(String stackName, Consumer<StackEvent> events);

  /** Deletes the stack and waits until it is gone. */
  void delete(String stackName, Consumer<StackEvent> events);

  void protect(String stackName, boolean terminationProtection);

  /** A stack as it stands. {@code status} is CloudFormation's, e.g. {@code CREATE_COMPLETE}. */
  record StackState(
      String name,
      String id,
      String status,
      Optional<String> statusReason,
      Map<String, String> parameters,
      Map<String, String> tags,
      Map<String, String> outputs) {}

  record ChangeSetRequest(
      String stackName,
      String changeSetName,
      boolean newStack,
      String templateBody,
      Map<String, String> parameters,
      Map<String, String> tags,
      Set<String> capabilities) {}

  /** A change set once settled: {@code READY} to execute, {@code NO_CHANGES}, or {@code FAILED}. */
  record ChangeSet(String stackName, String name, Status status, List<ResourceChange> changes, Optional<String> reason) {
    public enum Status { READY, NO_CHANGES, FAILED }
  }

  /** {@code action} is Add, Modify, Remove, Import or Dynamic; {@code replacement} True, False or Conditional. */
  record ResourceChange(String action, String logicalId, String resourceType, String replacement) {}

  record StackEvent(String logicalId, String resourceType, String status, Optional<String> reason) {}
}
