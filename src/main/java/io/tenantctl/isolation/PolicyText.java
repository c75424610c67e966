package io.tenantctl.isolation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/** Reads a policy document into the SDK's {@link IamPolicy}. */
final class PolicyText {

  // A duplicated key (two "Principal"s) could hide a principal from one reader but not another.
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private PolicyText() {}

  static IamPolicy parse(String json) throws UnreadablePolicy {
    try {
      return parse(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new UnreadablePolicy(e.getOriginalMessage());
    }
  }

  static IamPolicy parse(JsonNode tree) throws UnreadablePolicy {
    if (tree == null || !tree.isObject()) {
      throw new UnreadablePolicy("a policy must be a JSON object");
    }
    try {
      return IamPolicy.fromJson(JSON.writeValueAsString(withScalarsAsText(tree.deepCopy())));
    } catch (JsonProcessingException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UnreadablePolicy(message.lines().findFirst().orElse(message));
    }
  }

  /**
   * The SDK's reader silently drops condition values that are JSON numbers or booleans (an account
   * id written as a number would vanish from a condition), so every scalar is made text first.
   */
  private static JsonNode withScalarsAsText(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, withScalarsAsText(object.get(name))));
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, withScalarsAsText(array.get(i)));
      }
      return array;
    }
    return node.isNumber() || node.isBoolean() ? TextNode.valueOf(node.asText()) : node;
  }

  /** A policy that cannot be parsed. */
  static final class UnreadablePolicy extends Exception {
    UnreadablePolicy(String message) {
      super(message);
    }
  }
}
