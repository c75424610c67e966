package io.tenantctl.stacks;

import io.tenantctl.isolation.TemplateReader;
import io.tenantctl.manifest.ClosestName;
import io.tenantctl.manifest.ManifestProblem;
import io.tenantctl.manifest.Source;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What CloudFormation would reject in a template, found without AWS: a file that is not YAML or JSON, a
 * {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} or {@code DependsOn} naming something the template does not
 * declare, and a resource type AWS does not publish. Each problem names the file, line and column, like a
 * manifest problem.
 */
public final class TemplateCheck {
  private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
  private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([^!}][^}]*)}");
  private static final Pattern AT = Pattern.compile("\\(?(?:line|line:) ?(\\d+), column:? ?(\\d+)\\)?");

  private final Path file;
  private final List<ManifestProblem> problems = new ArrayList<>();
  private Set<String> parameters = Set.of();
  private Set<String> resources = Set.of();

  private TemplateCheck(Path file) {
    this.file = file;
  }

  /** Whether the file reads as a template: one problem at most, where the parser stopped. */
  public static List<ManifestProblem> readable(Path file) {
    String body;
    try {
      body = Files.readString(file);
    } catch (IOException e) {
      return List.of(new ManifestProblem(Source.of(file), "cannot read the template: " + e.getMessage(),
          "check that the file exists and can be read"));
    }
    return readable(file, body);
  }

  static List<ManifestProblem> readable(Path file, String body) {
    try {
      TemplateReader.read(body);
      return List.of();
    } catch (TemplateReader.InvalidTemplate e) {
      String message = e.getMessage();
      Matcher at = AT.matcher(message);
      Source where = Source.of(file);
      if (at.find()) {
        where = new Source(file, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
        message = (message.substring(0, at.start()) + message.substring(at.end())).strip();
      }
      message = message.replaceAll("\\s*\\[Source: .*$", "").strip();
      return List.of(new ManifestProblem(where, "not a valid template: " + message,
          "fix the YAML or JSON there (a CloudFormation template is a mapping with Resources)"));
    }
  }

  /** Everything this class checks; {@code types} are the resource types AWS publishes. */
  public static List<ManifestProblem> check(Path file, ResourceTypes types) {
    List<ManifestProblem> unreadable = readable(file);
    if (!unreadable.isEmpty()) {
      return unreadable;
    }
    String body;
    try {
      body = Files.readString(file);
    } catch (IOException e) {
      return List.of(new ManifestProblem(Source.of(file), "cannot read the template: " + e.getMessage(),
          "check that the file exists and can be read"));
    }
    List<ManifestProblem> size = size(file, body);
    // JSON allows tabs as whitespace where YAML does not; outside strings they are only that
    String yaml = body.stripLeading().startsWith("{") ? body.replace('\t', ' ') : body;
    Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    var check = new TemplateCheck(file);
    if (root instanceof MappingNode mapping) {
      check.template(mapping, types);
    }
    check.problems.addAll(0, size);
    check.problems.sort(java.util.Comparator.comparingInt((ManifestProblem p) -> p.where().line())
        .thenComparingInt(p -> p.where().column()));
    return check.problems;
  }

  /** The most CloudFormation takes as a template in a request ({@code TemplateBody}), in bytes. */
  public static final int MAX_BODY_BYTES = 51_200;

  /** A template too big to send inline: CloudFormation would refuse it at the first tenant, after the plan. */
  static List<ManifestProblem> size(Path file, String body) {
    int bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes <= MAX_BODY_BYTES) {
      return List.of();
    }
    return List.of(new ManifestProblem(Source.of(file), String.format(java.util.Locale.ROOT, "the template is %,d"
        + " bytes; CloudFormation takes at most %,d bytes in a request, and tenantctl sends templates in the request"
        + " (not through S3)", bytes, MAX_BODY_BYTES), "make it smaller (comments and whitespace count), or split"
        + " it into two stacks of the fleet file"));
  }

  private void template(MappingNode root, ResourceTypes types) {
    Map<String, Node> sections = entries(root);
    parameters = entries(sections.get("Parameters")).keySet();
    Map<String, Node> declared = entries(sections.get("Resources"));
    resources = declared.keySet();
    boolean transformed = sections.containsKey("Transform");
    if (sections.get("Resources") == null) {
      add(root, "the template has no Resources", "add a Resources section with at least one resource");
    }
    for (NodeTuple resource : tuples(sections.get("Resources"))) {
      String name = scalar(resource.getKeyNode()).orElse("");
      Map<String, Node> fields = entries(resource.getValueNode());
      Node type = fields.get("Type");
      Optional<String> typeName = scalar(type);
      if (typeName.isEmpty()) {
        add(resource.getKeyNode(), "resource " + name + " has no Type", "add its Type, e.g. AWS::S3::Bucket");
      } else if (!types.knows(typeName.get()) && !(transformed && typeName.get().startsWith("AWS::Serverless::"))) {
        add(type, "unknown resource type " + typeName.get(), ClosestName.among(typeName.get(), types.all())
            .map(t -> "did you mean " + t + "? Otherwise use").orElse("Use") + " a type AWS publishes (see the CloudFormation resource type reference"
            + "; tenantctl knows the " + types.source() + "), or Custom::Name for a custom resource");
      }
      Node dependsOn = fields.get("DependsOn");
      for (Node target : dependsOn instanceof SequenceNode list ? list.getValue() : listOf(dependsOn)) {
        scalar(target).filter(t -> !resources.contains(t)).ifPresent(t ->
            undeclared(target, "DependsOn " + t, t, resources, "declare it under Resources"));
      }
    }
    if (!transformed) {
      // a transform (SAM, language extensions) declares names of its own: references are CloudFormation's to judge
      sections.forEach((section, node) -> {
        if (!section.equals("Parameters")) {
          references(node);
        }
      });
    }
  }

  private void references(Node node) {
    if (node == null) {
      return;
    }
    String tag = node.getTag().getValue();
    if (tag.startsWith("!") && !tag.startsWith("!!")) {
      intrinsic(tag.substring(1).equals("Ref") ? "Ref" : "Fn::" + tag.substring(1), node, node);
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        scalar(t.getKeyNode()).ifPresent(key -> intrinsic(key, t.getValueNode(), t.getKeyNode()));
        references(t.getValueNode());
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(this::references);
    }
  }

  private void intrinsic(String name, Node argument, Node at) {
    switch (name) {
      case "Ref" -> scalar(argument).ifPresent(ref -> {
        if (!PSEUDO.contains(ref) && !parameters.contains(ref) && !resources.contains(ref)) {
          Set<String> names = new LinkedHashSet<>(parameters);
          names.addAll(resources);
          undeclared(argument, "Ref " + ref, ref, names,
              "declare it under Parameters or Resources, or use a pseudo parameter such as AWS::AccountId");
        }
      });
      case "Fn::GetAtt" -> {
        Optional<String> resource = argument instanceof SequenceNode list && !list.getValue().isEmpty()
            ? scalar(list.getValue().get(0))
            : scalar(argument).map(s -> s.contains(".") ? s.substring(0, s.indexOf('.')) : s);
        resource.filter(r -> !resources.contains(r)).ifPresent(r ->
            undeclared(argument, "GetAtt " + r, r, resources, "declare it under Resources"));
      }
      case "Fn::Sub" -> {
        Node text = argument instanceof SequenceNode list && !list.getValue().isEmpty() ? list.getValue().get(0)
            : argument;
        Set<String> variables = argument instanceof SequenceNode list && list.getValue().size() > 1
            ? entries(list.getValue().get(1)).keySet() : Set.of();
        scalar(text).ifPresent(s -> {
          Matcher m = SUB_NAME.matcher(s);
          while (m.find()) {
            String ref = m.group(1).strip();
            String head = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
            boolean known = PSEUDO.contains(ref) || variables.contains(ref) || resources.contains(head)
                || (!ref.contains(".") && parameters.contains(ref));
            if (!known) {
              Set<String> names = new LinkedHashSet<>(parameters);
              names.addAll(resources);
              names.addAll(variables);
              undeclared(text, "${" + ref + "} in Fn::Sub", head, names, "declare it under Parameters or"
                  + " Resources, give it in the Fn::Sub's variables, or write ${!" + ref + "} for the text itself");
            }
          }
        });
      }
      default -> { }
    }
  }

  private void undeclared(Node at, String what, String name, Collection<String> names, String fix) {
    add(at, what + " names nothing the template declares", ClosestName.among(name, names)
        .map(n -> "did you mean " + n + "? Otherwise ").orElse("") + fix);
  }

  private void add(Node at, String message, String fix) {
    Mark mark = at.getStartMark();
    problems.add(new ManifestProblem(new Source(file, mark.getLine() + 1, mark.getColumn() + 1), message, fix));
  }

  private static List<Node> listOf(Node node) {
    return node == null ? List.of() : List.of(node);
  }

  private static List<NodeTuple> tuples(Node node) {
    return node instanceof MappingNode m ? m.getValue() : List.of();
  }

  private static Map<String, Node> entries(Node node) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : tuples(node)) {
      scalar(t.getKeyNode()).ifPresent(k -> out.put(k, t.getValueNode()));
    }
    return out;
  }

  private static Optional<String> scalar(Node node) {
    return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
  }
}
