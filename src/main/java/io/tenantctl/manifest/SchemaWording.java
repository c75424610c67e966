package io.tenantctl.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Words a schema validation message for a person: what is wrong, where, and how to fix it. The words
 * come from the schema itself where they can (titles, descriptions, examples, allowed keys).
 */
final class SchemaWording {

  private final LocatedYaml yaml;

  SchemaWording(LocatedYaml yaml) {
    this.yaml = yaml;
  }

  ManifestProblem problem(SchemaFinding f) {
    List<Object> path = f.path();
    ShippedSchema.Node keyword = f.rule();
    ShippedSchema.Node owner = keyword.parent();
    JsonNode value = f.value();
    String limit = f.argument();
    return switch (f.keyword()) {
      case "additionalProperties" -> unknownKey(path, f.property(), owner);
      case "required" -> missing(path, f.property(), owner);
      case "type" -> wrongType(path, value, owner, limit);
      case "pattern", "format" -> invalid(path, value, owner);
      case "enum" -> notOneOf(path, value, owner);
      case "propertyNames" -> invalidKey(path, f.property(), keyword.with("title"));
      case "minimum" -> at(path, label(path) + " must be at least " + limit + ", not "
          + value.asText(), "set it to " + limit + " or more");
      case "maximum" -> at(path, label(path) + " must be at most " + limit + ", not "
          + value.asText(), "set it to " + limit + " or less");
      case "minItems", "minProperties" -> at(path, label(path) + " is empty",
          "add at least one entry: " + fix(owner));
      case "uniqueItems" -> repeated(path, value);
      case "minLength" -> value.asText().isEmpty() ? noValue(path, owner, "a value") : generic(path, f, owner);
      case "maxLength" -> at(path, label(path) + " is too long: " + value.asText().length()
          + " characters, at most " + limit, "shorten it");
      default -> generic(path, f, owner);
    };
  }

  /** A group of failed {@code anyOf} alternatives, worded as one problem. */
  ManifestProblem alternatives(List<SchemaFinding> group) {
    List<Object> path = group.get(0).path();
    List<String> keys = group.stream().filter(f -> f.keyword().equals("required"))
        .map(SchemaFinding::property).distinct().toList();
    List<SchemaFinding> ofItsForm = group.stream().filter(f -> !f.keyword().equals("type")).toList();
    if (keys.isEmpty() && (ofItsForm.isEmpty() || ofItsForm.get(0).keyword().equals("pattern"))) {
      // a value of several allowed forms (a tolerance: 2 or "10%") that fits none: the property explains it
      ShippedSchema.Node property = group.get(0).rule().parent().parent().parent();
      return invalid(path, group.get(0).value(), property);
    }
    if (keys.isEmpty()) {
      return problem(ofItsForm.get(0));
    }
    if (keys.size() != group.size()) {
      return problem(group.get(0));
    }
    return new ManifestProblem(yaml.keyAt(pointer(path)),
        label(path) + " needs " + String.join(" or ", keys) + (keys.size() > 1 ? " (or both)" : ""),
        "add " + String.join(" or ", keys.stream().map(k -> "\"" + k + ":\"").toList()) + " under \""
            + key(path) + ":\"");
  }

  private ManifestProblem unknownKey(List<Object> path, String key, ShippedSchema.Node owner) {
    List<String> allowed = new ArrayList<>();
    owner.json().path("properties").fieldNames().forEachRemaining(allowed::add);
    String list = "allowed keys: " + String.join(", ", allowed);
    String fix = ClosestName.among(key, allowed).map(k -> "did you mean \"" + k + "\"? (" + list + ")")
        .orElse("remove it (" + list + ")");
    return new ManifestProblem(yaml.keyAt(LocatedYaml.child(pointer(path), key)),
        "unknown key \"" + key + "\"" + (path.isEmpty() ? "" : " in " + label(path)), fix);
  }

  private ManifestProblem missing(List<Object> path, String key, ShippedSchema.Node owner) {
    ShippedSchema.Node property = owner.child("properties").child(key);
    return new ManifestProblem(path.isEmpty() ? yaml.valueAt("") : yaml.keyAt(pointer(path)),
        "missing required key \"" + key + "\"" + (path.isEmpty() ? "" : " in " + label(path)),
        "add \"" + key + ":\" — " + fix(property));
  }

  private ManifestProblem wrongType(List<Object> path, JsonNode value, ShippedSchema.Node owner,
      String expected) {
    if (value.isNull() || value.isMissingNode()) {
      return noValue(path, owner, noun(expected));
    }
    String shown = yaml.raw(pointer(path)).orElse(value.asText());
    if (expected.equals("string") && value.isValueNode()) {
      String pattern = owner.text("pattern");
      if (!pattern.isEmpty() && !Pattern.compile(pattern).matcher(shown).find()) {
        return invalid(path, value, owner);
      }
      String canonical = value.asText();
      return at(path, label(path) + " must be a string, but YAML reads " + shown + " as " + noun(value)
          + (canonical.equals(shown) ? "" : " (" + canonical + ")"), "quote it: \"" + shown + "\"");
    }
    if (expected.equals("integer") && value.isTextual() && value.asText().matches("-?\\d+")) {
      return at(path, label(path) + " must be a number, not the string \"" + shown + "\"",
          "remove the quotes: " + shown);
    }
    String fix = switch (expected) {
      case "object" -> "write its keys on lines indented below \"" + key(path) + ":\"";
      case "array" -> value.isValueNode() ? "write it as a list: [" + shown + "]"
          : "write it as a list: [a, b] or one \"- item\" line per entry";
      default -> fix(owner);
    };
    return at(path, label(path) + " must be " + noun(expected) + ", not " + noun(value), fix);
  }

  private ManifestProblem invalid(List<Object> path, JsonNode value, ShippedSchema.Node owner) {
    String text = yaml.raw(pointer(path)).orElse(value.asText());
    if (text.isEmpty()) {
      return noValue(path, owner, "a value");
    }
    String what = owner.text("title").isEmpty() ? "value" : owner.text("title");
    String shown = value.isTextual() ? "\"" + text + "\"" : text;
    String message = owner.isDefinition("tenantName")
        ? TenantName.check(text).orElse(label(path) + " " + shown + " is not a valid " + what)
        : label(path) + " " + shown + " is not a valid " + what;
    return at(path, message, fix(owner));
  }

  private ManifestProblem notOneOf(List<Object> path, JsonNode value, ShippedSchema.Node owner) {
    List<String> allowed = new ArrayList<>();
    owner.with("enum").json().path("enum").forEach(v -> allowed.add(v.asText()));
    String shown = yaml.raw(pointer(path)).orElse(value.asText());
    return at(path, label(path) + " " + (value.isTextual() ? "\"" + shown + "\"" : shown) + " is not one of: "
        + String.join(", ", allowed), fix(owner));
  }

  private ManifestProblem invalidKey(List<Object> path, String key, ShippedSchema.Node definition) {
    Source where = yaml.keyAt(LocatedYaml.child(pointer(path), key));
    if (definition.isDefinition("tagKey")) {
      String lower = key.toLowerCase(Locale.ROOT);
      String owner = lower.startsWith("aws:") ? "it belongs to AWS"
          : lower.startsWith("tenantctl:") ? "tenantctl writes its tenantctl: tags itself" : null;
      if (owner != null) {
        return new ManifestProblem(where, "tag key \"" + key + "\" is reserved: " + owner,
            "rename the tag; keys starting with aws: or tenantctl: are reserved");
      }
    }
    return new ManifestProblem(where, "\"" + key + "\" under " + label(path) + " is not a valid "
        + definition.text("title"), fix(definition));
  }

  private ManifestProblem noValue(List<Object> path, ShippedSchema.Node owner, String expected) {
    JsonNode examples = owner.with("examples").json().path("examples");
    String example = examples.isEmpty() ? "" : ", e.g. " + examples.get(0).asText();
    return at(path, label(path) + " has no value",
        "write " + expected + " after \"" + key(path) + ":\"" + example);
  }

  private ManifestProblem repeated(List<Object> path, JsonNode list) {
    for (int j = 1; j < list.size(); j++) {
      for (int i = 0; i < j; i++) {
        if (list.get(i).equals(list.get(j))) {
          List<Object> item = new ArrayList<>(path);
          item.add(j);
          return at(item, label(path) + " lists \"" + list.get(j).asText() + "\" more than once",
              "remove the repeated entry");
        }
      }
    }
    return at(path, label(path) + " lists an entry more than once", "remove the repeated entry");
  }

  private ManifestProblem generic(List<Object> path, SchemaFinding f, ShippedSchema.Node owner) {
    String detail = f.detail();
    String fix = fix(owner);
    return at(path, (path.isEmpty() ? "" : label(path) + ": ") + detail,
        fix.isEmpty() ? "see schema/" + owner.doc() : fix);
  }

  private ManifestProblem at(List<Object> path, String message, String fix) {
    return new ManifestProblem(yaml.valueAt(pointer(path)), message, fix);
  }

  /** A schema description, used as a fix: first letter lowercase, no final period. */
  private static String fix(ShippedSchema.Node node) {
    String text = node.text("description").strip();
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    boolean word = text.length() > 1 && Character.isLowerCase(text.charAt(1));
    return word ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
  }

  static String pointer(List<Object> path) {
    String pointer = "";
    for (Object element : path) {
      pointer = element instanceof Integer i ? LocatedYaml.child(pointer, i)
          : LocatedYaml.child(pointer, element.toString());
    }
    return pointer;
  }

  /** A path as people write it: {@code waves[1].bake}, {@code tags."aws:owner"}. */
  static String label(List<Object> path) {
    StringBuilder label = new StringBuilder();
    for (Object element : path) {
      if (element instanceof Integer i) {
        label.append('[').append(i).append(']');
      } else {
        String key = element.toString();
        label.append(label.length() == 0 ? "" : ".").append(key.matches("[A-Za-z0-9_-]+") ? key : '"' + key + '"');
      }
    }
    return label.toString();
  }

  /** The nearest mapping key on the path, as the user typed it before the colon. */
  private static String key(List<Object> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (!(path.get(i) instanceof Integer)) {
        return path.get(i).toString();
      }
    }
    return "";
  }

  static String noun(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isNumber()) {
      return "a number";
    }
    return value.isNull() ? "nothing" : "a string";
  }

  private static String noun(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> "a string";
    };
  }
}
