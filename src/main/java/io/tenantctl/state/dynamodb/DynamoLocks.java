package io.tenantctl.state.dynamodb;

import io.tenantctl.state.Journal;
import io.tenantctl.state.LockEvent;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateNames;
import io.tenantctl.state.StateScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link Locks} as one item per lock: {@code epoch} (the last one handed out, kept when the lock is released so
 * epochs only grow: a delete would start them again and let a fenced-out writer back in) and, while held, the
 * holder ({@code user}, {@code host}, {@code pid}, {@code purpose}, {@code since}), {@code lease}, {@code version} and
 * {@code renewedAt}. Every change is one conditional update: acquire while no holder, renew and release while the
 * epoch is one's own, take over and break while epoch and version are what was seen.
 */
final class DynamoLocks implements Locks {
  static final String SK = "lock";
  static final String USER = "user";
  private static final String[] HOLDER = {USER, "host", "pid", "purpose", "since", "lease", "version", "renewedAt"};

  private final DynamoTable table;
  private final StateScope scope;
  private final Journal<LockEvent> journal;

  DynamoLocks(DynamoTable table, StateScope scope, Journal<LockEvent> journal) {
    this.table = table;
    this.scope = scope;
    this.journal = journal;
  }

  @Override
  public Acquisition acquire(String name, Claimant claimant, Duration lease) {
    while (true) {
      Expr e = new Expr();
      try {
        return new Acquired(take(name, claimant, lease, e, "attribute_not_exists(" + e.n(USER) + ")"));
      } catch (ConditionalCheckFailedException held) {
        Optional<Lock> now = current(name);
        if (now.isPresent()) {
          return new Busy(now.get());
        }
        // released since: try again
      }
    }
  }

  @Override
  public Acquisition takeOver(Lock seen, Claimant claimant, Duration lease) {
    while (true) {
      Expr e = new Expr();
      String condition = "(" + e.n("epoch") + " = " + e.v("seenEpoch", seen.epoch()) + " AND " + e.n("version")
          + " = " + e.v("seenVersion", seen.version()) + ") OR attribute_not_exists(" + e.n(USER) + ")";
      try {
        Lock mine = take(seen.name(), claimant, lease, e, condition);
        journal.append("lock:" + seen.name(), new LockEvent.TakenOver(seen.name(), seen.holder(), mine.holder()));
        return new Acquired(mine);
      } catch (ConditionalCheckFailedException changed) {
        Optional<Lock> now = current(seen.name());
        if (now.isPresent()) {
          return new Busy(now.get());
        }
      }
    }
  }

  /** Sets a new holder with the next epoch, if {@code condition} holds; the lock as stored after. */
  private Lock take(String name, Claimant claimant, Duration lease, Expr e, String condition) {
    String now = Instant.now().toString();
    String update = "SET " + e.n("epoch") + " = if_not_exists(" + e.n("epoch") + ", " + e.v("zero", 0) + ") + "
        + e.v("one", 1) + ", " + e.n(USER) + " = " + e.v("user", claimant.user()) + ", " + e.n("host") + " = "
        + e.v("host", claimant.host()) + ", " + e.n("pid") + " = " + e.v("pid", claimant.pid()) + ", "
        + e.n("purpose") + " = " + e.v("purpose", claimant.purpose()) + ", " + e.n("since") + " = " + e.v("now", now)
        + ", " + e.n("renewedAt") + " = :now, " + e.n("lease") + " = " + e.v("lease", lease.toString()) + ", "
        + e.n("version") + " = :one";
    return update(name, e, update, condition, "acquire lock " + name).orElseThrow();
  }

  @Override
  public Lock renew(Lock mine) throws LockLost {
    Expr e = new Expr();
    String update = "SET " + e.n("version") + " = " + e.n("version") + " + " + e.v("one", 1) + ", "
        + e.n("renewedAt") + " = " + e.v("now", Instant.now().toString());
    try {
      return update(mine.name(), e, update, own(e, mine), "renew lock " + mine.name()).orElseThrow();
    } catch (ConditionalCheckFailedException lost) {
      Optional<Lock> now = current(mine.name());
      throw new LockLost(mine.name(), mine.epoch(), now.map(l -> "held by " + l.holder().describe())
          .orElse("it is free"));
    }
  }

  @Override
  public boolean release(Lock mine) {
    Expr e = new Expr();
    try {
      update(mine.name(), e, removeHolder(e), own(e, mine), "release lock " + mine.name());
      return true;
    } catch (ConditionalCheckFailedException notMine) {
      return false;
    }
  }

  @Override
  public Optional<Lock> breakLock(Lock seen, Claimant by, String why) {
    Expr e = new Expr();
    String condition = e.n("epoch") + " = " + e.v("seenEpoch", seen.epoch()) + " AND " + e.n("version") + " = "
        + e.v("seenVersion", seen.version()) + " AND attribute_exists(" + e.n(USER) + ")";
    Map<String, AttributeValue> before;
    try {
      before = table.call("break lock " + seen.name(), () -> table.client().updateItem(r -> r
          .tableName(table.name()).key(DynamoTable.key(DynamoTable.lockPk(scope, seen.name()), SK))
          .updateExpression(removeHolder(e)).conditionExpression(condition)
          .expressionAttributeNames(e.names()).expressionAttributeValues(e.values())
          .returnValues(ReturnValue.ALL_OLD))).attributes();
    } catch (ConditionalCheckFailedException changed) {
      return Optional.empty();
    }
    Optional<Lock> broken = lock(seen.name(), before);
    broken.ifPresent(l -> journal.append("lock:" + seen.name(), new LockEvent.Broken(seen.name(), l.holder(), by,
        why)));
    return broken;
  }

  @Override
  public Optional<Lock> current(String name) {
    StateNames.lock(name);
    var item = table.call("read lock " + name, () -> table.client().getItem(r -> r.tableName(table.name())
        .key(DynamoTable.key(DynamoTable.lockPk(scope, name), SK)).consistentRead(true))).item();
    return lock(name, item);
  }

  private static String own(Expr e, Lock mine) {
    return e.n("epoch") + " = " + e.v("mine", mine.epoch()) + " AND attribute_exists(" + e.n(USER) + ")";
  }

  private static String removeHolder(Expr e) {
    StringBuilder remove = new StringBuilder("REMOVE ");
    for (int i = 0; i < HOLDER.length; i++) {
      remove.append(i == 0 ? "" : ", ").append(e.n(HOLDER[i]));
    }
    return remove.toString();
  }

  private Optional<Lock> update(String name, Expr e, String update, String condition, String what) {
    StateNames.lock(name);
    UpdateItemResponse response = table.call(what, () -> table.client().updateItem(r -> r.tableName(table.name())
        .key(DynamoTable.key(DynamoTable.lockPk(scope, name), SK)).updateExpression(update)
        .conditionExpression(condition).expressionAttributeNames(e.names()).expressionAttributeValues(e.values())
        .returnValues(ReturnValue.ALL_NEW)));
    return lock(name, response.attributes());
  }

  /** The lock an item holds; empty when there is no item or no holder. */
  static Optional<Lock> lock(String name, Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(USER)) {
      return Optional.empty();
    }
    var holder = new Holder(item.get(USER).s(), item.get("host").s(), Long.parseLong(item.get("pid").n()),
        item.get("purpose").s(), Instant.parse(item.get("since").s()), Long.parseLong(item.get("epoch").n()));
    return Optional.of(new Lock(name, holder, Duration.parse(item.get("lease").s()),
        Long.parseLong(item.get("version").n()), Instant.parse(item.get("renewedAt").s())));
  }
}
