package io.tenantctl.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenantctl.isolation.Breach.Kind;
import io.tenantctl.isolation.IsolationContext.AccountRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * Reads a CloudFormation template before it is deployed and judges every trust and resource
 * policy it would create against the {@link OneWayRule}. What cannot be resolved where it matters
 * (a principal, a condition) is refused rather than guessed.
 */
public final class TemplateGuard {

  private final IsolationContext context;
  private final OneWayRule rule;
  private final Map<String, Map<String, Object>> trees = new java.util.concurrent.ConcurrentHashMap<>();

  public TemplateGuard(IsolationContext context) {
    this.context = context;
    this.rule = new OneWayRule(context);
  }

  /**
   * Judges the template file for one deployment. Empty means it is safe to deploy.
   *
   * @param parameters the stack parameter values; a missing one takes the template's Default
   * @throws IllegalArgumentException when the target is neither a tenant nor production account
   */
  public List<Breach> check(Path template, Map<String, String> parameters, DeployTarget target) {
    String body;
    try {
      body = Files.readString(template);
    } catch (IOException e) {
      return List.of(refusal(template, target, "cannot be read: " + e));
    }
    return check(template, body, parameters, target);
  }

  /** As {@link #check(Path, Map, DeployTarget)}, for a template body already read. */
  public List<Breach> check(
      Path template, String body, Map<String, String> parameters, DeployTarget target) {
    return judge(template, body, parameters, target).breaches();
  }

  /**
   * What the guard finds in a template.
   *
   * @param breaches what stops the deploy
   * @param accepted breaches an exception on record accepts, each with that exception
   */
  public record Verdict(List<Breach> breaches, List<Accepted> accepted) {}

  /** A breach an exception recorded next to its resource accepts. */
  public record Accepted(Breach breach, RecordedException exception) {
    /** One line naming the breach and the recorded reason. */
    public String message() {
      return breach.message() + " (accepted exception: " + exception.reason() + ")";
    }
  }

  /**
   * As {@link #check(Path, String, Map, DeployTarget)}, with the breaches that exceptions recorded in
   * the template accept set apart. An exception never accepts a breach that admits production or
   * another tenant, nor a refusal to guess.
   */
  public Verdict judge(Path template, String body, Map<String, String> parameters, DeployTarget target) {
    List<Breach> found = findBreaches(template, body, parameters, target);
    Map<String, Object> tree;
    try {
      tree = read(body);
    } catch (TemplateReader.InvalidTemplate e) {
      return new Verdict(found, List.of());
    }
    RecordedException.Found recorded = RecordedException.in(tree);
    List<Breach> breaches = new ArrayList<>();
    List<Accepted> accepted = new ArrayList<>();
    recorded.invalid().forEach(why -> breaches.add(refusal(template, target, "invalid exception on record: " + why)));
    for (Breach breach : found) {
      Optional<RecordedException> exception = recorded.exceptions().stream().filter(e -> e.names(breach)).findFirst();
      if (exception.isPresent() && breach.rule().exceptable()) {
        accepted.add(new Accepted(breach, exception.get()));
      } else if (exception.isPresent()) {
        breaches.add(new Breach(breach.kind(), breach.where(), breach.tenant(), breach.statement(), breach.principal(),
            breach.reason() + " (the exception on record cannot accept this: " + breach.rule().text() + ")",
            breach.rule()));
      } else {
        breaches.add(breach);
      }
    }
    return new Verdict(breaches, accepted);
  }

  /**
   * The template's tree, read once per body: one guard judges a template for every tenant ({@code validate} of a
   * thousand tenants read each template two thousand times). Trees are unmodifiable; a body that does not read is
   * read again, to throw again.
   */
  private Map<String, Object> read(String body) throws TemplateReader.InvalidTemplate {
    Map<String, Object> tree = trees.get(body);
    if (tree == null) {
      tree = TemplateReader.read(body);
      trees.put(body, tree);
    }
    return tree;
  }

  private List<Breach> findBreaches(
      Path template, String body, Map<String, String> parameters, DeployTarget target) {
    AccountRole role = context.roleOf(target.accountId());
    if (role != AccountRole.TENANT && role != AccountRole.PRODUCTION) {
      throw new IllegalArgumentException("templates are guarded for tenant and production accounts,"
          + " not " + context.describe(target.accountId()));
    }
    Map<String, Object> tree;
    try {
      tree = read(body);
    } catch (TemplateReader.InvalidTemplate e) {
      return List.of(refusal(template, target, "cannot be read: " + e.getMessage()));
    }
    if (tree.get("Transform") != null) {
      return List.of(refusal(template, target, "uses Transform " + tree.get("Transform")
          + ", which creates resources the guard does not see; refusing rather than guessing"));
    }
    List<Breach> breaches = transforms(template, target, tree);
    if (!breaches.isEmpty()) {
      return breaches;
    }
    IntrinsicResolver resolver = new IntrinsicResolver(tree, parameters, target);
    Set<String> ownIdentities = ownIdentities(tree, target);
    for (TemplatePolicies.Found found : TemplatePolicies.in(tree, resolver)) {
      PolicyLocation where =
          PolicyLocation.inTemplate(template, found.logicalId(), found.type(), target.accountId());
      if (found.opaque().isPresent()) {
        breaches.add(refusal(where, found.opaque().get() + "; refusing rather than guessing"));
      } else if (found.grant().isPresent()) {
        breaches.add(new Breach(Kind.BREACH, where, context.tenantName(where.accountId()), "", "AccessControl",
            found.grant().get(), Breach.Rule.NO_OUTSIDERS));
      } else {
        breaches.addAll(judge(where, found.document(), ownIdentities));
      }
    }
    return breaches;
  }

  private static final String FN_TRANSFORM = "Fn::Transform";

  /** A refusal for each resource (or the whole {@code Resources}) that an {@code Fn::Transform} would change. */
  private List<Breach> transforms(Path template, DeployTarget target, Map<String, Object> tree) {
    List<Breach> breaches = new ArrayList<>();
    if (tree.get("Resources") instanceof Map<?, ?> resources) {
      resources.forEach((id, resource) -> transformIn(Collections.singletonMap(id, resource)).ifPresent(name -> {
        PolicyLocation where = id.equals(FN_TRANSFORM)
            ? PolicyLocation.inTemplate(template, "", "template", target.accountId())
            : PolicyLocation.inTemplate(template, String.valueOf(id), typeOf(resource), target.accountId());
        breaches.add(refusal(where, "uses Fn::Transform " + name + ", which pulls in what the guard does not see;"
            + " refusing rather than guessing"));
      }));
    }
    return breaches;
  }

  /** The name of the first {@code Fn::Transform} within {@code value}, if any. */
  private static Optional<String> transformIn(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey(FN_TRANSFORM)) {
        Object transform = map.get(FN_TRANSFORM);
        return Optional.of(String.valueOf(transform instanceof Map<?, ?> t ? t.get("Name") : transform));
      }
      return map.values().stream().map(TemplateGuard::transformIn).flatMap(Optional::stream).findFirst();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TemplateGuard::transformIn).flatMap(Optional::stream).findFirst();
    }
    return Optional.empty();
  }

  private static String typeOf(Object resource) {
    return resource instanceof Map<?, ?> map ? String.valueOf(map.get("Type")) : "resource";
  }

  /** The principals of the CloudFront origin access identities the template creates: this account's. */
  private static Set<String> ownIdentities(Map<String, Object> tree, DeployTarget target) {
    Set<String> own = new HashSet<>();
    if (tree.get("Resources") instanceof Map<?, ?> resources) {
      resources.forEach((id, resource) -> {
        if (typeOf(resource).equals(SameAccountResources.ORIGIN_ACCESS_IDENTITY)) {
          String logicalId = String.valueOf(id);
          own.add("arn:" + target.partition() + ":iam::cloudfront:user/CloudFront Origin Access Identity "
              + SameAccountResources.originAccessIdentity(logicalId));
          own.add(SameAccountResources.canonicalUserOf(logicalId));
        }
      });
    }
    return own;
  }

  private List<Breach> judge(PolicyLocation where, Object document, Set<String> ownIdentities) {
    if (document instanceof Unresolved unresolved) {
      return List.of(refusal(where, "cannot resolve " + unresolved.what()
          + " in the policy document; refusing rather than guessing"));
    }
    JsonNode json;
    try {
      json = document instanceof String text
          ? PolicyText.JSON.readTree(text)
          : PolicyText.JSON.valueToTree(withMarkers(document, ""));
    } catch (JsonProcessingException e) {
      return List.of(rule.unreadable(where, e.getOriginalMessage(), String.valueOf(document)));
    }
    try {
      return rule.check(where, PolicyText.parse(json), ownIdentities);
    } catch (PolicyText.UnreadablePolicy e) {
      return List.of(rule.unreadable(where, e.getMessage(), json.toString()));
    }
  }

  /** The resolved tree with every {@link Unresolved} as a marker string the rule recognises. */
  private static Object withMarkers(Object value, String key) {
    if (value instanceof Unresolved unresolved) {
      // An unresolvable Principal must still read as a principal, so the refusal can name it.
      boolean principal = key.equals("Principal") || key.equals("NotPrincipal");
      return principal ? Map.of("AWS", unresolved.marker()) : unresolved.marker();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> marked = new LinkedHashMap<>();
      map.forEach((k, v) -> marked.put(String.valueOf(k), withMarkers(v, String.valueOf(k))));
      return marked;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(item -> withMarkers(item, key)).toList();
    }
    return value;
  }

  private Breach refusal(Path template, DeployTarget target, String reason) {
    return refusal(PolicyLocation.inTemplate(template, "", "template", target.accountId()), reason);
  }

  private Breach refusal(PolicyLocation where, String reason) {
    return new Breach(Kind.REFUSAL, where, context.tenantName(where.accountId()), "", "", reason,
        Breach.Rule.NO_GUESSING);
  }
}
