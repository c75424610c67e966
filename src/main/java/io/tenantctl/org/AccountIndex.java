package io.tenantctl.org;

import java.util.Optional;

/**
 * Where each tenant's account was last found, kept in the state so that a lookup of one tenant needs no listing of
 * the whole organization. A hint only: {@link AccountDirectory} verifies it with that account's own tags on use.
 */
public interface AccountIndex {

  Optional<String> accountOf(String tenant);

  void remember(String tenant, String accountId);

  /** No index: every lookup lists the organization. */
  AccountIndex NONE = new AccountIndex() {
    @Override
    public Optional<String> accountOf(String tenant) {
      return Optional.empty();
    }

    @Override
    public void remember(String tenant, String accountId) {
    }
  };
}
