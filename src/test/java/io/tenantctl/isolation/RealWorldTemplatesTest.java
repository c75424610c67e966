package io.tenantctl.isolation;

import static io.tenantctl.isolation.Templates.ACME_TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates in the shapes common in public repositories (AWS samples, SaaS reference architectures),
 * under {@code isolation/templates/safe}: each is accepted for a tenant, and each breach injected into
 * one of its policies (or beside them) is refused, naming the resource.
 */
class RealWorldTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PRODUCTION_ROOT = "arn:aws:iam::" + Fixtures.PRODUCTION + ":root";
  private static final String GLOBEX_ROLE = "arn:aws:iam::" + Fixtures.GLOBEX + ":role/app";

  /** Where policies sit, as {@code TemplatePolicies} reads them. */
  private static final List<List<String>> POLICY_PATHS = List.of(
      List.of("AssumeRolePolicyDocument"), List.of("PolicyDocument"), List.of("KeyPolicy"),
      List.of("RepositoryPolicyText"), List.of("ResourcePolicy"), List.of("ResourcePolicy", "PolicyDocument"),
      List.of("StreamSpecification", "ResourcePolicy", "PolicyDocument"), List.of("AccessPolicy"));

  private final TemplateGuard guard = new TemplateGuard(Fixtures.context());

  @ParameterizedTest(name = "{0}")
  @MethodSource("safe")
  void acceptsTheSafeTemplate(String name, Path file) {
    assertEquals(List.of(), guard.check(file, Map.of(), ACME_TARGET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injected")
  void refusesTheInjectedBreachNamingTheResource(String name, String body, String resource) {
    List<Breach> breaches = guard.check(Path.of(name), body, Map.of(), ACME_TARGET);

    assertFalse(breaches.isEmpty(), name + " was accepted");
    assertTrue(breaches.stream().allMatch(b -> b.where().resourceName().equals(resource)), breaches::toString);
  }

  @Test
  void measuresAcceptanceAndRefusalRates() throws Exception {
    List<Arguments> safe = safe().toList();
    List<Arguments> injected = injected().toList();
    long accepted = safe.stream()
        .filter(a -> guard.check((Path) a.get()[1], Map.of(), ACME_TARGET).isEmpty()).count();
    long refused = injected.stream()
        .filter(a -> !guard.check(Path.of((String) a.get()[0]), (String) a.get()[1], Map.of(), ACME_TARGET).isEmpty())
        .count();
    System.out.printf("real-world corpus: %d of %d safe templates accepted, %d of %d injected breaches refused%n",
        accepted, safe.size(), refused, injected.size());
    assertTrue(safe.size() >= 20, "at least twenty safe templates");
    assertEquals(safe.size(), accepted);
    assertEquals(injected.size(), refused);
  }

  static Stream<Arguments> safe() throws IOException, URISyntaxException {
    Path dir = Path.of(RealWorldTemplatesTest.class.getResource("/isolation/templates/safe").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().map(f -> Arguments.of(f.getFileName().toString(), f)).toList().stream();
    }
  }

  /** Each safe template with one breach injected: in each of its policies, and beside them. */
  static Stream<Arguments> injected() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    for (Arguments safe : safe().toList()) {
      String name = (String) safe.get()[0];
      Map<String, Object> template = TemplateReader.read(Files.readString((Path) safe.get()[1]));
      Map<String, Object> resources = map(template.get("Resources"));
      for (String id : resources.keySet()) {
        if (map(resources.get(id)).get("Type").equals("AWS::EC2::VPCEndpoint")) {
          continue; // an endpoint policy only filters what other policies grant
        }
        Map<String, Object> properties = map(map(resources.get(id)).get("Properties"));
        for (List<String> path : POLICY_PATHS) {
          if (statementsAt(properties, path) != null) {
            inject(cases, template, name + ": production in " + id, id, path, statement(Map.of("AWS", PRODUCTION_ROOT)));
            inject(cases, template, name + ": another tenant in " + id, id, path, statement(Map.of("AWS", GLOBEX_ROLE)));
            inject(cases, template, name + ": anyone in " + id, id, path, statement("*"));
          }
        }
        if (properties.containsKey("SourceAccount") || properties.containsKey("SourceArn")) {
          cases.add(Arguments.of(name + ": no source condition on " + id, write(edit(template, t -> {
            Map<String, Object> p = map(map(map(t.get("Resources")).get(id)).get("Properties"));
            p.remove("SourceAccount");
            p.remove("SourceArn");
            return t;
          })), id));
        }
      }
      cases.add(Arguments.of(name + ": a role trusting production", write(edit(template, t -> {
        map(t.get("Resources")).put("InjectedRole", Map.of("Type", "AWS::IAM::Role", "Properties",
            Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(statement(Map.of("AWS", PRODUCTION_ROOT)))))));
        return t;
      })), "InjectedRole"));
      cases.add(Arguments.of(name + ": a principal from a custom resource", write(edit(template, t -> {
        map(t.get("Resources")).put("Lookup", Map.of("Type", "Custom::Lookup",
            "Properties", Map.of("ServiceToken", "arn:aws:lambda:eu-west-1:333333333333:function:f")));
        map(t.get("Resources")).put("InjectedRole", Map.of("Type", "AWS::IAM::Role", "Properties",
            Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(statement(Map.of("AWS", Map.of("Fn::GetAtt", List.of("Lookup", "Arn")))))))));
        return t;
      })), "InjectedRole"));
      cases.add(Arguments.of(name + ": a public bucket ACL", write(edit(template, t -> {
        map(t.get("Resources")).put("InjectedBucket",
            Map.of("Type", "AWS::S3::Bucket", "Properties", Map.of("AccessControl", "PublicRead")));
        return t;
      })), "InjectedBucket"));
    }
    return cases.stream();
  }

  private static void inject(List<Arguments> cases, Map<String, Object> template, String name, String id,
      List<String> path, Map<String, Object> statement) throws Exception {
    cases.add(Arguments.of(name + " " + String.join(".", path), write(edit(template, t -> {
      statementsAt(map(map(map(t.get("Resources")).get(id)).get("Properties")), path).add(statement);
      return t;
    })), id));
  }

  private static Map<String, Object> statement(Object principal) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", "Injected");
    statement.put("Effect", "Allow");
    statement.put("Principal", principal);
    statement.put("Action", "*");
    statement.put("Resource", "*");
    return statement;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> statementsAt(Map<String, Object> properties, List<String> path) {
    Object at = properties;
    for (String step : path) {
      at = at instanceof Map<?, ?> m ? m.get(step) : null;
    }
    if (!(at instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
      return null;
    }
    Object statements = document.get("Statement");
    if (!(statements instanceof List<?>)) {
      ((Map<String, Object>) document).put("Statement", new ArrayList<>(List.of(statements)));
    }
    return (List<Object>) document.get("Statement");
  }

  /** A deep, mutable copy of the template, changed. */
  private static Map<String, Object> edit(Map<String, Object> template, UnaryOperator<Map<String, Object>> change)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = JSON.readValue(JSON.writeValueAsString(template), Map.class);
    return change.apply(copy);
  }

  private static String write(Map<String, Object> template) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(template);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : new LinkedHashMap<>();
  }
}
