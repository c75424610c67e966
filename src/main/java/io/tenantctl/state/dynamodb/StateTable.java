package io.tenantctl.state.dynamodb;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The state table itself: what it is, making it ({@code state init}), and proving it enforces conditions ({@code state check}). */
public final class StateTable {
  /** The key schema tenantctl writes: string partition key {@code pk}, string sort key {@code sk}. */
  public static final String KEYS = "pk (string, partition key) and sk (string, sort key)";
  /** How many writers race in {@link #check}. */
  public static final int RACERS = 16;

  private final DynamoTable table;

  public StateTable(DynamoDbClient client, String name) {
    this.table = new DynamoTable(client, name);
  }

  public String name() {
    return table.name();
  }

  /** What is there: no table, a table with tenantctl's keys, or one with other keys. */
  public sealed interface Status {}

  public record Missing() implements Status {}

  /** @param pointInTimeRecovery empty when it could not be read */
  public record Ready(String billing, Optional<Boolean> pointInTimeRecovery) implements Status {}

  public record WrongKeys(String keys) implements Status {}

  public Status status() {
    TableDescription t;
    try {
      t = table.call("DescribeTable", () -> table.client().describeTable(r -> r.tableName(table.name()))).table();
    } catch (Fault f) {
      if (f.getCause() instanceof ResourceNotFoundException) {
        return new Missing();
      }
      throw f;
    }
    Map<String, String> types = t.attributeDefinitions().stream()
        .collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString));
    String keys = t.keySchema().stream().map(k -> k.attributeName() + " (" + types.get(k.attributeName()) + ", "
        + k.keyTypeAsString() + ")").collect(Collectors.joining(", "));
    boolean right = t.keySchema().size() == 2 && t.keySchema().stream().allMatch(k ->
        (k.keyType() == KeyType.HASH && k.attributeName().equals(DynamoTable.PK)
            || k.keyType() == KeyType.RANGE && k.attributeName().equals(DynamoTable.SK))
        && "S".equals(types.get(k.attributeName())));
    if (!right) {
      return new WrongKeys(keys);
    }
    String billing = t.billingModeSummary() == null ? "PROVISIONED" : t.billingModeSummary().billingModeAsString();
    Optional<Boolean> pitr;
    try {
      pitr = Optional.of("ENABLED".equals(table.client().describeContinuousBackups(r -> r.tableName(table.name()))
          .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()));
    } catch (RuntimeException unreadable) {
      pitr = Optional.empty();
    }
    return new Ready(billing, pitr);
  }

  /** Refuses a table that is missing (exit 1) or keyed otherwise (exit 2), naming it and the fix. */
  public void requireUsable() {
    Status s = status();
    if (s instanceof Missing) {
      throw Fault.failed("the state table " + table.name() + " does not exist",
          "create it: tenantctl state init (or correct state.table in the fleet file)");
    }
    if (s instanceof WrongKeys w) {
      throw wrongKeys(w);
    }
  }

  public Fault wrongKeys(WrongKeys w) {
    return new Fault(ExitCode.INVALID, "the table " + table.name() + " has the keys " + w.keys() + "; tenantctl's state"
        + " needs " + KEYS + "; nothing was written",
        "name another table in state.table (tenantctl state init creates it), or let tenantctl have a table of its own");
  }

  /** Creates the table, billed on demand, and waits until it is active; with {@code pitr}, turns recovery on. */
  public void create(boolean pitr) {
    table.call("CreateTable", () -> table.client().createTable(r -> r.tableName(table.name())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoTable.PK)
                .attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(DynamoTable.SK).attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName(DynamoTable.PK).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(DynamoTable.SK).keyType(KeyType.RANGE).build())));
    table.call("wait for the table", () -> table.client().waiter().waitUntilTableExists(r -> r.tableName(table.name())));
    if (pitr) {
      enablePointInTimeRecovery();
    }
  }

  public void enablePointInTimeRecovery() {
    table.call("UpdateContinuousBackups", () -> table.client().updateContinuousBackups(r -> r.tableName(table.name())
        .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))));
  }

  /**
   * Proves the table enforces what the state relies on, with items of their own (removed after): of
   * {@value #RACERS} racing conditional creates of one item exactly one wins; {@value #RACERS} writers bumping one
   * counter, each on condition that it still holds what they read, lose no update; a write carrying a stale
   * epoch is refused; a transaction whose condition check fails writes nothing. The names of the checks that
   * failed; none when the table can be trusted.
   */
  public List<String> check() {
    String pk = "tenantctl-check#" + UUID.randomUUID();
    List<String> failed = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      int won = race(pool, i -> {
        try {
          put(pk, "create", Map.of("by", AttributeValue.fromN(Integer.toString(i))), true);
          return 1;
        } catch (ConditionalCheckFailedException lost) {
          return 0;
        }
      });
      if (won != 1) {
        failed.add(RACERS + " racing conditional creates of one item: " + won + " won (exactly 1 must)");
      }
      put(pk, "counter", Map.of("n", AttributeValue.fromN("0")), false);
      int bumps = race(pool, i -> {
        int mine = 0;
        for (int round = 0; round < 4; round++) {
          long seen = Long.parseLong(get(pk, "counter").get("n").n());
          try {
            table.call("UpdateItem", () -> table.client().updateItem(r -> r.tableName(table.name())
                .key(DynamoTable.key(pk, "counter")).updateExpression("SET #n = :next").conditionExpression("#n = :seen")
                .expressionAttributeNames(Map.of("#n", "n")).expressionAttributeValues(Map.of(
                    ":seen", AttributeValue.fromN(Long.toString(seen)),
                    ":next", AttributeValue.fromN(Long.toString(seen + 1))))));
            mine++;
          } catch (ConditionalCheckFailedException raced) {
            // another writer changed it first: refused, as it must be
          }
        }
        return mine;
      });
      long counted = Long.parseLong(get(pk, "counter").get("n").n());
      if (counted != bumps) {
        failed.add(RACERS + " writers updating one counter on condition of the value each read: " + bumps
            + " updates succeeded but the counter says " + counted + " (updates were lost)");
      }
      put(pk, "lock", Map.of("epoch", AttributeValue.fromN("2")), false);
      try {
        table.call("UpdateItem", () -> table.client().updateItem(r -> r.tableName(table.name())
            .key(DynamoTable.key(pk, "lock")).updateExpression("SET #o = :me").conditionExpression("#e = :stale")
            .expressionAttributeNames(Map.of("#e", "epoch", "#o", "owner"))
            .expressionAttributeValues(Map.of(":stale", AttributeValue.fromN("1"), ":me", AttributeValue.fromS("x")))));
        failed.add("a write carrying a stale epoch (1, the item holds 2) was accepted");
      } catch (ConditionalCheckFailedException refused) {
        // as it must be
      }
      try {
        table.call("TransactWriteItems", () -> table.client().transactWriteItems(r -> r.transactItems(
            TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(DynamoTable.key(pk, "lock")).conditionExpression("#e = :stale")
                .expressionAttributeNames(Map.of("#e", "epoch"))
                .expressionAttributeValues(Map.of(":stale", AttributeValue.fromN("1"))).build()).build(),
            TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(Map.of(DynamoTable.PK, AttributeValue.fromS(pk), DynamoTable.SK, AttributeValue.fromS("fenced")))
                .build()).build())));
        failed.add("a transaction whose condition check on a stale epoch failed was accepted");
      } catch (TransactionCanceledException | ConditionalCheckFailedException refused) {
        if (get(pk, "fenced") != null && !get(pk, "fenced").isEmpty()) {
          failed.add("a transaction whose condition check failed still wrote its other item");
        }
      }
    } finally {
      pool.shutdownNow();
      for (String sk : List.of("create", "counter", "lock", "fenced")) {
        try {
          table.client().deleteItem(r -> r.tableName(table.name()).key(DynamoTable.key(pk, sk)));
        } catch (RuntimeException leftOver) {
          // a probe item left behind harms nothing: no state key starts with tenantctl-check
        }
      }
    }
    return failed;
  }

  private interface Racer {
    int run(int i) throws Exception;
  }

  /** Runs {@value #RACERS} racers at once (released together); the sum of what they return. */
  private static int race(ExecutorService pool, Racer racer) {
    var start = new java.util.concurrent.CountDownLatch(1);
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      int n = i;
      Callable<Integer> task = () -> {
        start.await();
        return racer.run(n);
      };
      all.add(pool.submit(task));
    }
    start.countDown();
    int sum = 0;
    for (Future<Integer> f : all) {
      try {
        sum += f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Fault.failed("interrupted while checking the state table", null);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    return sum;
  }

  private void put(String pk, String sk, Map<String, AttributeValue> attributes, boolean onlyNew) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
    item.putAll(DynamoTable.key(pk, sk));
    table.call("PutItem", () -> table.client().putItem(r -> {
      r.tableName(table.name()).item(item);
      if (onlyNew) {
        r.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", DynamoTable.PK));
      }
    }));
  }

  private Map<String, AttributeValue> get(String pk, String sk) {
    return table.call("GetItem", () -> table.client().getItem(r -> r.tableName(table.name())
        .key(DynamoTable.key(pk, sk)).consistentRead(true))).item();
  }
}
