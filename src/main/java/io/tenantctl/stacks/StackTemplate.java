package io.tenantctl.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantctl.core.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A CloudFormation template as tenantctl needs it: its body and its declared parameters. */
public record StackTemplate(Path file, String body, Map<String, Declared> parameters, Map<String, String> resources) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A declared parameter: its default, and whether CloudFormation hides its value ({@code NoEcho}). */
  public record Declared(Optional<String> defaultValue, boolean noEcho) {}

  public static StackTemplate read(Path file) {
    try {
      String body = Files.readString(file);
      // YAML is a superset of JSON; short-form tags such as !Sub are kept as type ids and ignored here
      JsonNode root = YAML.readTree(body);
      Map<String, Declared> params = new LinkedHashMap<>();
      JsonNode declared = root == null ? null : root.get("Parameters");
      if (declared != null) {
        declared.fields().forEachRemaining(e -> params.put(e.getKey(), new Declared(
            Optional.ofNullable(e.getValue().get("Default")).map(JsonNode::asText),
            e.getValue().path("NoEcho").asText("false").equalsIgnoreCase("true"))));
      }
      Map<String, String> resources = new LinkedHashMap<>();
      JsonNode declaredResources = root == null ? null : root.get("Resources");
      if (declaredResources != null) {
        declaredResources.fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue().path("Type").asText()));
      }
      return new StackTemplate(file, body, params, resources);
    } catch (IOException e) {
      throw Fault.invalid("cannot read template " + file + ": " + e.getMessage(),
          "check that the file exists and is valid YAML or JSON");
    }
  }

  public Set<String> secretParameters() {
    Set<String> out = new java.util.HashSet<>();
    parameters.forEach((k, v) -> {
      if (v.noEcho()) {
        out.add(k);
      }
    });
    return out;
  }
}
