package io.tenantctl.isolation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;

/**
 * Works out a template value from the parameters it will be deployed with and the target account.
 * The result is made of maps, lists and strings; what cannot be worked out becomes an
 * {@link Unresolved} in its place, and {@code AWS::NoValue} disappears.
 */
final class IntrinsicResolver {

  private static final Object NO_VALUE = new Object();
  private static final int MAX_DEPTH = 64;

  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<?, ?> mappings;
  private final DeployTarget target;
  private final SameAccountResources resources;
  private final TemplateConditions conditions;
  private int depth;

  IntrinsicResolver(Map<String, Object> template, Map<String, String> values, DeployTarget target) {
    this.target = target;
    this.mappings = section(template, "Mappings");
    this.resources = new SameAccountResources(sectionOf(template, "Resources"), target, this::resolve);
    section(template, "Parameters").forEach((name, declaration) ->
        parameters.put(String.valueOf(name), parameter(String.valueOf(name), declaration, values)));
    this.conditions = new TemplateConditions(sectionOf(template, "Conditions"), this::resolve);
  }

  TemplateConditions conditions() {
    return conditions;
  }

  /** The value, resolved; {@code null} when it is {@code AWS::NoValue} or absent. */
  Object resolve(Object value) {
    if (++depth > MAX_DEPTH) {
      depth--;
      return new Unresolved("a circular reference");
    }
    try {
      Object resolved = resolveOnce(value);
      return resolved == NO_VALUE ? null : resolved;
    } finally {
      depth--;
    }
  }

  private Object resolveOnce(Object value) {
    if (value instanceof String text) {
      return text.contains("{{resolve:") ? new Unresolved("dynamic reference " + text) : text;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      list.stream().map(this::resolve).filter(item -> item != null).forEach(items::add);
      return items;
    }
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        if (key.equals("Ref") || key.startsWith("Fn::")) {
          return intrinsic(key, map.values().iterator().next());
        }
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        Object resolved = resolve(v);
        if (resolved != null) {
          entries.put(String.valueOf(k), resolved);
        }
      });
      return entries;
    }
    return value;
  }

  private Object intrinsic(String name, Object argument) {
    return switch (name) {
      case "Ref" -> ref(String.valueOf(argument));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> substitute(argument);
      case "Fn::Join" -> join(argument);
      case "Fn::Select" -> select(argument);
      case "Fn::Split" -> split(argument);
      case "Fn::If" -> choose(argument);
      case "Fn::FindInMap" -> findInMap(argument);
      case "Fn::Base64" -> resolve(argument) instanceof String text
          ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
          : new Unresolved("Fn::Base64");
      default -> new Unresolved(name);
    };
  }

  Object ref(String name) {
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    switch (name) {
      case "AWS::AccountId": return target.accountId();
      case "AWS::Partition": return target.partition();
      case "AWS::Region": return target.region();
      case "AWS::StackName": return target.stackName();
      case "AWS::URLSuffix": return target.urlSuffix();
      case "AWS::NoValue": return NO_VALUE;
      case "AWS::StackId": return Arn.builder().partition(target.partition()).service("cloudformation")
          .region(target.region()).accountId(target.accountId())
          .resource("stack/" + target.stackName() + "/unknown").build().toString();
      default: break;
    }
    return resources.contains(name) ? resources.ref(name) : new Unresolved("Ref to unknown name " + name);
  }

  /** {@code Fn::Sub}, in its string and its {@code [string, {variables}]} forms. */
  private Object substitute(Object argument) {
    Object text = argument;
    Map<?, ?> variables = Map.of();
    if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> map) {
      text = list.get(0);
      variables = map;
    }
    if (!(text instanceof String template)) {
      return new Unresolved("Fn::Sub " + argument);
    }
    Map<?, ?> given = variables;
    return Substitution.apply(template, name -> given.containsKey(name)
        ? resolve(given.get(name))
        : variable(name));
  }

  /** A {@code ${Name}} or {@code ${Resource.Attribute}} of {@code Fn::Sub}. */
  private Object variable(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && !name.startsWith("AWS::")
        ? getAtt(List.of(name.substring(0, dot), name.substring(dot + 1)))
        : ref(name);
  }

  private Object getAtt(Object argument) {
    Object resolved = resolve(argument);
    List<?> parts = resolved instanceof String text ? Arrays.asList(text.split("\\.", 2))
        : resolved instanceof List<?> list ? list : List.of();
    if (parts.size() != 2 || !(parts.get(0) instanceof String logicalId)
        || !(parts.get(1) instanceof String attribute)) {
      return new Unresolved("Fn::GetAtt " + argument);
    }
    return resources.contains(logicalId)
        ? resources.attribute(logicalId, attribute)
        : new Unresolved("Fn::GetAtt of unknown resource " + logicalId + "." + attribute);
  }

  private Object join(Object argument) {
    List<?> args = arguments(resolve(argument), 2);
    if (args == null || !(args.get(0) instanceof String delimiter)
        || !(args.get(1) instanceof List<?> items)) {
      return firstUnresolved(args, "Fn::Join");
    }
    List<String> texts = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String text)) {
        return firstUnresolved(item, "Fn::Join");
      }
      texts.add(text);
    }
    return String.join(delimiter, texts);
  }

  private Object select(Object argument) {
    List<?> args = arguments(resolve(argument), 2);
    if (args == null || !(args.get(0) instanceof String index) || !index.matches("\\d{1,6}")
        || !(args.get(1) instanceof List<?> items) || Integer.parseInt(index) >= items.size()) {
      return firstUnresolved(args, "Fn::Select");
    }
    return items.get(Integer.parseInt(index));
  }

  private Object split(Object argument) {
    List<?> args = arguments(resolve(argument), 2);
    if (args == null || !(args.get(0) instanceof String delimiter) || delimiter.isEmpty()
        || !(args.get(1) instanceof String text)) {
      return firstUnresolved(args, "Fn::Split");
    }
    return new ArrayList<Object>(Arrays.asList(text.split(Pattern.quote(delimiter), -1)));
  }

  private Object choose(Object argument) {
    List<?> args = arguments(argument, 3);
    if (args == null) {
      return new Unresolved("Fn::If");
    }
    String condition = String.valueOf(args.get(0));
    Optional<Boolean> holds = conditions.evaluate(condition);
    if (holds.isEmpty()) {
      return new Unresolved("Fn::If on condition " + condition);
    }
    Object chosen = resolve(args.get(holds.get() ? 1 : 2));
    return chosen == null ? NO_VALUE : chosen;
  }

  private Object findInMap(Object argument) {
    List<?> args = arguments(argument, 3);
    if (args == null) {
      return new Unresolved("Fn::FindInMap");
    }
    Object level = mappings;
    for (Object key : args) {
      Object resolvedKey = resolve(key);
      if (!(resolvedKey instanceof String name) || !(level instanceof Map<?, ?> map)
          || !map.containsKey(name)) {
        return firstUnresolved(resolvedKey, "Fn::FindInMap " + args);
      }
      level = map.get(name);
    }
    return resolve(level);
  }

  private Object parameter(String name, Object declaration, Map<String, String> values) {
    Map<?, ?> declared = declaration instanceof Map<?, ?> map ? map : Map.of();
    String type = String.valueOf(declared.get("Type"));
    if (type.startsWith("AWS::SSM::Parameter::Value")) {
      return new Unresolved("Ref to " + name + ", an SSM parameter read at deploy time");
    }
    Object value = values.containsKey(name) ? values.get(name) : declared.get("Default");
    if (value == null) {
      return new Unresolved("Ref to parameter " + name + ", which has no value");
    }
    String text = String.valueOf(value);
    return type.equals("CommaDelimitedList") || type.startsWith("List<")
        ? new ArrayList<Object>(Arrays.stream(text.split(",")).map(String::trim).toList())
        : text;
  }

  private static List<?> arguments(Object argument, int count) {
    return argument instanceof List<?> list && list.size() == count ? list : null;
  }

  /** The first {@link Unresolved} within {@code value}, so its reason survives; else a new one. */
  static Unresolved firstUnresolved(Object value, String otherwise) {
    if (value instanceof Unresolved unresolved) {
      return unresolved;
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        Unresolved found = firstUnresolved(item, null);
        if (found != null) {
          return found;
        }
      }
    }
    if (value instanceof Map<?, ?> map) {
      return firstUnresolved(map.values(), otherwise);
    }
    return otherwise == null ? null : new Unresolved(otherwise);
  }

  private static Map<?, ?> section(Map<String, Object> template, String name) {
    return template.get(name) instanceof Map<?, ?> map ? map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sectionOf(Map<String, Object> template, String name) {
    return (Map<String, Object>) section(template, name);
  }
}
