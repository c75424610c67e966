package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas in schema/ are what editors see, so they must be complete and the same as the packaged ones. */
class ShippedSchemaTest {

  @ParameterizedTest
  @ValueSource(strings = {"fleet.schema.json", "tenant.schema.json"})
  void thePackagedSchemaIsTheOneInTheRepository(String name) throws IOException {
    try (var packaged = getClass().getClassLoader().getResourceAsStream(ShippedSchema.RESOURCES + name)) {
      assertEquals(Files.readString(Path.of("schema", name)), new String(packaged.readAllBytes(), "UTF-8"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fleet.schema.json", "tenant.schema.json"})
  void everyPropertyHasHelpAndEveryRecordIsClosed(String name) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Path.of("schema", name).toFile());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    List<String> faults = new ArrayList<>();
    walk(schema, "", faults);
    assertTrue(faults.isEmpty(), String.join("\n", faults));
  }

  private static void walk(JsonNode node, String where, List<String> faults) {
    if (!node.isObject()) {
      return;
    }
    if (node.has("properties")) {
      if (!node.path("additionalProperties").isBoolean() || node.get("additionalProperties").asBoolean()) {
        faults.add(where + ": additionalProperties is not false");
      }
      node.get("properties").fields().forEachRemaining(p -> {
        if (!p.getValue().has("title") || !p.getValue().has("description")) {
          faults.add(where + "/properties/" + p.getKey() + ": no title or description");
        }
      });
    }
    node.fields().forEachRemaining(child -> walk(child.getValue(), where + "/" + child.getKey(), faults));
  }
}
