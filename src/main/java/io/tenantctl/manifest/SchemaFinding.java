package io.tenantctl.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One schema violation as tenantctl words it: the keyword that failed, where in the manifest, and its
 * argument. The only class that reads the validator's message type, so a library upgrade changes one file.
 *
 * @param keyword  the failed keyword: {@code type}, {@code required}, {@code pattern}, …
 * @param path     keys and list indexes of the offending value, from the document root
 * @param value    the offending value; a missing node, never null, when the validator gives none
 * @param property the key a {@code required}, {@code additionalProperties} or {@code propertyNames}
 *                 finding is about; empty for the others
 * @param argument the expected type for {@code type}, the limit for {@code minimum}, {@code maximum},
 *                 {@code maxLength}; empty for the others
 * @param rule     where the keyword is written in the shipped schema
 * @param anyOf    the schema path up to the last {@code anyOf} it was evaluated under, if any: findings
 *                 that share it and {@code path} are alternatives of one choice
 * @param detail   the validator's own wording, without the location it starts with
 */
record SchemaFinding(String keyword, List<Object> path, JsonNode value, String property, String argument,
    ShippedSchema.Node rule, Optional<String> anyOf, String detail) {

  SchemaFinding {
    path = List.copyOf(path);
    value = value == null ? MissingNode.getInstance() : value;
    property = property == null ? "" : property;
    argument = argument == null ? "" : argument;
  }

  static SchemaFinding of(ValidationMessage m) {
    String keyword = String.valueOf(m.getType());
    String message = m.getMessage() == null ? keyword : m.getMessage();
    return new SchemaFinding(keyword, elements(m.getInstanceLocation()), m.getInstanceNode(), m.getProperty(),
        argument(keyword, m.getArguments()), rule(m.getSchemaLocation()), anyOf(m.getEvaluationPath()),
        message.substring(message.indexOf(':') + 1).strip());
  }

  private static String argument(String keyword, Object[] arguments) {
    // the validator's message arguments: type gives (found, expected); the limits give (limit)
    int index = switch (keyword) {
      case "type" -> 1;
      case "minimum", "maximum", "maxLength" -> 0;
      default -> -1;
    };
    return index < 0 || arguments == null || arguments.length <= index || arguments[index] == null
        ? "" : arguments[index].toString();
  }

  private static ShippedSchema.Node rule(SchemaLocation location) {
    String iri = location.getAbsoluteIri().toString();
    String pointer = "";
    JsonNodePath fragment = location.getFragment();
    for (Object element : elements(fragment)) {
      pointer = element instanceof Integer index
          ? LocatedYaml.child(pointer, index) : LocatedYaml.child(pointer, element.toString());
    }
    return new ShippedSchema.Node(iri.substring(iri.lastIndexOf('/') + 1), pointer);
  }

  private static Optional<String> anyOf(JsonNodePath path) {
    int last = -1;
    for (int i = 0; i < path.getNameCount(); i++) {
      if ("anyOf".equals(path.getName(i))) {
        last = i;
      }
    }
    if (last < 0) {
      return Optional.empty();
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      prefix.append('/').append(path.getName(i));
    }
    return Optional.of(prefix.toString());
  }

  private static List<Object> elements(JsonNodePath path) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; path != null && i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }
}
