package io.tenantctl.isolation;

import java.util.function.Function;

/** The text of {@code Fn::Sub}: {@code ${Name}} replaced, {@code ${!Literal}} kept as {@code ${Literal}}. */
final class Substitution {

  private Substitution() {}

  /**
   * @param variable a name's value: a string, or an {@link Unresolved}
   * @return the text, or the first {@link Unresolved} met
   */
  static Object apply(String template, Function<String, Object> variable) {
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("${", at);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (open < 0 || close < 0) {
        text.append(template, at, template.length());
        break;
      }
      text.append(template, at, open);
      String name = template.substring(open + 2, close).trim();
      if (name.startsWith("!")) {
        text.append("${").append(name.substring(1)).append('}');
      } else if (isPolicyVariable(name)) {
        text.append("${").append(name).append('}');
      } else {
        Object value = variable.apply(name);
        if (!(value instanceof String resolved)) {
          return value instanceof Unresolved unresolved
              ? unresolved
              : new Unresolved("Fn::Sub variable " + name + " that is not a string");
        }
        text.append(resolved);
      }
      at = close + 1;
    }
    return text.toString();
  }

  // IAM policy variables such as ${aws:username} are not CloudFormation's to replace.
  private static boolean isPolicyVariable(String name) {
    return name.contains(":") && !name.startsWith("AWS::");
  }
}
