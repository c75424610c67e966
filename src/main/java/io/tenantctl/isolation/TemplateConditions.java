package io.tenantctl.isolation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The template's {@code Conditions}, evaluated where the parameters allow it. */
final class TemplateConditions {

  private final Map<String, Object> conditions;
  private final Function<Object, Object> resolve;
  private final Set<String> evaluating = new HashSet<>();

  TemplateConditions(Map<String, Object> conditions, Function<Object, Object> resolve) {
    this.conditions = conditions;
    this.resolve = resolve;
  }

  /** Whether the named condition holds; empty when it cannot be told (or does not exist). */
  Optional<Boolean> evaluate(String name) {
    if (!conditions.containsKey(name) || !evaluating.add(name)) {
      return Optional.empty();
    }
    try {
      return expression(conditions.get(name));
    } finally {
      evaluating.remove(name);
    }
  }

  private Optional<Boolean> expression(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
      return Optional.empty();
    }
    String function = String.valueOf(map.keySet().iterator().next());
    Object argument = map.values().iterator().next();
    List<?> args = argument instanceof List<?> list ? list : List.of();
    return switch (function) {
      case "Condition" -> evaluate(String.valueOf(argument));
      case "Fn::Equals" -> args.size() == 2 ? equal(args.get(0), args.get(1)) : Optional.empty();
      case "Fn::Not" -> args.size() == 1 ? expression(args.get(0)).map(b -> !b) : Optional.empty();
      case "Fn::And" -> all(args, true);
      case "Fn::Or" -> all(args, false);
      default -> Optional.empty();
    };
  }

  private Optional<Boolean> equal(Object left, Object right) {
    Object a = resolve.apply(left);
    Object b = resolve.apply(right);
    if (IntrinsicResolver.firstUnresolved(a, null) != null
        || IntrinsicResolver.firstUnresolved(b, null) != null) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(a).equals(String.valueOf(b)));
  }

  /** {@code Fn::And} ({@code and} true) or {@code Fn::Or}: one decisive operand settles it. */
  private Optional<Boolean> all(List<?> operands, boolean and) {
    if (operands.isEmpty()) {
      return Optional.empty();
    }
    boolean unknown = false;
    for (Object operand : operands) {
      Optional<Boolean> value = expression(operand);
      if (value.isEmpty()) {
        unknown = true;
      } else if (value.get() != and) {
        return Optional.of(!and);
      }
    }
    return unknown ? Optional.empty() : Optional.of(and);
  }
}
