package io.tenantctl.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of the JSON Schemas in the repository's {@code schema/} directory, as packaged on the class path:
 * the validator built from it, and its text, so that messages can quote its titles and descriptions.
 */
final class ShippedSchema {

  static final String RESOURCES = "io/tenantctl/manifest/schema/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true)
      .pathType(PathType.JSON_POINTER)
      .build();

  static final ShippedSchema FLEET = new ShippedSchema("fleet.schema.json");
  static final ShippedSchema TENANT = new ShippedSchema("tenant.schema.json");

  private final String fileName;
  private final JsonSchema validator;

  private ShippedSchema(String fileName) {
    this.fileName = fileName;
    this.validator = FACTORY.getSchema(SchemaLocation.of("classpath:" + RESOURCES + fileName), CONFIG);
  }

  /** The schema's findings on {@code instance}, in the validator's order. */
  List<SchemaFinding> validate(JsonNode instance) {
    return validator.validate(instance).stream().map(SchemaFinding::of).filter(ShippedSchema::applies).toList();
  }

  /**
   * The validator also checks {@code uniqueItems} on a mapping's values ({@code regions: {x: 1, y: 1}});
   * the keyword is about lists only, and the {@code type} finding already says what is wrong.
   */
  private static boolean applies(SchemaFinding finding) {
    return !finding.keyword().equals("uniqueItems") || finding.value().isArray();
  }

  /** The keys the schema requires at the top level. */
  List<String> requiredKeys() {
    List<String> keys = new ArrayList<>();
    root().json().path("required").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  Node root() {
    return new Node(fileName, "");
  }

  private static JsonNode document(String fileName) {
    return DOCUMENTS.computeIfAbsent(fileName, name -> {
      try (InputStream in = ShippedSchema.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new IllegalStateException("schema " + RESOURCES + name + " is missing from the class path");
        }
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A place in one of the schema documents. */
  record Node(String doc, String pointer) {

    JsonNode json() {
      return document(doc).at(pointer);
    }

    Node parent() {
      return new Node(doc, pointer.isEmpty() ? "" : pointer.substring(0, pointer.lastIndexOf('/')));
    }

    Node child(String name) {
      return new Node(doc, LocatedYaml.child(pointer, name));
    }

    /** Follows {@code $ref} until a node that has the field, or gives up; this node when none has it. */
    Node with(String field) {
      Node node = this;
      for (int hops = 0; hops < 8; hops++) {
        if (node.json().has(field) || !node.json().has("$ref")) {
          return node;
        }
        String ref = node.json().get("$ref").asText();
        int hash = ref.indexOf('#');
        node = new Node(hash > 0 ? ref.substring(0, hash) : hash == 0 ? node.doc : ref,
            hash >= 0 ? ref.substring(hash + 1) : "");
      }
      return node;
    }

    String text(String field) {
      return with(field).json().path(field).asText("");
    }

    boolean isDefinition(String name) {
      return pointer.equals("/$defs/" + name);
    }
  }
}
