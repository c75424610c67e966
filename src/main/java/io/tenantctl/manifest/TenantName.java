package io.tenantctl.manifest;

import java.util.Optional;

/**
 * The rules for a tenant's name. A name ends up in account names, e-mails, stack names
 * ({@code tenantctl-<name>-<stack>}), S3 bucket names ({@code tenantctl-<name>-data-<account id>},
 * at most 63 characters) and tags, so it must suit all of them.
 *
 * <p>{@code schema/tenant.schema.json} ({@code $defs/tenantName}) holds the same rule as a pattern for
 * editors; {@code TenantNameTest} keeps the two in agreement.
 */
public final class TenantName {

  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 32;

  /** The rule in one sentence, for a fix. */
  public static final String RULE = "use 3-32 lowercase letters, digits and single hyphens, starting with a"
      + " letter and ending with a letter or digit; not starting with dev- (reserved for personal dev"
      + " tenants) or aws";

  private TenantName() {}

  /** What is wrong with {@code name}, naming it; empty when it is a valid tenant name. */
  public static Optional<String> check(String name) {
    String shown = "tenant name \"" + name + "\"";
    if (name == null || name.isEmpty()) {
      return Optional.of("tenant name is empty");
    }
    if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of(shown + " has uppercase letters; only lowercase letters are allowed");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
        return Optional.of(shown + " contains '" + c + "'; only lowercase letters, digits and hyphens are"
            + " allowed");
      }
    }
    if (name.length() < MIN_LENGTH) {
      return Optional.of(shown + " is too short: " + name.length() + " characters, at least " + MIN_LENGTH);
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(shown + " is too long: " + name.length() + " characters, at most " + MAX_LENGTH
          + " (it becomes part of S3 bucket names, which are limited to 63)");
    }
    if (!Character.isLetter(name.charAt(0))) {
      return Optional.of(shown + " must start with a letter");
    }
    if (name.endsWith("-")) {
      return Optional.of(shown + " must end with a letter or digit, not a hyphen");
    }
    if (name.contains("--")) {
      return Optional.of(shown + " has two hyphens in a row; use single hyphens");
    }
    if (name.startsWith("dev-")) {
      return Optional.of(shown + " starts with dev-, which is reserved for personal dev tenants");
    }
    if (name.startsWith("aws")) {
      return Optional.of(shown + " starts with aws, which is reserved");
    }
    return Optional.empty();
  }
}
