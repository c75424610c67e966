package io.tenantctl.cloud.sim;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.core.Polling;
import java.time.Duration;
import io.tenantctl.cloud.Stacks.StackStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CloudFormation in one account and region, simulated, as seen through one set of credentials: every call
 * first passes {@code access} (the deploy role may not be assumable yet). Refusals carry AWS's codes and
 * messages; "nothing to update" arrives as the AWS adapter reports it.
 */
final class SimStacks implements Stacks {
  static final String NO_CHANGES_REASON =
      "The submitted information didn't contain changes. Submit different information to create a change set.";
  private static final Set<StackStatus> NOT_UPDATABLE = Set.of(StackStatus.ROLLBACK_COMPLETE,
      StackStatus.ROLLBACK_FAILED, StackStatus.UPDATE_ROLLBACK_FAILED, StackStatus.DELETE_FAILED,
      StackStatus.REVIEW_IN_PROGRESS, StackStatus.CREATE_FAILED, StackStatus.IMPORT_ROLLBACK_FAILED,
      StackStatus.UNKNOWN);
  /** Simulated time passes quickly: a stack left in progress settles within a few polls. */
  private static final Polling POLLING = Polling.of(Duration.ofMillis(1), Duration.ofSeconds(10));

  private final StackStore store;
  private final SimConfig config;
  private final SimCalls calls;
  private final Runnable access;

  SimStacks(StackStore store, SimConfig config, SimCalls calls, Runnable access) {
    this.store = store;
    this.config = config;
    this.calls = calls;
    this.access = access;
  }

  @Override
  public Optional<StackState> describe(String stackName) {
    return calls.call("describe", () -> {
      access.run();
      synchronized (store) {
        return store.find(stackName).map(SimStack::state);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<StackState> awaitSettled(String stackName, Consumer<StackEvent> events) {
    return calls.call("awaitSettled", () -> {
      access.run();
      Class<Optional<StackState>> type = (Class<Optional<StackState>>) (Class<?>) Optional.class;
      return POLLING.until(type, () -> {
        SimStack stack;
        synchronized (store) {
          stack = store.find(stackName).orElse(null);
        }
        if (stack == null) {
          return Optional.empty();
        }
        new StackRun(store, config, stack, events).poll();
        synchronized (store) {
          return stack.deleted ? Optional.empty() : Optional.of(stack.state());
        }
      }, s -> s.isEmpty() || !s.get().status().inProgress(), e -> false);
    });
  }

  @Override
  public Optional<ChangeSet> changeSet(String stackName, String changeSetName) {
    return calls.call("changeSet", () -> {
      access.run();
      synchronized (store) {
        var cs = store.find(stackName).map(s -> s.changeSets.get(changeSetName));
        return cs.map(c -> c.failed()
            ? new ChangeSet(stackName, changeSetName, ChangeSet.Status.NO_CHANGES, List.of(),
                Optional.of(NO_CHANGES_REASON))
            : new ChangeSet(stackName, changeSetName, ChangeSet.Status.READY, c.changes(), Optional.empty()));
      }
    });
  }

  @Override
  public Optional<DeployedTemplate> template(String stackName) {
    return calls.call("template", () -> {
      access.run();
      synchronized (store) {
        return store.find(stackName).map(s -> new DeployedTemplate(stackName, s.templateBody, s.state().parameters(),
            s.state().status()));
      }
    });
  }

  @Override
  public StackState create(ChangeSetRequest request, Consumer<StackEvent> events) {
    return calls.call("create", () -> {
      access.run();
      SimTemplate template = SimTemplate.parse(request.templateBody());
      SimStack stack;
      synchronized (store) {
        if (store.find(request.stackName()).isPresent()) {
          throw error("AlreadyExistsException", "Stack [" + request.stackName() + "] already exists");
        }
        stack = store.add(request.stackName(), StackStatus.CREATE_IN_PROGRESS);
        stack.apply(request.templateBody(), template, request.parameters(), request.tags());
        stack.terminationProtection = true;
      }
      new StackRun(store, config, stack, events).create();
      return settled(stack);
    });
  }

  @Override
  public ChangeSet createChangeSet(ChangeSetRequest request) {
    return calls.call("createChangeSet", () -> {
      access.run();
      SimTemplate template = SimTemplate.parse(request.templateBody());
      synchronized (store) {
        var existing = store.find(request.stackName());
        List<ResourceChange> changes;
        SimStack stack;
        if (request.newStack()) {
          if (existing.isPresent() && existing.get().status != StackStatus.REVIEW_IN_PROGRESS) {
            throw error("ValidationError", "Stack [" + request.stackName() + "] already exists and cannot be created"
                + " again with the changeSet [" + request.changeSetName() + "].");
          }
          stack = existing.orElseGet(() -> store.add(request.stackName(), StackStatus.REVIEW_IN_PROGRESS));
          changes = template.changesFrom(SimTemplate.EMPTY, java.util.Map.of(), request.parameters());
        } else {
          stack = updatable(request.stackName());
          boolean asCreated = config.judgesChangeSetsAsCreated() && stack.createdBody.equals(request.templateBody())
              && stack.createdParameters.equals(request.parameters());
          if (asCreated || stack.templateBody.equals(request.templateBody())
              && stack.parameters.equals(request.parameters()) && stack.tags.equals(request.tags())) {
            return noChanges(stack, request, template);
          }
          changes = template.changesFrom(stack.template, stack.parameters, request.parameters());
        }
        if (stack.changeSets.containsKey(request.changeSetName())) {
          throw error("AlreadyExistsException", "ChangeSet [" + request.changeSetName() + "] already exists");
        }
        stack.changeSets.put(request.changeSetName(), new SimStack.PendingChangeSet(request.changeSetName(),
            request.newStack(), request, template, changes, false));
        return new ChangeSet(request.stackName(), request.changeSetName(), ChangeSet.Status.READY, changes,
            Optional.empty());
      }
    });
  }

  @Override
  public void deleteChangeSet(String stackName, String changeSetName) {
    calls.run("deleteChangeSet", () -> {
      access.run();
      synchronized (store) {
        SimStack stack = existing(stackName);
        if (stack.changeSets.remove(changeSetName) == null) {
          throw changeSetNotFound(changeSetName);
        }
      }
    });
  }

  @Override
  public StackState executeChangeSet(String stackName, String changeSetName, Consumer<StackEvent> events) {
    return calls.call("executeChangeSet", () -> {
      access.run();
      SimStack stack;
      SimStack.PendingChangeSet cs;
      SimStack.Snapshot before;
      synchronized (store) {
        stack = existing(stackName);
        cs = stack.changeSets.get(changeSetName);
        if (cs == null) {
          throw changeSetNotFound(changeSetName);
        }
        if (cs.failed() || stack.busy()) {
          throw error("InvalidChangeSetStatus", "ChangeSet [" + changeSetName + "] cannot be executed in its"
              + " current status; the stack is " + stack.status);
        }
        // executing one change set discards the stack's others, as CloudFormation does
        stack.changeSets.clear();
        before = stack.snapshot();
        stack.apply(cs.request().templateBody(), cs.template(), cs.request().parameters(),
            config.keepsTagsOnExecute() && !cs.create() ? stack.tags : cs.request().tags());
        stack.status = cs.create() ? StackStatus.CREATE_IN_PROGRESS : StackStatus.UPDATE_IN_PROGRESS;
      }
      StackRun run = new StackRun(store, config, stack, events);
      if (cs.create()) {
        run.create();
      } else {
        run.update(before, cs.changes());
      }
      return settled(stack);
    });
  }

  @Override
  public StackState update(ChangeSetRequest request, Consumer<StackEvent> events) {
    return calls.call("update", () -> {
      access.run();
      SimTemplate template = SimTemplate.parse(request.templateBody());
      SimStack stack;
      SimStack.Snapshot before;
      List<ResourceChange> changes;
      synchronized (store) {
        stack = updatable(request.stackName());
        if (stack.templateBody.equals(request.templateBody()) && stack.parameters.equals(request.parameters())
            && stack.tags.equals(request.tags())) {
          throw error("ValidationError", "No updates are to be performed.");
        }
        changes = template.changesFrom(stack.template, stack.parameters, request.parameters());
        stack.changeSets.clear();
        before = stack.snapshot();
        stack.apply(request.templateBody(), template, request.parameters(), request.tags());
        stack.status = StackStatus.UPDATE_IN_PROGRESS;
      }
      new StackRun(store, config, stack, events).update(before, changes);
      return settled(stack);
    });
  }

  @Override
  public StackState continueUpdateRollback(String stackName, Consumer<StackEvent> events) {
    return calls.call("continueUpdateRollback", () -> {
      access.run();
      SimStack stack;
      synchronized (store) {
        stack = existing(stackName);
        if (stack.status != StackStatus.UPDATE_ROLLBACK_FAILED) {
          throw error("ValidationError", "Stack [" + stackName + "] is in " + stack.status + " state and can not"
              + " be continued");
        }
      }
      new StackRun(store, config, stack, events).continueRollback();
      return settled(stack);
    });
  }

  @Override
  public void delete(String stackName, Consumer<StackEvent> events) {
    calls.run("delete", () -> {
      access.run();
      SimStack stack;
      synchronized (store) {
        var found = store.find(stackName);
        if (found.isEmpty()) {
          return; // DeleteStack of a stack that does not exist succeeds, as in AWS
        }
        stack = found.get();
        if (stack.terminationProtection) {
          throw error("ValidationError", "Stack [" + stackName + "] cannot be deleted while TerminationProtection"
              + " is enabled");
        }
        if (stack.busy()) {
          throw error("ValidationError", "Stack [" + stackName + "] is in " + stack.status + " state and can not"
              + " be deleted now");
        }
        stack.status = StackStatus.DELETE_IN_PROGRESS;
      }
      new StackRun(store, config, stack, events).delete();
    });
  }

  @Override
  public List<StackResource> resources(String stackName) {
    return calls.call("resources", () -> {
      access.run();
      synchronized (store) {
        var found = store.find(stackName);
        if (found.isEmpty()) {
          return List.<StackResource>of();
        }
        SimStack stack = found.get();
        return stack.liveResources.stream().map(id -> {
          var r = stack.template.resources().get(id);
          return new StackResource(id, stack.name + "-" + id, r == null ? "AWS::CloudFormation::CustomResource"
              : r.type(), "CREATE_COMPLETE");
        }).toList();
      }
    });
  }

  @Override
  public void protect(String stackName, boolean terminationProtection) {
    calls.run("protect", () -> {
      access.run();
      if (config.protectFails()) {
        throw new io.tenantctl.cloud.CloudException("InternalFailure", "CloudFormation UpdateTerminationProtection "
            + stackName + " failed: (Service: CloudFormation, Status Code: 500)", null);
      }
      synchronized (store) {
        existing(stackName).terminationProtection = terminationProtection;
      }
    });
  }

  private ChangeSet noChanges(SimStack stack, ChangeSetRequest request, SimTemplate template) {
    if (config.noChangesForm() == SimConfig.NoChangesForm.REFUSED) {
      // AWS refuses with "No updates are to be performed." and keeps nothing; the adapter gives no reason
      return new ChangeSet(request.stackName(), request.changeSetName(), ChangeSet.Status.NO_CHANGES, List.of(),
          Optional.empty());
    }
    if (stack.changeSets.containsKey(request.changeSetName())) {
      throw error("AlreadyExistsException", "ChangeSet [" + request.changeSetName() + "] already exists");
    }
    // AWS keeps the FAILED change set until someone deletes it
    stack.changeSets.put(request.changeSetName(), new SimStack.PendingChangeSet(request.changeSetName(), false,
        request, template, List.of(), true));
    return new ChangeSet(request.stackName(), request.changeSetName(), ChangeSet.Status.NO_CHANGES, List.of(),
        Optional.of(NO_CHANGES_REASON));
  }

  private SimStack updatable(String stackName) {
    SimStack stack = existing(stackName);
    if (stack.busy() || NOT_UPDATABLE.contains(stack.status)) {
      throw error("ValidationError", "Stack:" + stack.id + " is in " + stack.status + " state and can not be"
          + " updated.");
    }
    return stack;
  }

  private SimStack existing(String stackName) {
    return store.find(stackName)
        .orElseThrow(() -> error("ValidationError", "Stack with id " + stackName + " does not exist"));
  }

  private StackState settled(SimStack stack) {
    synchronized (store) {
      return stack.state();
    }
  }

  private static CloudException changeSetNotFound(String name) {
    return error("ChangeSetNotFound", "ChangeSet [" + name + "] does not exist");
  }

  static CloudException error(String code, String message) {
    return new CloudException(code, "CloudFormation: " + message + " (" + code + ")", null);
  }
}
