package io.tenantctl.state.dynamodb;

import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStores;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * State in one DynamoDB table, every scope's items apart by their partition keys. The table's key schema is checked
 * once, when the first scope is opened: a table made for something else is refused before anything is written.
 */
public final class DynamoStateStores implements StateStores {
  private final DynamoTable table;
  private boolean checked;

  public DynamoStateStores(DynamoDbClient client, String table) {
    this.table = new DynamoTable(client, table);
  }

  DynamoTable table() {
    return table;
  }

  @Override
  public StateStore open(StateScope scope) {
    requireUsable();
    return new DynamoStateStore(table, scope);
  }

  /** The table is checked before the scope is asked for: a wrong table is told before any other AWS call. */
  @Override
  public StateStore deferred(Supplier<StateScope> scope) {
    return StateStores.super.deferred(() -> {
      requireUsable();
      return scope.get();
    });
  }

  private synchronized void requireUsable() {
    if (!checked) {
      new StateTable(table.client(), table.name()).requireUsable();
      checked = true;
    }
  }
}
