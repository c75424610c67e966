package io.tenantctl.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a manifest against the schema we ship, turns each finding into a located problem, and prunes
 * the offending nodes so that the Java rules after it see only well-formed values.
 */
final class SchemaCheck {

  private final ShippedSchema schema;
  private final String kind;

  SchemaCheck(ShippedSchema schema, String kind) {
    this.schema = schema;
    this.kind = kind;
  }

  static SchemaCheck fleet() {
    return new SchemaCheck(ShippedSchema.FLEET, "fleet file");
  }

  static SchemaCheck tenant() {
    return new SchemaCheck(ShippedSchema.TENANT, "tenant manifest");
  }

  /** Adds the problems; returns whether the document is a mapping the rules can go on with. */
  boolean check(LocatedYaml yaml, List<ManifestProblem> problems) {
    JsonNode root = yaml.root();
    String required = String.join(", ", schema.requiredKeys());
    if (root.isMissingNode()) {
      problems.add(new ManifestProblem(Source.of(yaml.file()), "the " + kind + " is empty",
          "write a mapping with at least these keys: " + required));
      return false;
    }
    if (!root.isObject()) {
      problems.add(new ManifestProblem(yaml.valueAt(""), "the " + kind + " must be a mapping of keys,"
          + " not " + SchemaWording.noun(root), "write \"key: value\" lines; required keys: " + required));
      return false;
    }
    SchemaWording wording = new SchemaWording(yaml);
    List<ManifestProblem> found = new ArrayList<>();
    List<SchemaFinding> findings = schema.validate(root);
    Map<String, List<SchemaFinding>> alternatives = new LinkedHashMap<>();
    for (SchemaFinding finding : findings) {
      if (finding.anyOf().isPresent()) {
        alternatives.computeIfAbsent(finding.path() + " " + finding.anyOf().get(), k -> new ArrayList<>())
            .add(finding);
      } else {
        found.add(wording.problem(finding));
      }
    }
    alternatives.values().forEach(group -> found.add(wording.alternatives(group)));
    found.sort(Comparator.comparingInt((ManifestProblem p) -> p.where().line())
        .thenComparingInt(p -> p.where().column()));
    problems.addAll(found);
    prune(root, findings);
    return true;
  }

  private static void prune(JsonNode root, List<SchemaFinding> findings) {
    TreeSet<List<Object>> doomed = new TreeSet<>(SchemaCheck::compare);
    for (SchemaFinding finding : findings) {
      List<Object> path = new ArrayList<>(finding.path());
      switch (finding.keyword()) {
        case "additionalProperties", "propertyNames" -> path.add(finding.property());
        case "required", "minItems", "minProperties", "uniqueItems" -> path.clear();
        default -> { }
      }
      if (!path.isEmpty()) {
        doomed.add(path);
      }
    }
    // Last paths first, so that removing a list item never shifts one that is still to be removed.
    doomed.descendingSet().forEach(path -> remove(root, path));
  }

  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c = x instanceof Integer m && y instanceof Integer n ? Integer.compare(m, n)
          : x.toString().compareTo(y.toString());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static void remove(JsonNode root, List<Object> path) {
    JsonNode parent = root;
    for (Object element : path.subList(0, path.size() - 1)) {
      parent = element instanceof Integer i ? parent.path(i) : parent.path(element.toString());
    }
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode mapping) {
      mapping.remove(last.toString());
    } else if (parent instanceof ArrayNode list && last instanceof Integer i && i < list.size()) {
      list.remove(i);
    }
  }
}
