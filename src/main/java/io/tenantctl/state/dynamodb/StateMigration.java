package io.tenantctl.state.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.core.Fault;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateJson;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.file.FileStateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Copies a working copy's state of one scope (every journal, the account requests' included, and every record) into
 * the table, as it was written: same sequence numbers, times and documents. Refused while a local lock is held (a
 * run is writing). Idempotent: what the table has already is skipped; a journal entry or record the table has
 * otherwise is a conflict, found before anything is written, and nothing is copied.
 */
public final class StateMigration {
  private final FileStateStore from;
  private final DynamoTable table;
  private final StateScope scope;
  private final ObjectMapper json = StateJson.mapper();

  public StateMigration(FileStateStore from, DynamoStateStores to) {
    this.from = from;
    this.table = to.table();
    this.scope = from.scope();
  }

  /** What was copied and what the table had already. */
  public record Copied(int journals, int entries, int entriesThere, int records, int recordsThere) {}

  public Copied run() {
    List<Locks.Lock> held = from.heldLocks();
    if (!held.isEmpty()) {
      Locks.Lock l = held.get(0);
      throw Fault.failed("the local lock " + l.name() + " is held by " + l.holder().describe()
          + (held.size() > 1 ? " (and " + (held.size() - 1) + " more)" : "") + ": a run is writing the local state;"
          + " nothing was copied", "let that run finish (or break its lock if it is gone), then migrate again");
    }
    new StateTable(table.client(), table.name()).requireUsable();
    Map<String, List<FileStateStore.RawEntry>> journals = new HashMap<>();
    Map<String, Map<Long, Map<String, AttributeValue>>> there = new HashMap<>();
    for (String name : from.journalNames()) {
      var entries = from.rawEntries(name);
      journals.put(name, entries);
      Map<Long, Map<String, AttributeValue>> have = tableEntries(name);
      there.put(name, have);
      for (var e : entries) {
        var item = have.get(e.seq());
        if (item != null && !same(e, item)) {
          throw conflict("entry " + e.seq() + " of journal " + name);
        }
      }
      long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
      if (have.keySet().stream().anyMatch(seq -> seq > last)) {
        throw conflict("journal " + name + ", which has entries this working copy has not,");
      }
    }
    var records = from.records();
    List<String> keys = records.keys("");
    Map<String, JsonNode> documents = new HashMap<>();
    List<String> recordsThere = new ArrayList<>();
    var tableRecords = new DynamoRecords(table, DynamoTable.recordsPk(scope), java.util.Optional.empty());
    for (String key : keys) {
      JsonNode doc = records.get(key, JsonNode.class).orElseThrow();
      documents.put(key, doc);
      var had = tableRecords.get(key, JsonNode.class);
      if (had.isPresent()) {
        if (!had.get().equals(doc)) {
          throw conflict("record " + key);
        }
        recordsThere.add(key);
      }
    }
    int copied = 0;
    int skipped = 0;
    for (var journal : journals.entrySet()) {
      for (var e : journal.getValue()) {
        if (there.get(journal.getKey()).containsKey(e.seq())) {
          skipped++;
          continue;
        }
        put(journal.getKey(), e);
        copied++;
      }
    }
    for (String key : keys) {
      if (!recordsThere.contains(key)) {
        tableRecords.put(key, documents.get(key));
      }
    }
    return new Copied(journals.size(), copied, skipped, keys.size() - recordsThere.size(), recordsThere.size());
  }

  private Fault conflict(String what) {
    return Fault.failed("the table " + table.name() + " already holds state for " + scope.key() + " that differs"
        + " from this working copy's: " + what + "; nothing was copied",
        "migrate once, from the working copy whose state is current, before the team uses the table; or use"
            + " another table (state.table)");
  }

  private boolean same(FileStateStore.RawEntry e, Map<String, AttributeValue> item) {
    try {
      return e.key().equals(item.get("key").s()) && e.event().equals(json.readTree(item.get("event").s()));
    } catch (JsonProcessingException unreadable) {
      return false;
    }
  }

  private Map<Long, Map<String, AttributeValue>> tableEntries(String journal) {
    Expr e = new Expr();
    QueryRequest query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
        .keyConditionExpression(e.n(DynamoTable.PK) + " = " + e.v("pk", DynamoTable.journalPk(scope, journal)))
        .expressionAttributeNames(e.names()).expressionAttributeValues(e.values()).build();
    Map<Long, Map<String, AttributeValue>> out = new HashMap<>();
    table.call("read journal " + journal, () -> {
      table.client().queryPaginator(query).items().forEach(i -> out.put(Long.parseLong(i.get("seq").n()), i));
      return null;
    });
    return out;
  }

  private void put(String journal, FileStateStore.RawEntry e) {
    String event = e.event().toString();
    DynamoTable.fits("entry " + e.seq() + " of journal " + journal, event.getBytes(StandardCharsets.UTF_8).length);
    Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(DynamoTable.journalPk(scope, journal),
        DynamoJournal.sk(e.seq())));
    item.put("seq", AttributeValue.fromN(Long.toString(e.seq())));
    item.put("at", AttributeValue.fromS(e.at()));
    item.put("key", AttributeValue.fromS(e.key()));
    item.put("event", AttributeValue.fromS(event));
    Expr x = new Expr();
    try {
      table.call("copy to journal " + journal, () -> table.client().putItem(r -> r.tableName(table.name()).item(item)
          .conditionExpression("attribute_not_exists(" + x.n(DynamoTable.PK) + ")").expressionAttributeNames(x.names())));
    } catch (ConditionalCheckFailedException raced) {
      throw conflict("entry " + e.seq() + " of journal " + journal + " (written meanwhile)");
    }
  }
}
