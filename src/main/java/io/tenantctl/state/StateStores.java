package io.tenantctl.state;

import java.util.function.Supplier;

/**
 * Opens the {@link StateStore} of a scope on one backend; the composition root picks the backend the fleet file
 * names ({@code state.backend}).
 */
public interface StateStores {

  StateStore open(StateScope scope);

  /**
   * A store opened on first use, for the scope {@code scope} then names: the organization may not exist yet
   * when the services are built ({@code bootstrap --create-organization}), and a run that never touches state
   * should not ask for it.
   */
  default StateStore deferred(Supplier<StateScope> scope) {
    return new DeferredStateStore(this, scope);
  }
}
