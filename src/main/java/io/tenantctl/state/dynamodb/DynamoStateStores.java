package io.tenantctl.state.dynamodb;

import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStores;
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

  @Override
  public synchronized StateStore open(StateScope scope) {
    if (!checked) {
      new StateTable(table.client(), table.name()).requireUsable();
      checked = true;
    }
    return new DynamoStateStore(table, scope);
  }
}
