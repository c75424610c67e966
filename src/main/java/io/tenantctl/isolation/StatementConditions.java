package io.tenantctl.isolation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamCondition;

/**
 * What an Allow statement's conditions say about the caller's account. Only conditions that can
 * only ever be true for the listed values narrow the caller down: negated operators
 * ({@code StringNotEquals}) admit everyone else, {@code …IfExists} admits callers without the key,
 * and {@code ForAllValues:} is true when the key is missing.
 *
 * @param accounts the only accounts the caller can be in, when a condition pins them down
 * @param orgPaths the {@code aws:PrincipalOrgPaths} patterns the caller must match, if any
 * @param orgIds   the {@code aws:PrincipalOrgID} values the caller must match, if any
 * @param subjects OIDC issuer (as in {@code token.actions.githubusercontent.com:sub}) → the
 *                 subjects its tokens must name, when each is bounded (no wildcard before the owner)
 * @param ignored  conditions on the caller's identity that do not narrow it, for messages
 */
record StatementConditions(
    Optional<Set<String>> accounts,
    Optional<List<String>> orgPaths,
    Optional<List<String>> orgIds,
    Map<String, List<String>> subjects,
    List<String> ignored) {

  // kms:CallerAccount is KMS's own name for the caller's account (used with kms:ViaService).
  private static final Set<String> ACCOUNT_KEYS = Set.of(
      "aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount");
  private static final Set<String> ARN_KEYS = Set.of("aws:principalarn", "aws:sourcearn");
  private static final Set<String> ORG_ID_KEYS = Set.of("aws:principalorgid", "aws:sourceorgid");
  private static final Set<String> ORG_PATH_KEYS =
      Set.of("aws:principalorgpaths", "aws:sourceorgpaths");
  private static final Set<String> NARROWING_OPERATORS =
      Set.of("stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike");
  // ArnEquals matches wildcards just as ArnLike does.
  private static final Set<String> PATTERN_OPERATORS = Set.of("stringlike", "arnequals", "arnlike");
  private static final String RESOURCE_ACCOUNT = "${aws:resourceaccount}";

  /**
   * @param here the account the policy lives in: {@code ${aws:ResourceAccount}} stands for it
   */
  static StatementConditions of(List<IamCondition> conditions, String here) {
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (IamCondition condition : conditions) {
      List<String> group = List.of(condition.operator().value(), condition.key().value());
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(condition.value());
    }
    Optional<Set<String>> accounts = Optional.empty();
    Optional<List<String>> orgPaths = Optional.empty();
    Optional<List<String>> orgIds = Optional.empty();
    Map<String, List<String>> subjects = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (Map.Entry<List<String>, List<String>> group : groups.entrySet()) {
      String operator = group.getKey().get(0);
      String key = group.getKey().get(1).toLowerCase(Locale.ROOT);
      if (key.endsWith(":sub") && !key.startsWith("aws:") && narrowing(operator).isPresent()
          && group.getValue().stream().allMatch(StatementConditions::boundedSubject)) {
        subjects.put(key.substring(0, key.length() - ":sub".length()), List.copyOf(group.getValue()));
        continue;
      }
      boolean aboutCaller = ACCOUNT_KEYS.contains(key) || ARN_KEYS.contains(key)
          || ORG_ID_KEYS.contains(key) || ORG_PATH_KEYS.contains(key);
      if (!aboutCaller) {
        continue;
      }
      Optional<Boolean> patterns = narrowing(operator);
      if (patterns.isEmpty()) {
        ignored.add(operator + " " + group.getKey().get(1));
        continue;
      }
      List<String> values = group.getValue();
      if (ORG_PATH_KEYS.contains(key)) {
        orgPaths = orgPaths.or(() -> unlessOpen(values, patterns.get()));
      } else if (ORG_ID_KEYS.contains(key)) {
        orgIds = orgIds.or(() -> unlessOpen(values, patterns.get()));
      } else {
        boolean byComponent = operator.toLowerCase(Locale.ROOT).replace("foranyvalue:", "").startsWith("arn");
        Optional<Set<String>> pinned =
            accountsOf(values, ARN_KEYS.contains(key), patterns.get(), byComponent, here);
        if (pinned.isPresent()) {
          accounts = Optional.of(accounts.map(a -> intersect(a, pinned.get())).orElse(pinned.get()));
        }
      }
    }
    return new StatementConditions(accounts, orgPaths, orgIds, Map.copyOf(subjects), List.copyOf(ignored));
  }

  /** Whether the operator narrows, and if so whether its values are patterns. */
  private static Optional<Boolean> narrowing(String operator) {
    String op = operator.toLowerCase(Locale.ROOT);
    if (op.startsWith("forallvalues:") || op.endsWith("ifexists")) {
      return Optional.empty();
    }
    String base = op.startsWith("foranyvalue:") ? op.substring("foranyvalue:".length()) : op;
    return NARROWING_OPERATORS.contains(base)
        ? Optional.of(PATTERN_OPERATORS.contains(base))
        : Optional.empty();
  }

  /** The accounts any of the values allows, or empty when one of them could be any account. */
  private static Optional<Set<String>> accountsOf(
      List<String> values, boolean arns, boolean patterns, boolean byComponent, String here) {
    Set<String> accounts = new HashSet<>();
    for (String value : values) {
      String account = value;
      if (arns) {
        Optional<PolicyPrincipals.ArnParts> arn = PolicyPrincipals.arn(value);
        if (arn.isEmpty()) {
          if (patterns && hasWildcard(value)) {
            return Optional.empty();
          }
          continue;
        }
        // Under StringLike a '*' before the account field could swallow the colons around it; ArnLike
        // matches each of the six fields on its own, so there it cannot.
        if (patterns && !byComponent && hasWildcard(arn.get().prefix())) {
          return Optional.empty();
        }
        account = arn.get().account();
        if (account.isEmpty()) {
          return Optional.empty(); // e.g. an S3 bucket ARN: it does not name its owner
        }
      }
      if (account.toLowerCase(Locale.ROOT).equals(RESOURCE_ACCOUNT)) {
        accounts.add(here);
      } else if (account.contains("${") || (patterns && hasWildcard(account))) {
        return Optional.empty();
      } else if (IsolationContext.isAccountId(account)) {
        accounts.add(account);
      }
      // any other literal is no account id: it matches no caller
    }
    return Optional.of(accounts);
  }

  private static Optional<List<String>> unlessOpen(List<String> values, boolean patterns) {
    boolean open = values.stream()
        .anyMatch(v -> v.contains("${") || (patterns && (v.equals("*") || v.startsWith("*"))));
    return open ? Optional.empty() : Optional.of(List.copyOf(values));
  }

  /**
   * A token subject that names its owner: {@code repo:acme/app:*} does, {@code repo:*} does not. A
   * wildcard may only follow the first '/' (GitHub's and GitLab's owner/repository); without one, none.
   */
  private static boolean boundedSubject(String value) {
    int slash = value.indexOf('/');
    String owner = slash < 0 ? value : value.substring(0, slash);
    return !owner.isEmpty() && !hasWildcard(owner) && !value.contains("${");
  }

  private static boolean hasWildcard(String value) {
    return value.contains("*") || value.contains("?");
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }
}
