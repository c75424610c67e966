package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantNameTest {

  private static final Pattern SCHEMA_PATTERN = Pattern.compile(
      ShippedSchema.TENANT.root().child("$defs").child("tenantName").text("pattern"));

  @ParameterizedTest
  @ValueSource(strings = {"acme", "abc", "a-b", "a1b", "globex-eu", "abcdefghijklmnopqrstuvwxyz012345",
      "developer", "dev", "aw1", "a-w-s"})
  void validNamesPass(String name) {
    assertEquals(Optional.empty(), TenantName.check(name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Acme|tenant name \"Acme\" has uppercase letters; only lowercase letters are allowed",
      "ac_me|tenant name \"ac_me\" contains '_'; only lowercase letters, digits and hyphens are allowed",
      "ac me|tenant name \"ac me\" contains ' '; only lowercase letters, digits and hyphens are allowed",
      "ab|tenant name \"ab\" is too short: 2 characters, at least 3",
      "abcdefghijklmnopqrstuvwxyz0123456|tenant name \"abcdefghijklmnopqrstuvwxyz0123456\" is too long: 33"
          + " characters, at most 32 (it becomes part of S3 bucket names, which are limited to 63)",
      "1acme|tenant name \"1acme\" must start with a letter",
      "-acme|tenant name \"-acme\" must start with a letter",
      "acme-|tenant name \"acme-\" must end with a letter or digit, not a hyphen",
      "ac--me|tenant name \"ac--me\" has two hyphens in a row; use single hyphens",
      "dev-alice|tenant name \"dev-alice\" starts with dev-, which is reserved for personal dev tenants",
      "awsome|tenant name \"awsome\" starts with aws, which is reserved",
  })
  void invalidNamesSayWhy(String name, String why) {
    assertEquals(Optional.of(why), TenantName.check(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "ab", "abc", "Acme", "acme", "a-b", "a--b", "-ab", "ab-", "1ab", "a1",
      "dev-x", "dev", "devx", "aws", "aws1", "awx", "acme_corp", "acme.corp", "abcdefghijklmnopqrstuvwxyz012345",
      "abcdefghijklmnopqrstuvwxyz0123456", "a-b-c-d", "x9-9", "ümlaut"})
  void agreesWithTheSchemaPattern(String name) {
    boolean bySchema = SCHEMA_PATTERN.matcher(name).find();
    assertEquals(bySchema, TenantName.check(name).isEmpty(), () -> "disagree on \"" + name + "\"");
  }

  @Test
  void theSchemaDescribesTheRuleInTheSameWords() {
    String description = ShippedSchema.TENANT.root().child("$defs").child("tenantName").text("description");
    assertEquals(TenantName.RULE, Character.toLowerCase(description.charAt(0))
        + description.substring(1, description.length() - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Acme"})
  void theProblemNamesTheTenantNameRule(String name) {
    assertTrue(TenantName.check(name).orElseThrow().startsWith("tenant name"));
  }
}
