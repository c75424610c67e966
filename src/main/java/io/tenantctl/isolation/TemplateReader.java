package io.tenantctl.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template, YAML or JSON, into maps, lists and strings: tenantctl's one reader
 * of templates (the guard, stack plans and the simulation all read through it). Short-form tags
 * become their long form ({@code !Ref X} → {@code {Ref: X}}, {@code !GetAtt A.B} →
 * {@code {Fn::GetAtt: [A, B]}}); Jackson's YAML tree would drop them. YAML scalars stay text
 * ({@code 012345678901} is not a number); a JSON template is read by a JSON parser, so JSON's numbers
 * and booleans keep their types, and a tab in its indentation is fine.
 */
public final class TemplateReader {

  private TemplateReader() {}

  /** Recently read templates by text: a rollout guards one template for every tenant of the fleet. */
  private static final Map<String, Object> READ = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > 8;
    }
  };

  /** The template as a mapping, read-only: the same text read again gives the same tree. */
  public static Map<String, Object> read(String text) throws InvalidTemplate {
    Object known;
    synchronized (READ) {
      known = READ.get(text);
    }
    if (known == null) {
      try {
        known = readOnly(parse(text));
      } catch (InvalidTemplate e) {
        known = e;
      }
      synchronized (READ) {
        READ.put(text, known);
      }
    }
    if (known instanceof InvalidTemplate e) {
      throw new InvalidTemplate(e.getMessage());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) known;
    return template;
  }

  private static Object readOnly(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, readOnly(v)));
      return java.util.Collections.unmodifiableMap(copy);
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new java.util.ArrayList<>(list.size());
      list.forEach(v -> copy.add(readOnly(v)));
      return java.util.Collections.unmodifiableList(copy);
    }
    return node;
  }

  private static Map<String, Object> parse(String text) throws InvalidTemplate {
    Object document;
    try {
      document = text.stripLeading().startsWith("{")
          ? PolicyText.JSON.readValue(text, Map.class)
          : yaml().load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new InvalidTemplate(String.valueOf(e.getProblem()).strip()
          + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")"));
    } catch (YAMLException | JsonProcessingException e) {
      throw new InvalidTemplate(e.getMessage().lines().findFirst().orElse("invalid template"));
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new InvalidTemplate("a template must be a mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) map;
    return template;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    // Two keys of one name (two Principals) would let one hide the other.
    options.setAllowDuplicateKeys(false);
    return new Yaml(new CloudFormationConstructor(options));
  }

  /** A scalar as CloudFormation reads it ({@code 5}, {@code true}, text); empty for null, a list or a mapping. */
  public static String text(Object scalar) {
    return scalar == null || scalar instanceof Map || scalar instanceof List ? "" : String.valueOf(scalar);
  }

  /** A template that is not YAML or JSON, or not a mapping. */
  public static final class InvalidTemplate extends Exception {
    InvalidTemplate(String message) {
      super(message);
    }
  }

  private static final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      // Policies compare text: 012345678901 must stay that, not become a number.
      Construct asText = new ConstructYamlStr();
      for (Tag tag : List.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP)) {
        yamlConstructors.put(tag, asText);
      }
      yamlMultiConstructors.put("!", new ConstructIntrinsic());
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String tag = node.getTag().getValue().substring(1);
        String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        Object argument;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          int dot = text.indexOf('.');
          argument = tag.equals("GetAtt") && dot > 0
              ? List.of(text.substring(0, dot), text.substring(dot + 1))
              : text;
        } else if (node instanceof SequenceNode sequence) {
          argument = constructSequence(sequence);
        } else {
          argument = constructMapping((MappingNode) node);
        }
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(name, argument);
        return intrinsic;
      }
    }
  }
}
