package io.tenantctl.state.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateJson;
import io.tenantctl.state.StateNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link Records} as one item per key in the scope's records partition: the document as JSON text in {@code doc}.
 * A put replaces the item whole, so a reader sees the old document or the new one. A document over DynamoDB's
 * 400 KB item limit is refused before anything is written.
 */
final class DynamoRecords implements Records {
  private final DynamoTable table;
  private final String pk;
  private final Optional<Fence> fence;
  private final ObjectMapper json = StateJson.mapper();

  DynamoRecords(DynamoTable table, String pk, Optional<Fence> fence) {
    this.table = table;
    this.pk = pk;
    this.fence = fence;
  }

  @Override
  public void put(String key, Object document) {
    StateNames.record(key);
    String text;
    try {
      text = json.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write record " + key + " as JSON", e);
    }
    DynamoTable.fits("record " + key, text.getBytes(StandardCharsets.UTF_8).length + key.length());
    Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(pk, key));
    item.put("doc", AttributeValue.fromS(text));
    if (fence.isEmpty()) {
      table.call("put record " + key, () -> table.client().putItem(r -> r.tableName(table.name()).item(item)));
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        fence.get().write("put record " + key, TransactWriteItem.builder()
            .put(Put.builder().tableName(table.name()).item(item).build()).build());
        return;
      } catch (ConditionalCheckFailedException conflict) {
        // another transaction on the item at the same moment: the put has no condition of its own, so again
        if (attempt == 10) {
          throw conflict;
        }
      }
    }
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    StateNames.record(key);
    var item = table.call("read record " + key, () -> table.client().getItem(r -> r.tableName(table.name())
        .key(DynamoTable.key(pk, key)).consistentRead(true))).item();
    if (item == null || !item.containsKey("doc")) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(item.get("doc").s(), type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("record " + key + " in table " + table.name() + " cannot be read", e);
    }
  }

  @Override
  public List<String> keys(String prefix) {
    Expr e = new Expr();
    String condition = e.n(DynamoTable.PK) + " = " + e.v("pk", pk)
        + (prefix.isEmpty() ? "" : " AND begins_with(" + e.n(DynamoTable.SK) + ", " + e.v("prefix", prefix) + ")");
    QueryRequest query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
        .keyConditionExpression(condition).projectionExpression(e.n(DynamoTable.SK))
        .expressionAttributeNames(e.names()).expressionAttributeValues(e.values()).build();
    List<String> keys = new ArrayList<>();
    table.call("list records " + prefix, () -> {
      table.client().queryPaginator(query).items().forEach(item -> keys.add(item.get(DynamoTable.SK).s()));
      return null;
    });
    keys.sort(null);
    return keys;
  }

  @Override
  public boolean delete(String key) {
    StateNames.record(key);
    if (fence.isEmpty()) {
      var old = table.call("delete record " + key, () -> table.client().deleteItem(r -> r.tableName(table.name())
          .key(DynamoTable.key(pk, key)).returnValues(ReturnValue.ALL_OLD))).attributes();
      return old != null && !old.isEmpty();
    }
    Expr e = new Expr();
    try {
      fence.get().write("delete record " + key, TransactWriteItem.builder().delete(Delete.builder()
          .tableName(table.name()).key(DynamoTable.key(pk, key))
          .conditionExpression("attribute_exists(" + e.n(DynamoTable.PK) + ")").expressionAttributeNames(e.names())
          .build()).build());
      return true;
    } catch (ConditionalCheckFailedException none) {
      return false;
    }
  }
}
