package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.Stacks.ChangeSetRequest;
import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.Stacks.StackState;
import io.tenantctl.cloud.Stacks.StackStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One stack's state. Guarded by the lock of the {@link StackStore} that holds it. */
final class SimStack {
  final String name;
  final String id;
  final String accountId;
  final String region;
  StackStatus status;
  /** Polls until an in-progress status set up by a test settles by itself; 0 when an operation of the simulation runs it. */
  int settlesAfterPolls;
  Optional<String> reason = Optional.empty();
  String templateBody = "";
  SimTemplate template = SimTemplate.EMPTY;
  Map<String, String> parameters = Map.of();
  Map<String, String> tags = Map.of();
  Map<String, String> outputs = Map.of();
  /** The template and parameters of the stack's first create, by which moto judges a change set. */
  String createdBody;
  Map<String, String> createdParameters;
  boolean terminationProtection;
  boolean deleted;
  final Set<String> liveResources = new LinkedHashSet<>();
  final Map<String, PendingChangeSet> changeSets = new LinkedHashMap<>();
  final List<StackEvent> events = new ArrayList<>();

  /** A change set made and not yet executed or deleted; a FAILED one can only be deleted. */
  record PendingChangeSet(String name, boolean create, ChangeSetRequest request, SimTemplate template,
      List<ResourceChange> changes, boolean failed) {}

  /** What a stack was before an update, to roll back to. */
  record Snapshot(String templateBody, SimTemplate template, Map<String, String> parameters,
      Map<String, String> tags, Map<String, String> outputs) {}

  SimStack(String name, String id, String accountId, String region, StackStatus status) {
    this.name = name;
    this.id = id;
    this.accountId = accountId;
    this.region = region;
    this.status = status;
  }

  void apply(String body, SimTemplate parsed, Map<String, String> params, Map<String, String> newTags) {
    templateBody = body;
    template = parsed;
    parameters = Map.copyOf(params);
    tags = Map.copyOf(newTags);
    if (createdBody == null) {
      createdBody = body;
      createdParameters = parameters;
    }
  }

  Snapshot snapshot() {
    return new Snapshot(templateBody, template, parameters, tags, outputs);
  }

  void restore(Snapshot s) {
    apply(s.templateBody(), s.template(), s.parameters(), s.tags());
    outputs = s.outputs();
  }

  void publishOutputs() {
    Map<String, String> out = new LinkedHashMap<>();
    template.outputs().forEach(k -> out.put(k, "arn:aws:sim:" + region + ":" + accountId + ":" + name + "/" + k));
    outputs = out;
  }

  boolean busy() {
    return status.inProgress();
  }

  /** Where an in-progress status ends when nothing fails; empty for a delete, which ends with the stack gone. */
  static Optional<StackStatus> settlesAs(StackStatus status) {
    return switch (status) {
      case CREATE_IN_PROGRESS -> Optional.of(StackStatus.CREATE_COMPLETE);
      case ROLLBACK_IN_PROGRESS -> Optional.of(StackStatus.ROLLBACK_COMPLETE);
      case UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS -> Optional.of(StackStatus.UPDATE_COMPLETE);
      case UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS ->
          Optional.of(StackStatus.UPDATE_ROLLBACK_COMPLETE);
      case IMPORT_IN_PROGRESS -> Optional.of(StackStatus.IMPORT_COMPLETE);
      case IMPORT_ROLLBACK_IN_PROGRESS -> Optional.of(StackStatus.IMPORT_ROLLBACK_COMPLETE);
      case DELETE_IN_PROGRESS -> Optional.empty();
      default -> throw new IllegalArgumentException(status + " is not in progress");
    };
  }

  StackState state() {
    return new StackState(name, id, status, reason, new LinkedHashMap<>(parameters), new LinkedHashMap<>(tags),
        new LinkedHashMap<>(outputs));
  }
}
