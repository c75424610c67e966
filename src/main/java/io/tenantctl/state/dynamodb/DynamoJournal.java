package io.tenantctl.state.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.state.Journal;
import io.tenantctl.state.StateJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A {@link Journal} as one item per entry in the journal's own partition, sorted by sequence number. An append puts
 * entry {@code last + 1} on condition that it does not exist yet: of appenders racing for one number exactly one
 * wins, the others read what was appended and try the next, so numbers have no gaps and no repeats. What was read
 * is kept: a later look reads only the entries after it (strongly consistent queries).
 */
final class DynamoJournal<E> implements Journal<E> {
  private final DynamoTable table;
  private final String pk;
  private final Class<E> events;
  private final ObjectMapper json;
  private final Optional<Fence> fence;
  // the index: guarded by this
  private final List<Entry<E>> all = new ArrayList<>();
  private final Map<String, List<Entry<E>>> byKey = new HashMap<>();

  DynamoJournal(DynamoTable table, String pk, Class<E> events) {
    this(table, pk, events, Optional.empty());
  }

  private DynamoJournal(DynamoTable table, String pk, Class<E> events, Optional<Fence> fence) {
    this.table = table;
    this.pk = pk;
    this.events = events;
    this.json = StateJson.mapperFor(events);
    this.fence = fence;
  }

  Class<E> events() {
    return events;
  }

  /** This journal, its appends made only under {@code fence}; it shares this one's index. */
  Journal<E> fenced(Fence by) {
    return Journal.appendingBy(this, (key, event) -> append(key, event, Optional.of(by)));
  }

  @Override
  public Entry<E> append(String key, E event) {
    return append(key, event, fence);
  }

  private synchronized Entry<E> append(String key, E event, Optional<Fence> under) {
    if (!events.isInstance(event)) {
      throw new IllegalArgumentException(event + " is not one of " + events.getSimpleName());
    }
    String eventJson;
    try {
      eventJson = json.writerFor(events).writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event + " as JSON", e);
    }
    DynamoTable.fits("a journal entry of " + pk + " under " + key,
        eventJson.getBytes(StandardCharsets.UTF_8).length + key.length());
    while (true) {
      catchUp();
      List<Entry<E>> of = byKey.get(key);
      Entry<E> was = of == null ? null : of.get(of.size() - 1);
      if (was != null && was.event().equals(event)) {
        // a retried step: journalled once
        return was;
      }
      long seq = all.isEmpty() ? 1 : all.get(all.size() - 1).seq() + 1;
      Entry<E> entry = new Entry<>(seq, Instant.now(), key, event);
      Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(pk, sk(seq)));
      item.put("seq", AttributeValue.fromN(Long.toString(seq)));
      item.put("at", AttributeValue.fromS(entry.at().toString()));
      item.put("key", AttributeValue.fromS(key));
      item.put("event", AttributeValue.fromS(eventJson));
      Expr e = new Expr();
      String condition = "attribute_not_exists(" + e.n(DynamoTable.PK) + ")";
      try {
        if (under.isPresent()) {
          under.get().write("append to " + pk, TransactWriteItem.builder().put(Put.builder().tableName(table.name())
              .item(item).conditionExpression(condition).expressionAttributeNames(e.names()).build()).build());
        } else {
          table.call("append to " + pk, () -> table.client().putItem(r -> r.tableName(table.name()).item(item)
              .conditionExpression(condition).expressionAttributeNames(e.names())));
        }
      } catch (ConditionalCheckFailedException taken) {
        // another appender took this number: read what it wrote, then try the next
        continue;
      }
      index(entry);
      return entry;
    }
  }

  @Override
  public synchronized List<Entry<E>> entries() {
    catchUp();
    return List.copyOf(all);
  }

  @Override
  public synchronized List<Entry<E>> entries(String key) {
    catchUp();
    return List.copyOf(byKey.getOrDefault(key, List.of()));
  }

  /** Reads the entries after the last one indexed. Called holding this journal's monitor. */
  private void catchUp() {
    long last = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    Expr e = new Expr();
    QueryRequest query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
        .keyConditionExpression(e.n(DynamoTable.PK) + " = " + e.v("pk", pk) + " AND " + e.n(DynamoTable.SK) + " > "
            + e.v("after", sk(last)))
        .expressionAttributeNames(e.names()).expressionAttributeValues(e.values()).build();
    table.call("read " + pk, () -> {
      table.client().queryPaginator(query).items().forEach(item -> {
        try {
          index(new Entry<>(Long.parseLong(item.get("seq").n()), Instant.parse(item.get("at").s()),
              item.get("key").s(), json.readValue(item.get("event").s(), events)));
        } catch (JsonProcessingException unreadable) {
          throw new IllegalStateException("entry " + item.get("seq").n() + " of " + pk + " cannot be read", unreadable);
        }
      });
      return null;
    });
  }

  private void index(Entry<E> entry) {
    all.add(entry);
    byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
  }

  /** Sorts as the number does: 19 digits hold any long. */
  static String sk(long seq) {
    return String.format("%019d", seq);
  }
}
