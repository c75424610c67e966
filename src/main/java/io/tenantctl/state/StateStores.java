package io.tenantctl.state;

import io.tenantctl.manifest.Fleet;
import io.tenantctl.state.file.FileStateStores;
import java.util.function.Supplier;

/** Opens the {@link StateStore} of a scope on the backend the fleet file chose ({@code state.backend}). */
public interface StateStores {

  StateStore open(StateScope scope);

  /** The backend {@code settings} name; the schema admits only the ones that exist. */
  static StateStores of(Fleet.StateSettings settings) {
    return switch (settings.backend()) {
      case FILE -> new FileStateStores(settings.dir());
    };
  }

  /**
   * A store opened on first use, for the scope {@code scope} then names: the organization may not exist yet
   * when the services are built ({@code bootstrap --create-organization}), and a run that never touches state
   * should not ask for it.
   */
  default StateStore deferred(Supplier<StateScope> scope) {
    return new DeferredStateStore(this, scope);
  }
}
