package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.cloud.Stacks.StackEvent;
import io.tenantctl.cloud.Stacks.StackStatus;
import io.tenantctl.cloud.Stacks.ChangeAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One stack operation played out the way CloudFormation plays it: stack and resource events, failures from
 * the configuration, and the rollback they cause. Events go to the caller outside the store's lock.
 */
final class StackRun {
  private static final String STACK_TYPE = "AWS::CloudFormation::Stack";
  private final StackStore store;
  private final SimConfig config;
  private final SimStack stack;
  private final Consumer<StackEvent> events;

  StackRun(StackStore store, SimConfig config, SimStack stack, Consumer<StackEvent> events) {
    this.store = store;
    this.config = config;
    this.stack = stack;
    this.events = events;
  }

  /** From CREATE_IN_PROGRESS to CREATE_COMPLETE, or through a rollback to ROLLBACK_COMPLETE. */
  void create() {
    status(StackStatus.CREATE_IN_PROGRESS, "User Initiated");
    List<SimTemplate.Resource> made = new ArrayList<>();
    for (SimTemplate.Resource r : stack.template.resources().values()) {
      if (!step(r.logicalId(), r.type(), "CREATE")) {
        status(StackStatus.ROLLBACK_IN_PROGRESS, "The following resource(s) failed to create: [" + r.logicalId()
            + "]. Rollback requested by user.");
        for (int i = made.size() - 1; i >= 0; i--) {
          remove(made.get(i).logicalId(), made.get(i).type());
        }
        resource(r.logicalId(), r.type(), "DELETE_COMPLETE", null);
        status(StackStatus.ROLLBACK_COMPLETE, null);
        return;
      }
      made.add(r);
      live(r.logicalId(), true);
    }
    synchronized (store) {
      stack.publishOutputs();
    }
    status(StackStatus.CREATE_COMPLETE, null);
  }

  /** Applies {@code changes}; a failure rolls back to {@code before}, or ends UPDATE_ROLLBACK_FAILED. */
  void update(SimStack.Snapshot before, List<ResourceChange> changes) {
    status(StackStatus.UPDATE_IN_PROGRESS, "User Initiated");
    List<ResourceChange> done = new ArrayList<>();
    for (ResourceChange c : changes) {
      if (c.action() == ChangeAction.REMOVE) {
        continue;
      }
      boolean add = c.action() == ChangeAction.ADD;
      if (!step(c.logicalId(), c.resourceType(), add ? "CREATE" : "UPDATE")) {
        status(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, "The following resource(s) failed to " + (add ? "create" : "update")
            + ": [" + c.logicalId() + "].");
        done.add(c);
        rollBack(before, done);
        return;
      }
      done.add(c);
      live(c.logicalId(), true);
    }
    status(StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, null);
    changes.stream().filter(c -> c.action() == ChangeAction.REMOVE).forEach(c -> remove(c.logicalId(), c.resourceType()));
    synchronized (store) {
      stack.publishOutputs();
    }
    status(StackStatus.UPDATE_COMPLETE, null);
  }

  /** DELETE_IN_PROGRESS, each live resource deleted in reverse order, then gone. */
  void delete() {
    status(StackStatus.DELETE_IN_PROGRESS, "User Initiated");
    List<String> ids;
    synchronized (store) {
      ids = new ArrayList<>(stack.liveResources);
    }
    for (int i = ids.size() - 1; i >= 0; i--) {
      var r = stack.template.resources().get(ids.get(i));
      String type = r == null ? "AWS::CloudFormation::CustomResource" : r.type();
      var failure = config.deleteFailure(stack.name, ids.get(i));
      if (failure.isPresent()) {
        // as AWS: the resource stays, the stack is left DELETE_FAILED
        resource(ids.get(i), type, "DELETE_FAILED", failure.get());
        status(StackStatus.DELETE_FAILED, "The following resource(s) failed to delete: [" + ids.get(i) + "].");
        return;
      }
      remove(ids.get(i), type);
    }
    status(StackStatus.DELETE_COMPLETE, null);
    store.remove(stack);
  }

  /** ContinueUpdateRollback: fails again while a configured rollback failure stands, else completes. */
  void continueRollback() {
    status(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, null);
    List<String> live;
    synchronized (store) {
      live = List.copyOf(stack.liveResources);
    }
    for (String id : live) {
      var failure = config.rollbackFailure(stack.name, id);
      if (failure.isPresent()) {
        var r = stack.template.resources().get(id);
        resource(id, r == null ? "AWS::CloudFormation::CustomResource" : r.type(), "UPDATE_FAILED",
            failure.get().reason());
        status(StackStatus.UPDATE_ROLLBACK_FAILED, "The following resource(s) failed to update: [" + id + "].");
        return;
      }
    }
    status(StackStatus.UPDATE_ROLLBACK_COMPLETE, null);
  }

  private void rollBack(SimStack.Snapshot before, List<ResourceChange> done) {
    for (int i = done.size() - 1; i >= 0; i--) {
      ResourceChange c = done.get(i);
      if (c.action() == ChangeAction.ADD) {
        continue;
      }
      resource(c.logicalId(), c.resourceType(), "UPDATE_IN_PROGRESS", null);
      var failure = config.rollbackFailure(stack.name, c.logicalId());
      if (failure.isPresent()) {
        resource(c.logicalId(), c.resourceType(), "UPDATE_FAILED", failure.get().reason());
        synchronized (store) {
          stack.restore(before);
        }
        status(StackStatus.UPDATE_ROLLBACK_FAILED, "The following resource(s) failed to update: [" + c.logicalId() + "].");
        return;
      }
      resource(c.logicalId(), c.resourceType(), "UPDATE_COMPLETE", null);
    }
    status(StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, null);
    for (int i = done.size() - 1; i >= 0; i--) {
      if (done.get(i).action() == ChangeAction.ADD) {
        remove(done.get(i).logicalId(), done.get(i).resourceType());
      }
    }
    synchronized (store) {
      stack.restore(before);
    }
    status(StackStatus.UPDATE_ROLLBACK_COMPLETE, null);
  }

  /** One resource's {@code verb}: IN_PROGRESS, then COMPLETE or FAILED as configured. */
  private boolean step(String logicalId, String type, String verb) {
    resource(logicalId, type, verb + "_IN_PROGRESS", null);
    var failure = config.resourceFailure(stack.name, logicalId);
    if (failure.isPresent()) {
      resource(logicalId, type, verb + "_FAILED", failure.get().reason());
      return false;
    }
    resource(logicalId, type, verb + "_COMPLETE", null);
    return true;
  }

  private void remove(String logicalId, String type) {
    resource(logicalId, type, "DELETE_IN_PROGRESS", null);
    resource(logicalId, type, "DELETE_COMPLETE", null);
    live(logicalId, false);
  }

  private void live(String logicalId, boolean on) {
    synchronized (store) {
      if (on) {
        stack.liveResources.add(logicalId);
      } else {
        stack.liveResources.remove(logicalId);
      }
    }
  }

  private void status(StackStatus status, String reason) {
    synchronized (store) {
      stack.status = status;
      stack.reason = Optional.ofNullable(reason);
    }
    resource(stack.name, STACK_TYPE, status.name(), reason);
  }

  /** One poll of a stack a test left in progress: after its polls it settles as {@link SimStack#settlesAs}. */
  void poll() {
    StackStatus settled;
    synchronized (store) {
      if (!stack.busy() || stack.settlesAfterPolls == 0 || --stack.settlesAfterPolls > 0) {
        return;
      }
      settled = SimStack.settlesAs(stack.status).orElse(null);
    }
    if (settled == null) {
      status(StackStatus.DELETE_COMPLETE, null);
      store.remove(stack);
    } else {
      status(settled, null);
    }
  }

  private void resource(String logicalId, String type, String status, String reason) {
    StackEvent e = new StackEvent(logicalId, type, status, Optional.ofNullable(reason));
    synchronized (store) {
      stack.events.add(e);
    }
    events.accept(e);
  }
}
