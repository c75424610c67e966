package io.tenantctl.org;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What the {@code accounts} journal records about one account request, keyed by what the account is for: its
 * {@link AccountVendor.Purpose} and name, so that a tenant named {@code production} never resumes the production
 * account's request. Ids and names only: never a secret.
 */
public sealed interface AccountEvent {

  AccountVendor.Purpose purpose();

  String name();

  /** About to call {@code CreateAccount}: a crash after this line and before the next is reconciled by name. */
  @JsonTypeName("requesting")
  record Requesting(AccountVendor.Purpose purpose, String name, String accountName) implements AccountEvent {}

  @JsonTypeName("requested")
  record Requested(AccountVendor.Purpose purpose, String name, String requestId) implements AccountEvent {}

  @JsonTypeName("created")
  record Created(AccountVendor.Purpose purpose, String name, String requestId, String accountId)
      implements AccountEvent {}

  @JsonTypeName("failed")
  record Failed(AccountVendor.Purpose purpose, String name, String requestId, String reason) implements AccountEvent {}

  /** The organization no longer knows the request (e.g. the emulator restarted): it is not resumed. */
  @JsonTypeName("set-aside")
  record SetAside(AccountVendor.Purpose purpose, String name, String requestId, String reason)
      implements AccountEvent {}
}
