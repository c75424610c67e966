package io.tenantctl.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy corpus: each file under {@code isolation/policies} holds where a policy lives, the
 * policy, and the breaches expected (kind, statement, principal, and a part of the reason).
 */
class PolicyCorpusTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void judgesEveryCaseAsExpected(String name, JsonNode example) throws IOException {
    IsolationContext context = example.has("tenantOrgPaths")
        ? Fixtures.context(strings(example.get("tenantOrgPaths")))
        : Fixtures.context();
    PolicyLocation where = PolicyLocation.live(example.get("account").asText(),
        example.get("kind").asText(), example.get("resource").asText());
    String policy = example.has("policyText")
        ? example.get("policyText").asText()
        : JSON.writeValueAsString(example.get("policy"));

    List<Breach> breaches = new OneWayRule(context).check(where, policy);

    JsonNode expected = example.get("expected");
    assertEquals(expected.size(), breaches.size(),
        () -> example.get("case").asText() + ": got " + breaches);
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      Breach got = breaches.get(i);
      String label = name + " #" + i + ": " + got;
      assertEquals(want.get("kind").asText(), got.kind().name(), label);
      assertEquals(want.get("statement").asText(), got.statement(), label);
      assertEquals(want.get("principal").asText(), got.principal(), label);
      assertTrue(got.reason().contains(want.get("reason").asText()), label);
      assertEquals(where, got.where(), label);
      assertEquals(context.tenantName(where.accountId()), got.tenant(), label);
    }
  }

  @Test
  void theCorpusCoversEnoughCases() throws Exception {
    assertTrue(corpus().count() >= 24);
  }

  static Stream<Arguments> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(PolicyCorpusTest.class.getResource("/isolation/policies").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString().replace(".json", "");
        cases.add(Arguments.of(name, JSON.readTree(file.toFile())));
      }
    }
    return cases.stream();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
