package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How schema findings are worded and located, and that invalid values are pruned. */
class SchemaCheckTest {

  @TempDir Path dir;

  private List<ManifestProblem> problems = new ArrayList<>();
  private LocatedYaml yaml;

  private List<String> tenant(String text) throws IOException {
    Path file = Files.writeString(dir.resolve("acme.yaml"), text);
    yaml = LocatedYaml.read(file, problems).orElseThrow();
    SchemaCheck.tenant().check(yaml, problems);
    return problems.stream().map(p -> p.render(dir)).toList();
  }

  @Test
  void aValidManifestHasNoProblems() throws IOException {
    assertEquals(List.of(), tenant("""
        name: acme
        labels: {tier: gold}
        account: {email: a@example.com, ou: /Tenants/A, id: "123456789012"}
        wave: canary
        regions: [eu-west-1]
        parameters: {app: {AppVersion: "1"}}
        tags: {cost-center: "1"}
        """));
  }

  @Test
  void unknownKeyPointsAtTheKeyAndSuggestsTheClosestAllowedKey() throws IOException {
    assertEquals(List.of("acme.yaml:3:1: unknown key \"Wave\"\n  fix: did you mean \"wave\"? (allowed keys: name,"
        + " labels, account, wave, regions, parameters, tags)"), tenant("name: acme\nwave: x\nWave: y\n"));
  }

  @Test
  void unknownKeyWithNothingCloseIsToBeRemoved() throws IOException {
    assertEquals(List.of("acme.yaml:4:3: unknown key \"owner\" in account\n  fix: remove it (allowed keys: email,"
        + " ou, id)"), tenant("name: acme\nwave: x\naccount:\n  owner: alice\n"));
  }

  @Test
  void wrongShapes() throws IOException {
    List<String> found = tenant("name: acme\nwave: [canary]\naccount: acme\ntags: [a, b]\n");
    assertEquals(List.of(
        "acme.yaml:2:7: wave must be a string, not a list\n  fix: use up to 31 lowercase letters, digits and"
            + " hyphens, starting with a letter, e.g. canary",
        "acme.yaml:3:10: account must be a mapping, not a string\n  fix: write its keys on lines indented below"
            + " \"account:\"",
        "acme.yaml:4:7: tags must be a mapping, not a list\n  fix: write its keys on lines indented below \"tags:\""),
        found);
  }

  @Test
  void emptyValues() throws IOException {
    assertEquals(List.of(
        "acme.yaml:1:6: name has no value\n  fix: write a string after \"name:\", e.g. acme",
        "acme.yaml:2:7: wave has no value\n  fix: write a string after \"wave:\", e.g. canary",
        "acme.yaml:3:10: account has no value\n  fix: write a mapping after \"account:\""),
        tenant("name:\nwave: ~\naccount: null\n"));
  }

  @Test
  void nestedNumbersInTheWrongPlaceSayWhatYamlMadeOfThem() throws IOException {
    assertEquals(List.of("acme.yaml:3:27: parameters.app.Build must be a string, but YAML reads 0x1F as a number"
        + " (31)\n  fix: quote it: \"0x1F\""), tenant("name: acme\nwave: x\nparameters: {app: {Build: 0x1F}}\n"));
  }

  @Test
  void longValues() throws IOException {
    String value = "x".repeat(257);
    assertEquals(List.of("acme.yaml:3:15: tags.owner is too long: 257 characters, at most 256\n  fix: shorten it"),
        tenant("name: acme\nwave: x\ntags: {owner: " + value + "}\n"));
  }

  @Test
  void everyProblemIsFoundAndInvalidValuesArePruned() throws IOException {
    List<String> found = tenant("""
        name: Acme
        wave: canary
        colour: blue
        regions: [us-east-1, moon-1, eu-west-1]
        tags: {"aws:x": y, ok: "1"}
        """);
    assertEquals(4, found.size(), String.join("\n", found));
    assertFalse(yaml.root().has("name"));
    assertFalse(yaml.root().has("colour"));
    assertEquals("[\"us-east-1\",\"eu-west-1\"]", yaml.root().get("regions").toString());
    assertEquals("{\"ok\":\"1\"}", yaml.root().get("tags").toString());
    assertTrue(yaml.root().has("wave"));
  }

  @Test
  void emptyAndNonMappingDocumentsStopTheCheck() throws IOException {
    assertEquals(List.of("acme.yaml:1:1: the tenant manifest is empty\n"
        + "  fix: write a mapping with at least these keys: name"), tenant("# nothing yet\n"));
    problems.clear();
    assertEquals(List.of("acme.yaml:1:1: the tenant manifest must be a mapping of keys, not a string\n"
        + "  fix: write \"key: value\" lines; required keys: name"), tenant("acme\n"));
  }
}
