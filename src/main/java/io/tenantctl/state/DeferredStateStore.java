package io.tenantctl.state;

import java.util.function.Supplier;

/** A {@link StateStore} that resolves its scope and opens the real store the first time it is used. */
final class DeferredStateStore implements StateStore {
  private final StateStores stores;
  private final Supplier<StateScope> scope;
  private StateStore opened;

  DeferredStateStore(StateStores stores, Supplier<StateScope> scope) {
    this.stores = stores;
    this.scope = scope;
  }

  private synchronized StateStore store() {
    if (opened == null) {
      opened = stores.open(scope.get());
    }
    return opened;
  }

  @Override
  public StateScope scope() {
    return store().scope();
  }

  @Override
  public <E> Journal<E> journal(String name, Class<E> events) {
    return store().journal(name, events);
  }

  @Override
  public Locks locks() {
    return store().locks();
  }

  @Override
  public Records records() {
    return store().records();
  }

  @Override
  public StateStore fencedBy(Locks.Lock lock) {
    return store().fencedBy(lock);
  }
}
