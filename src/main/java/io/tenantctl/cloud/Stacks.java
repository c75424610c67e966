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
   * Waits while the stack is {@link StackStatus#inProgress() in progress} (an operation someone else, or an
   * earlier run, started), passing on its events; empty when it is gone (a delete finished).
   */
  Optional<StackState> awaitSettled(String stackName, Consumer<StackEvent> events);

  /**
   * Creates a new stack with termination protection on from the start, and waits for it to settle,
   * passing on its events as they come.
   */
  StackState create(ChangeSetRequest request, Consumer<StackEvent> events);

  /** Creates a change set and waits until it is ready (or has failed, e.g. for "no changes"). */
  ChangeSet createChangeSet(ChangeSetRequest request);

  /** The change set as it stands (waiting while it is being made), or empty when there is none of that name. */
  Optional<ChangeSet> changeSet(String stackName, String changeSetName);

  void deleteChangeSet(String stackName, String changeSetName);

  /** Executes the change set and waits for the stack to settle, passing on its events as they come. */
  StackState executeChangeSet(String stackName, String changeSetName, Consumer<StackEvent> events);

  /**
   * Updates the stack directly ({@code UpdateStack}) and waits for it to settle: only for a service whose change set
   * says "no changes" while its own {@code DescribeStacks} shows other parameters (moto judges a change set against
   * the parameters the stack was created with).
   */
  StackState update(ChangeSetRequest request, Consumer<StackEvent> events);

  /** Continues the rollback of a stack in {@code UPDATE_ROLLBACK_FAILED} and waits for it to settle. */
  StackState continueUpdateRollback(String stackName, Consumer<StackEvent> events);

  /** Deletes the stack and waits until it is gone. */
  void delete(String stackName, Consumer<StackEvent> events);

  void protect(String stackName, boolean terminationProtection);

  /**
   * The template and parameter values the stack was last deployed with, to put it back later; empty when
   * there is no such stack. A {@code NoEcho} parameter's value comes back masked, as CloudFormation shows it.
   */
  Optional<DeployedTemplate> template(String stackName);

  /**
   * The stack's resources with their physical ids, as {@code ListStackResources} gives them: what a delete must
   * leave nothing of. Empty when there is no such stack.
   */
  List<StackResource> resources(String stackName);

  /** One resource a stack made. */
  record StackResource(String logicalId, String physicalId, String type, String status) {}

  /** A stack as it stands. */
  record StackState(
      String name,
      String id,
      StackStatus status,
      Optional<String> statusReason,
      Map<String, String> parameters,
      Map<String, String> tags,
      Map<String, String> outputs) {}

  /**
   * A stack's template and parameters as deployed, and its status: a stack {@link StackStatus#leftEmpty() left
   * empty} has nothing deployed (its body is empty when it waits for a change set, REVIEW_IN_PROGRESS).
   */
  record DeployedTemplate(String stackName, String body, Map<String, String> parameters, StackStatus status) {
    public DeployedTemplate {
      parameters = Map.copyOf(parameters);
    }
  }

  record ChangeSetRequest(
      String stackName,
      String changeSetName,
      boolean newStack,
      String templateBody,
      Map<String, String> parameters,
      Map<String, String> tags,
      Set<String> capabilities) {}

  /** A change set once settled: {@code READY} to execute, {@code NO_CHANGES}, or {@code FAILED} (or no longer executable). */
  record ChangeSet(String stackName, String name, Status status, List<ResourceChange> changes, Optional<String> reason) {
    public enum Status { READY, NO_CHANGES, FAILED }
  }

  record ResourceChange(ChangeAction action, String logicalId, String resourceType, Replacement replacement) {}

  /** What a change set does to one resource. */
  enum ChangeAction {
    ADD("Add"), MODIFY("Modify"), REMOVE("Remove"), IMPORT("Import"), DYNAMIC("Dynamic");

    private final String label;

    ChangeAction(String label) {
      this.label = label;
    }

    /** CloudFormation's word for it, as operators know it from the console. */
    public String label() {
      return label;
    }
  }

  /** Whether a modified resource is deleted and made anew. */
  enum Replacement {
    NEVER("False"), ALWAYS("True"), CONDITIONAL("Conditional");

    private final String label;

    Replacement(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One event of a resource (or of the stack itself); {@code status} is the resource's, e.g. {@code CREATE_FAILED}. */
  record StackEvent(String logicalId, String resourceType, String status, Optional<String> reason) {
    public boolean failed() {
      return status.endsWith("_FAILED");
    }
  }

  /** Every stack status CloudFormation has, and {@link #UNKNOWN} for one this version does not know. */
  enum StackStatus {
    CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
    ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE,
    DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE,
    UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_COMPLETE, UPDATE_FAILED,
    UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_FAILED, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS,
    UPDATE_ROLLBACK_COMPLETE,
    REVIEW_IN_PROGRESS,
    IMPORT_IN_PROGRESS, IMPORT_COMPLETE, IMPORT_ROLLBACK_IN_PROGRESS, IMPORT_ROLLBACK_FAILED,
    IMPORT_ROLLBACK_COMPLETE,
    /** A status newer than this version: treated as one that needs a person to look. */
    UNKNOWN;

    /** CloudFormation is working on the stack; it will settle by itself. */
    public boolean inProgress() {
      // REVIEW_IN_PROGRESS waits for someone to execute a change set: it never settles by itself
      return name().endsWith("_IN_PROGRESS") && this != REVIEW_IN_PROGRESS;
    }

    /** The last operation on the stack succeeded. */
    public boolean succeeded() {
      return this == CREATE_COMPLETE || this == UPDATE_COMPLETE || this == IMPORT_COMPLETE;
    }

    /** The stack stands as its tags say: complete, or rolled back to the previous template and tags. */
    public boolean standsAsTagged() {
      return succeeded() || this == UPDATE_ROLLBACK_COMPLETE;
    }

    /** A failed first create or a never-executed change set left a stack with no resources worth keeping. */
    public boolean leftEmpty() {
      return this == ROLLBACK_COMPLETE || this == REVIEW_IN_PROGRESS;
    }

    /** CloudFormation's name, or UNKNOWN. */
    public static StackStatus of(String name) {
      for (StackStatus s : values()) {
        if (s.name().equals(name)) {
          return s;
        }
      }
      return UNKNOWN;
    }
  }
}
