package io.tenantctl.stacks;

import io.tenantctl.core.Fault;
import io.tenantctl.isolation.TemplateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A CloudFormation template as tenantctl needs it: its body and its declared parameters. */
public record StackTemplate(Path file, String body, Map<String, Declared> parameters, Map<String, String> resources) {

  /** A declared parameter: its default, and whether CloudFormation hides its value ({@code NoEcho}). */
  public record Declared(Optional<String> defaultValue, boolean noEcho) {}

  public static StackTemplate read(Path file) {
    String body;
    Map<String, Object> root;
    try {
      body = Files.readString(file);
      root = TemplateReader.read(body);
    } catch (IOException | TemplateReader.InvalidTemplate e) {
      throw Fault.invalid("cannot read template " + file + ": " + e.getMessage(),
          "check that the file exists and is valid YAML or JSON");
    }
    Map<String, Declared> params = new LinkedHashMap<>();
    mapping(root.get("Parameters")).forEach((name, declaration) -> {
      Map<String, Object> fields = mapping(declaration);
      params.put(name, new Declared(
          Optional.ofNullable(fields.get("Default")).map(TemplateReader::text),
          TemplateReader.text(fields.get("NoEcho")).equalsIgnoreCase("true")));
    });
    Map<String, String> resources = new LinkedHashMap<>();
    mapping(root.get("Resources")).forEach((name, declaration) ->
        resources.put(name, TemplateReader.text(mapping(declaration).get("Type"))));
    return new StackTemplate(file, body, params, resources);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapping(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * The alarms the template makes, by their literal {@code AlarmName} (metric and composite): a stack rolled out
   * creates them, so a gate on one of them is not failed before the stack is deployed. A computed name is not known.
   */
  public Set<String> declaredAlarms() {
    Set<String> out = new java.util.TreeSet<>();
    try {
      mapping(TemplateReader.read(body).get("Resources")).values().forEach(declaration -> {
        Map<String, Object> fields = mapping(declaration);
        String type = TemplateReader.text(fields.get("Type"));
        String name = TemplateReader.text(mapping(fields.get("Properties")).get("AlarmName"));
        if ((type.equals("AWS::CloudWatch::Alarm") || type.equals("AWS::CloudWatch::CompositeAlarm"))
            && !name.isEmpty()) {
          out.add(name);
        }
      });
    } catch (TemplateReader.InvalidTemplate e) {
      // read once already when the template was loaded
      throw new IllegalStateException(e);
    }
    return out;
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
