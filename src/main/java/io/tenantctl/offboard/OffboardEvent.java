package io.tenantctl.offboard;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** What the {@code offboard} journal records of one {@code delete}, keyed {@code delete:<tenant>}. Ids only. */
public sealed interface OffboardEvent {

  String tenant();

  String accountId();

  /** About to start: the account and the stacks it will delete, and whether it will close the account. */
  @JsonTypeName("planned")
  record Planned(String tenant, String accountId, List<String> stacks, boolean close) implements OffboardEvent {}

  @JsonTypeName("stacks-deleted")
  record StacksDeleted(String tenant, String accountId) implements OffboardEvent {}

  @JsonTypeName("quarantined")
  record Quarantined(String tenant, String accountId) implements OffboardEvent {}

  /** About to call {@code CloseAccount}: a re-run asks the account's status before calling it again. */
  @JsonTypeName("closing")
  record Closing(String tenant, String accountId) implements OffboardEvent {}

  @JsonTypeName("done")
  record Done(String tenant, String accountId, String accountStatus) implements OffboardEvent {}

  /** Brought back by {@code create --reinstate}: a later {@code delete} starts afresh. */
  @JsonTypeName("reinstated")
  record Reinstated(String tenant, String accountId) implements OffboardEvent {}
}
