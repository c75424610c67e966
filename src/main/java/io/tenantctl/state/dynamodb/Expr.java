package io.tenantctl.state.dynamodb;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The names and values of one DynamoDB expression: every attribute name goes through {@code #name} (DynamoDB
 * reserves hundreds of words) and only those used are sent (it refuses unused ones).
 */
final class Expr {
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, AttributeValue> values = new HashMap<>();

  /** {@code #attribute}, registered. */
  String n(String attribute) {
    names.put("#" + attribute, attribute);
    return "#" + attribute;
  }

  /** {@code :name} bound to {@code value}. */
  String v(String name, AttributeValue value) {
    values.put(":" + name, value);
    return ":" + name;
  }

  String v(String name, String value) {
    return v(name, AttributeValue.fromS(value));
  }

  String v(String name, long value) {
    return v(name, AttributeValue.fromN(Long.toString(value)));
  }

  Map<String, String> names() {
    return names;
  }

  /** The values, or null when there are none (DynamoDB refuses an empty map). */
  Map<String, AttributeValue> values() {
    return values.isEmpty() ? null : values;
  }
}
