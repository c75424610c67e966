package io.tenantctl.state.dynamodb;

import io.tenantctl.state.Journal;
import io.tenantctl.state.LockEvent;
import io.tenantctl.state.Locks;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateNames;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The state of one scope in the state table (see {@link DynamoTable} for the keys). */
public final class DynamoStateStore implements StateStore {
  private final DynamoTable table;
  private final StateScope scope;
  private final Map<String, DynamoJournal<?>> journals = new ConcurrentHashMap<>();
  private final DynamoLocks locks;
  private final DynamoRecords records;

  DynamoStateStore(DynamoTable table, StateScope scope) {
    this.table = table;
    this.scope = scope;
    this.locks = new DynamoLocks(table, scope, journal("locks", LockEvent.class));
    this.records = new DynamoRecords(table, DynamoTable.recordsPk(scope), Optional.empty());
  }

  @Override
  public StateScope scope() {
    return scope;
  }

  @Override
  public <E> Journal<E> journal(String name, Class<E> events) {
    return opened(name, events);
  }

  @SuppressWarnings("unchecked")
  private <E> DynamoJournal<E> opened(String name, Class<E> events) {
    StateNames.journal(name);
    DynamoJournal<?> journal = journals.computeIfAbsent(name,
        n -> new DynamoJournal<>(table, DynamoTable.journalPk(scope, n), events));
    StateNames.sameEvents(name, journal.events(), events);
    return (DynamoJournal<E>) journal;
  }

  @Override
  public Locks locks() {
    return locks;
  }

  @Override
  public Records records() {
    return records;
  }

  @Override
  public StateStore fencedBy(Locks.Lock lock) {
    Fence fence = new Fence(table, scope, locks, lock);
    DynamoStateStore self = this;
    return new StateStore() {
      @Override
      public StateScope scope() {
        return scope;
      }

      @Override
      public <E> Journal<E> journal(String name, Class<E> events) {
        return opened(name, events).fenced(fence);
      }

      @Override
      public Locks locks() {
        return locks;
      }

      @Override
      public Records records() {
        return new DynamoRecords(table, DynamoTable.recordsPk(scope), Optional.of(fence));
      }

      @Override
      public StateStore fencedBy(Locks.Lock other) {
        return self.fencedBy(other);
      }
    };
  }
}
