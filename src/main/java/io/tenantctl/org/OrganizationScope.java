package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import io.tenantctl.core.Fault;
import io.tenantctl.state.StateScope;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/** The state scope of the organization the caller is in, as reached through an endpoint (or AWS itself). */
public final class OrganizationScope {
  private OrganizationScope() {}

  /** Asks the organization its id when first called; for {@code StateStores.deferred}. */
  public static Supplier<StateScope> of(Organization org, Optional<URI> endpoint) {
    return () -> StateScope.of(org.describe().orElseThrow(() -> Fault.failed(
        "the caller is not in an AWS organization, so there is no state to keep for it",
        "run `tenantctl bootstrap --create-organization` first")).id(), endpoint);
  }
}
