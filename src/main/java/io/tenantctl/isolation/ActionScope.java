package io.tenantctl.isolation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** Whether a statement's actions only read. */
final class ActionScope {

  private static final List<String> READ_VERBS = List.of("get", "list", "describe");
  private static final Set<String> READ_ACTIONS = Set.of(
      "kms:decrypt", "ecr:batchgetimage", "ecr:batchchecklayeravailability");

  private ActionScope() {}

  /**
   * The first action that may do more than read, as written, or empty when every action only
   * reads. {@code NotAction} grants everything else, so it never only reads.
   */
  static Optional<String> firstNonRead(IamStatement statement) {
    if (!statement.notActions().isEmpty()) {
      return Optional.of("NotAction " + statement.notActions().get(0).value());
    }
    return statement.actions().stream()
        .map(IamAction::value)
        .filter(action -> !readsOnly(action))
        .findFirst();
  }

  private static boolean readsOnly(String action) {
    String lower = action.toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String name = lower.substring(colon + 1);
    int wildcard = firstWildcard(name);
    if (wildcard < 0) {
      return READ_ACTIONS.contains(lower) || READ_VERBS.stream().anyMatch(name::startsWith);
    }
    // s3:Get* only reads; s3:G* might match anything starting with G.
    String literal = name.substring(0, wildcard);
    return READ_VERBS.stream().anyMatch(literal::startsWith);
  }

  private static int firstWildcard(String name) {
    int star = name.indexOf('*');
    int question = name.indexOf('?');
    if (star < 0) {
      return question;
    }
    return question < 0 ? star : Math.min(star, question);
  }
}
