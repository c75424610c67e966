package io.tenantctl.state.dynamodb;

import io.tenantctl.state.LockLost;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateScope;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A write made only while one lock's epoch still holds it: a two-item transaction, a condition check on the lock's
 * item and the write itself. Two small items in two partitions: no transaction on a hot or big partition.
 */
final class Fence {
  private final DynamoTable table;
  private final DynamoLocks locks;
  private final Locks.Lock lock;
  private final String lockPk;

  Fence(DynamoTable table, StateScope scope, DynamoLocks locks, Locks.Lock lock) {
    this.table = table;
    this.locks = locks;
    this.lock = lock;
    this.lockPk = DynamoTable.lockPk(scope, lock.name());
  }

  /** The condition on the lock's item: held, by this epoch. */
  TransactWriteItem check() {
    Expr e = new Expr();
    String condition = e.n("epoch") + " = " + e.v("epoch", lock.epoch()) + " AND attribute_exists("
        + e.n(DynamoLocks.USER) + ")";
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
        .key(DynamoTable.key(lockPk, DynamoLocks.SK)).conditionExpression(condition)
        .expressionAttributeNames(e.names()).expressionAttributeValues(e.values()).build()).build();
  }

  /**
   * Writes {@code write} under the fence. A refused fence is {@link LockLost}; a refused write's own condition is
   * a {@link ConditionalCheckFailedException}, as it would be unfenced.
   */
  void write(String what, TransactWriteItem write) {
    try {
      table.call(what, () -> table.client().transactWriteItems(r -> r.transactItems(List.of(check(), write))));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
      boolean fenceFailed = reasons.size() == 2 ? "ConditionalCheckFailed".equals(reasons.get(0).code())
          : !heldStill();
      if (fenceFailed) {
        throw lost();
      }
      boolean writeFailed = reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code());
      if (writeFailed || reasons.size() != 2) {
        throw ConditionalCheckFailedException.builder().message(what + ": condition failed").build();
      }
      // another transaction on one of the items (TransactionConflict): retried by the caller as a conflict
      throw ConditionalCheckFailedException.builder().message(what + ": " + reasons).build();
    }
  }

  private boolean heldStill() {
    return locks.current(lock.name()).filter(l -> l.epoch() == lock.epoch()).isPresent();
  }

  private LockLost lost() {
    var now = locks.current(lock.name());
    return new LockLost(lock.name(), lock.epoch(), now.map(l -> "held by " + l.holder().describe() + " (epoch "
        + l.epoch() + ")").orElse("it is free"));
  }
}
