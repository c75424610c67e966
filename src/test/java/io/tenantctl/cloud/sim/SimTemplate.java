package io.tenantctl.cloud.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Stacks.ChangeAction;
import io.tenantctl.cloud.Stacks.Replacement;
import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.isolation.TemplateReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the simulation reads of a template: its resources (in template order) and its output names. */
record SimTemplate(Map<String, Resource> resources, List<String> outputs) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final SimTemplate EMPTY = new SimTemplate(Map.of(), List.of());

  record Resource(String logicalId, String type, JsonNode definition) {}

  static SimTemplate parse(String body) {
    JsonNode root;
    try {
      root = JSON.valueToTree(TemplateReader.read(body));
    } catch (TemplateReader.InvalidTemplate e) {
      throw validation("Template format error: " + e.getMessage());
    }
    JsonNode resources = root.get("Resources");
    if (resources == null || !resources.isObject() || resources.isEmpty()) {
      throw validation("Template format error: At least one Resources member must be defined.");
    }
    Map<String, Resource> out = new LinkedHashMap<>();
    resources.fields().forEachRemaining(e -> {
      JsonNode type = e.getValue().get("Type");
      if (type == null || !type.isTextual()) {
        throw validation("Template format error: [/Resources/" + e.getKey() + "] Every Resources object must"
            + " contain a Type member.");
      }
      out.put(e.getKey(), new Resource(e.getKey(), type.asText(), e.getValue()));
    });
    List<String> outputs = new ArrayList<>();
    JsonNode declared = root.get("Outputs");
    if (declared != null) {
      declared.fieldNames().forEachRemaining(outputs::add);
    }
    return new SimTemplate(out, List.copyOf(outputs));
  }

  /**
   * What moving from {@code old} (with its parameters) to this template (with {@code params}) changes: Add and
   * Modify in this template's order, then Remove. A resource is modified when its definition differs or it
   * mentions a parameter whose value changed; a changed {@code ...Name} property means replacement.
   */
  List<ResourceChange> changesFrom(SimTemplate old, Map<String, String> oldParams, Map<String, String> params) {
    Set<String> changedParams = new TreeSet<>();
    Set<String> names = new TreeSet<>(oldParams.keySet());
    names.addAll(params.keySet());
    names.stream().filter(n -> !String.valueOf(oldParams.get(n)).equals(String.valueOf(params.get(n))))
        .forEach(changedParams::add);
    List<ResourceChange> changes = new ArrayList<>();
    resources.values().forEach(r -> {
      Resource before = old.resources().get(r.logicalId());
      if (before == null) {
        changes.add(new ResourceChange(ChangeAction.ADD, r.logicalId(), r.type(), Replacement.NEVER));
      } else if (!before.definition().equals(r.definition()) || mentions(r, changedParams)) {
        changes.add(new ResourceChange(ChangeAction.MODIFY, r.logicalId(), r.type(),
            replaces(before, r) ? Replacement.ALWAYS : Replacement.NEVER));
      }
    });
    old.resources().values().stream().filter(r -> !resources.containsKey(r.logicalId()))
        .forEach(r -> changes.add(new ResourceChange(ChangeAction.REMOVE, r.logicalId(), r.type(), Replacement.NEVER)));
    return changes;
  }

  private static boolean mentions(Resource r, Set<String> params) {
    String text = r.definition().toString();
    return params.stream().anyMatch(text::contains);
  }

  private static boolean replaces(Resource before, Resource after) {
    if (!before.type().equals(after.type())) {
      return true;
    }
    JsonNode was = before.definition().path("Properties");
    JsonNode now = after.definition().path("Properties");
    List<String> keys = new ArrayList<>();
    now.fieldNames().forEachRemaining(keys::add);
    was.fieldNames().forEachRemaining(keys::add);
    return keys.stream().anyMatch(k -> k.endsWith("Name") && !was.path(k).equals(now.path(k)));
  }

  private static CloudException validation(String message) {
    return SimStacks.error("ValidationError", message);
  }
}
