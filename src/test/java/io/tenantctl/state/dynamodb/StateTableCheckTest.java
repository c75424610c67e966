package io.tenantctl.state.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@code state check} against a store that ignores every condition: each check it relies on fails, by name. */
class StateTableCheckTest {

  /** DynamoDB that stores what it is told and never evaluates a condition. */
  static final class IgnoresConditions implements DynamoDbClient {
    final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();

    private static String id(Map<String, AttributeValue> key) {
      return key.get("pk").s() + "|" + key.get("sk").s();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
      items.put(id(r.item()), r.item());
      return PutItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
      return GetItemResponse.builder().item(items.get(id(r.key()))).build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
      // only what the check writes: SET #x = :y
      String[] set = r.updateExpression().substring(4).split(" = ");
      Map<String, AttributeValue> item = new HashMap<>(items.getOrDefault(id(r.key()), r.key()));
      item.put(r.expressionAttributeNames().get(set[0].trim()), r.expressionAttributeValues().get(set[1].trim()));
      items.put(id(r.key()), item);
      return UpdateItemResponse.builder().build();
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
      items.remove(id(r.key()));
      return DeleteItemResponse.builder().build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
      r.transactItems().stream().filter(i -> i.put() != null).forEach(i -> items.put(id(i.put().item()), i.put().item()));
      return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  @Test
  void aStoreThatIgnoresConditionsFailsEveryCheckByName() {
    var store = new IgnoresConditions();
    List<String> failed = new StateTable(store, "tenantctl-state").check();

    // racing updates of the counter are lost only when threads interleave: not asserted
    List<String> always = failed.stream().filter(f -> !f.contains("counter")).toList();
    assertEquals(List.of("16 racing conditional creates of one item: 16 won (exactly 1 must)",
        "a write carrying a stale epoch (1, the item holds 2) was accepted",
        "a transaction whose condition check on a stale epoch failed was accepted"), always);
    assertEquals(Map.of(), store.items, "the check's items are removed after it");
  }
}
