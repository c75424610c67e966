package io.tenantctl.state;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What the {@code locks} journal records: the changes of hands that were not a holder's own release. */
public sealed interface LockEvent {

  String lock();

  /** A waiter took the lock over from a holder whose record stayed unchanged for a whole lease. */
  @JsonTypeName("taken-over")
  record TakenOver(String lock, Locks.Holder from, Locks.Holder to) implements LockEvent {}

  /** An operator broke the lock. */
  @JsonTypeName("broken")
  record Broken(String lock, Locks.Holder holder, Locks.Claimant by, String why) implements LockEvent {}
}
