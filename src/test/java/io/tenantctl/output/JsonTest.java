package io.tenantctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantctl.core.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
  enum Result { CREATED, UNCHANGED }

  record Stack(String name, Result result, Optional<String> reason, Duration took, Instant at) {}

  record Outcome(String tenant, Optional<String> accountId, List<Stack> stacks, Optional<String> error) {}

  record Ordered(String zebra, String apple, int mango) {}

  private static final Secrets NONE = new Secrets();

  @Test
  void recordsOptionalsDurationsInstantsAndEnums() throws Exception {
    Outcome o = new Outcome("acme", Optional.empty(),
        List.of(new Stack("baseline", Result.CREATED, Optional.of("new"), Duration.ofSeconds(83),
            Instant.parse("2026-11-23T10:42:07Z"))),
        Optional.empty());
    JsonNode tree = Json.reader().readTree(new Json(NONE).pretty(o));
    assertEquals("acme", tree.get("tenant").asText());
    assertTrue(tree.get("accountId").isNull(), "an empty Optional is null");
    assertTrue(tree.has("error"));
    JsonNode stack = tree.get("stacks").get(0);
    assertEquals("CREATED", stack.get("result").asText());
    assertEquals("new", stack.get("reason").asText(), "a present Optional is its value");
    assertEquals("PT1M23S", stack.get("took").asText());
    assertEquals("2026-11-23T10:42:07Z", stack.get("at").asText());
  }

  @Test
  void fieldsFollowTheRecordsComponentOrder() throws Exception {
    JsonNode tree = Json.reader().readTree(new Json(NONE).compact(new Ordered("z", "a", 1)));
    List<String> names = new ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("zebra", "apple", "mango"), names);
  }

  @Test
  void prettyIsIndentedAndCompactIsOneLine() {
    Json json = new Json(NONE);
    assertTrue(json.pretty(new Ordered("z", "a", 1)).contains("\n  \"zebra\""));
    assertFalse(json.compact(List.of(new Ordered("z", "a", 1), new Ordered("y", "b", 2))).contains("\n"));
  }

  @Test
  void aPathIsWrittenAsItsText() throws Exception {
    assertEquals("\"state/journal.jsonl\"", new Json(NONE).compact(Path.of("state/journal.jsonl")));
  }

  @Test
  void secretsWithQuotesAndBackslashesAreMaskedBeforeEscaping() throws Exception {
    String secret = "pa\"ss\\word";
    Secrets secrets = new Secrets();
    secrets.add(secret);
    Map<String, String> byKey = new LinkedHashMap<>();
    byKey.put("key-" + secret, "value");
    Outcome o = new Outcome("acme", Optional.of("111122223333"),
        List.of(new Stack("db " + secret, Result.CREATED, Optional.of("password is " + secret),
            Duration.ZERO, Instant.EPOCH)),
        Optional.of("CreateStack failed: parameter DbPassword=" + secret + " is invalid"));
    for (Object value : List.of(o, byKey)) {
      for (String text : List.of(new Json(secrets).pretty(value), new Json(secrets).compact(value))) {
        assertFalse(text.contains("pa\\\"ss\\\\word"), "the escaped secret must not appear: " + text);
        assertFalse(text.contains("ss\\\\word"), text);
        assertFalse(text.contains("pa\\\""), text);
        assertTrue(text.contains("****"), text);
        Json.reader().readTree(text);
      }
    }
    JsonNode tree = Json.reader().readTree(new Json(secrets).compact(o));
    assertEquals("CreateStack failed: parameter DbPassword=**** is invalid", tree.get("error").asText());
    assertEquals("password is ****", tree.get("stacks").get(0).get("reason").asText());
    assertEquals("db ****", tree.get("stacks").get(0).get("name").asText());
    assertTrue(Json.reader().readTree(new Json(secrets).compact(byKey)).has("key-****"), "map keys are masked");
  }
}
