package io.tenantctl.isolation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The policies a template would create, resolved for one deployment. */
final class TemplatePolicies {

  /**
   * Resource type → where its resource or trust policies sit: property paths, {@code []} stepping
   * into each item of a list (a global table's replicas).
   */
  private static final Map<String, List<String>> POLICY_PROPERTIES = Map.ofEntries(
      Map.entry("AWS::IAM::Role", List.of("AssumeRolePolicyDocument")),
      Map.entry("AWS::S3::BucketPolicy", List.of("PolicyDocument")),
      Map.entry("AWS::S3::AccessPoint", List.of("Policy")),
      Map.entry("AWS::S3::MultiRegionAccessPointPolicy", List.of("Policy")),
      Map.entry("AWS::S3ObjectLambda::AccessPointPolicy", List.of("PolicyDocument")),
      Map.entry("AWS::KMS::Key", List.of("KeyPolicy")),
      Map.entry("AWS::KMS::ReplicaKey", List.of("KeyPolicy")),
      Map.entry("AWS::SQS::QueuePolicy", List.of("PolicyDocument")),
      Map.entry("AWS::SQS::QueueInlinePolicy", List.of("PolicyDocument")),
      Map.entry("AWS::SNS::TopicPolicy", List.of("PolicyDocument")),
      Map.entry("AWS::SNS::TopicInlinePolicy", List.of("PolicyDocument")),
      Map.entry("AWS::SecretsManager::ResourcePolicy", List.of("ResourcePolicy")),
      Map.entry("AWS::ECR::Repository", List.of("RepositoryPolicyText")),
      Map.entry("AWS::ECR::RegistryPolicy", List.of("PolicyText")),
      Map.entry("AWS::DynamoDB::Table",
          List.of("ResourcePolicy.PolicyDocument", "StreamSpecification.ResourcePolicy.PolicyDocument")),
      Map.entry("AWS::DynamoDB::GlobalTable", List.of("Replicas[].ResourcePolicy.PolicyDocument",
          "Replicas[].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument")),
      Map.entry("AWS::Events::EventBus", List.of("Policy")),
      Map.entry("AWS::ApiGateway::RestApi", List.of("Policy")),
      Map.entry("AWS::Logs::ResourcePolicy", List.of("PolicyDocument")),
      Map.entry("AWS::Logs::Destination", List.of("DestinationPolicy")),
      Map.entry("AWS::OpenSearchService::Domain", List.of("AccessPolicies")),
      Map.entry("AWS::Elasticsearch::Domain", List.of("AccessPolicies")),
      Map.entry("AWS::EFS::FileSystem", List.of("FileSystemPolicy")),
      Map.entry("AWS::Backup::BackupVault", List.of("AccessPolicy")),
      Map.entry("AWS::CodeArtifact::Domain", List.of("PermissionsPolicyDocument")),
      Map.entry("AWS::CodeArtifact::Repository", List.of("PermissionsPolicyDocument")),
      Map.entry("AWS::Kinesis::ResourcePolicy", List.of("ResourcePolicy")),
      Map.entry("AWS::VpcLattice::AuthPolicy", List.of("Policy")),
      Map.entry("AWS::VpcLattice::ResourcePolicy", List.of("Policy")));

  /**
   * Policies that only filter what other policies grant (a VPC endpoint's, an organization's SCP or
   * RCP, an SNS data protection policy): a Principal there admits no one, so the scan for unmodelled
   * principals skips them.
   */
  private static final Map<String, String> FILTERS = Map.of(
      "AWS::EC2::VPCEndpoint", "PolicyDocument",
      "AWS::Organizations::Policy", "Content",
      "AWS::SNS::Topic", "DataProtectionPolicy");

  /** Types whose principals are properties of their own (read below), not a policy document. */
  private static final Set<String> PRINCIPAL_PROPERTY_TYPES = Set.of(
      "AWS::Lambda::Permission", "AWS::Lambda::LayerVersionPermission", "AWS::Events::EventBusPolicy");

  private static final String NESTED_STACK = "AWS::CloudFormation::Stack";
  private static final Set<String> PUBLIC_ACLS = Set.of("PublicRead", "PublicReadWrite", "AuthenticatedRead");

  private TemplatePolicies() {}

  /**
   * One policy of the template.
   *
   * @param document the resolved policy: a map, JSON text, or an {@link Unresolved}; or, when
   *                 {@code opaque} or {@code grant} is present, nothing
   * @param opaque   why the resource hides policies the guard cannot see
   * @param grant    access the resource grants outside any policy (a public bucket ACL)
   */
  record Found(String logicalId, String type, Object document, Optional<String> opaque, Optional<String> grant) {
    static Found policy(String logicalId, String type, Object document) {
      return new Found(logicalId, type, document, Optional.empty(), Optional.empty());
    }

    static Found opaque(String logicalId, String type, String why) {
      return new Found(logicalId, type, null, Optional.of(why), Optional.empty());
    }
  }

  static List<Found> in(Map<String, Object> template, IntrinsicResolver resolver) {
    List<Found> found = new ArrayList<>();
    Object resources = template.get("Resources");
    if (!(resources instanceof Map<?, ?> byId)) {
      return found;
    }
    byId.forEach((id, resource) -> {
      if (!(resource instanceof Map<?, ?> declaration) || notCreated(declaration, resolver)) {
        return;
      }
      String logicalId = String.valueOf(id);
      String type = String.valueOf(declaration.get("Type"));
      Map<?, ?> properties = declaration.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
      if (type.equals(NESTED_STACK) || type.startsWith("AWS::Serverless::")) {
        found.add(Found.opaque(logicalId, type, type + " creates resources from a template the guard does not see"));
        return;
      }
      switch (type) {
        case "AWS::Lambda::Permission" -> found.add(Found.policy(logicalId, type,
            statement(properties.get("Principal"), properties.get("Action"), "lambda:*",
                lambdaConditions(properties, resolver), resolver)));
        case "AWS::Lambda::LayerVersionPermission" -> found.add(Found.policy(logicalId, type,
            statement(properties.get("Principal"), properties.get("Action"), "lambda:GetLayerVersion",
                orgCondition(properties.get("OrganizationId"), resolver), resolver)));
        case "AWS::Events::EventBusPolicy" -> found.add(Found.policy(logicalId, type, eventBusPolicy(properties, resolver)));
        case "AWS::S3::Bucket" -> bucketAcl(logicalId, type, properties, resolver).ifPresent(found::add);
        default -> { }
      }
      for (String path : POLICY_PROPERTIES.getOrDefault(type, List.of())) {
        for (Object value : at(properties, path)) {
          Object document = resolver.resolve(value);
          if (document != null) {
            found.add(Found.policy(logicalId, type, document));
          }
        }
      }
      if (!PRINCIPAL_PROPERTY_TYPES.contains(type)) {
        unmodelledPrincipal(type, properties).ifPresent(property -> found.add(Found.opaque(logicalId, type,
            type + " carries a Principal in " + property + ", a policy the guard does not model")));
      }
    });
    return found;
  }

  // A resource whose Condition is known to be false is never created; an unknown one might be.
  private static boolean notCreated(Map<?, ?> declaration, IntrinsicResolver resolver) {
    Object condition = declaration.get("Condition");
    return condition != null
        && resolver.conditions().evaluate(String.valueOf(condition)).equals(Optional.of(false));
  }

  /** The values at a property path such as {@code Replicas[].ResourcePolicy.PolicyDocument}. */
  private static List<Object> at(Object value, String path) {
    List<Object> level = new ArrayList<>(List.of(value));
    for (String step : path.split("\\.")) {
      boolean each = step.endsWith("[]");
      String name = each ? step.substring(0, step.length() - 2) : step;
      List<Object> next = new ArrayList<>();
      for (Object item : level) {
        Object child = item instanceof Map<?, ?> map ? map.get(name) : null;
        if (each && child instanceof List<?> list) {
          next.addAll(list);
        } else if (!each && child != null) {
          next.add(child);
        }
      }
      level = next;
    }
    return level;
  }

  /**
   * The first top-level property (outside the policies read above) under which a Principal appears,
   * as a key or inside JSON text: a policy the guard would otherwise never read.
   */
  private static Optional<String> unmodelledPrincipal(String type, Map<?, ?> properties) {
    Set<String> read = new HashSet<>();
    POLICY_PROPERTIES.getOrDefault(type, List.of()).forEach(path -> read.add(path.split("[.\\[]")[0]));
    Optional.ofNullable(FILTERS.get(type)).ifPresent(read::add);
    for (Map.Entry<?, ?> property : properties.entrySet()) {
      String name = String.valueOf(property.getKey());
      if (!read.contains(name) && carriesPrincipal(property.getValue())) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static boolean carriesPrincipal(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().anyMatch(k -> k.equals("Principal") || k.equals("NotPrincipal")
          || k.equals("Principals")) || map.values().stream().anyMatch(TemplatePolicies::carriesPrincipal);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(TemplatePolicies::carriesPrincipal);
    }
    // Policies given as JSON text; a function's inline code is no JSON object.
    return value instanceof String text && text.strip().startsWith("{") && text.contains("\"Principal");
  }

  /** A bucket ACL that grants outside the account's policies: anyone, or any AWS account. */
  private static Optional<Found> bucketAcl(
      String logicalId, String type, Map<?, ?> properties, IntrinsicResolver resolver) {
    Object acl = resolver.resolve(properties.get("AccessControl"));
    if (acl == null || (acl instanceof String text && !PUBLIC_ACLS.contains(text))) {
      return Optional.empty();
    }
    if (!(acl instanceof String text)) {
      Unresolved what = IntrinsicResolver.firstUnresolved(acl, "AccessControl " + acl);
      return Optional.of(Found.opaque(logicalId, type, "cannot resolve " + what.what() + " in AccessControl"));
    }
    String who = text.equals("AuthenticatedRead") ? "any AWS account" : "anyone on the internet";
    return Optional.of(new Found(logicalId, type, null, Optional.empty(),
        Optional.of("AccessControl " + text + " grants " + who + " access to the bucket, outside any policy")));
  }

  /** The statement an event bus policy adds: its {@code Statement}, or its older Principal form. */
  private static Object eventBusPolicy(Map<?, ?> properties, IntrinsicResolver resolver) {
    if (properties.get("Statement") != null) {
      Object statement = resolver.resolve(properties.get("Statement"));
      return statement instanceof Unresolved ? statement
          : Map.of("Version", "2012-10-17", "Statement", statement instanceof List<?> ? statement : List.of(statement));
    }
    Map<String, Object> condition = new LinkedHashMap<>();
    if (resolver.resolve(properties.get("Condition")) instanceof Map<?, ?> written) {
      // {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-…}
      condition.put(String.valueOf(written.get("Type")),
          Map.of(String.valueOf(written.get("Key")), String.valueOf(written.get("Value"))));
    }
    return statement(properties.get("Principal"), properties.get("Action"), "events:PutEvents", condition, resolver);
  }

  private static Map<String, Object> lambdaConditions(Map<?, ?> properties, IntrinsicResolver resolver) {
    Map<String, Object> equals = new LinkedHashMap<>();
    Map<String, Object> condition = new LinkedHashMap<>();
    putResolved(equals, "aws:SourceAccount", properties.get("SourceAccount"), resolver);
    putResolved(equals, "aws:PrincipalOrgID", properties.get("PrincipalOrgID"), resolver);
    if (!equals.isEmpty()) {
      condition.put("StringEquals", equals);
    }
    Map<String, Object> arnLike = new LinkedHashMap<>();
    putResolved(arnLike, "aws:SourceArn", properties.get("SourceArn"), resolver);
    if (!arnLike.isEmpty()) {
      condition.put("ArnLike", arnLike);
    }
    return condition;
  }

  private static Map<String, Object> orgCondition(Object organization, IntrinsicResolver resolver) {
    Map<String, Object> equals = new LinkedHashMap<>();
    putResolved(equals, "aws:PrincipalOrgID", organization, resolver);
    return equals.isEmpty() ? Map.of() : Map.of("StringEquals", equals);
  }

  /** The statement a permission resource (Lambda, layer, event bus) adds to its resource's policy. */
  private static Map<String, Object> statement(Object principalProperty, Object actionProperty, String action,
      Map<String, Object> condition, IntrinsicResolver resolver) {
    Object principal = resolver.resolve(principalProperty);
    Object written = principal instanceof String text && !text.equals("*")
        ? Map.of(text.endsWith(".amazonaws.com") || text.endsWith(".amazonaws.com.cn") ? "Service" : "AWS", text)
        : principal;
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", written == null ? new Unresolved("a missing Principal") : written);
    statement.put("Action", Optional.ofNullable(resolver.resolve(actionProperty)).orElse(action));
    statement.put("Resource", "*");
    if (!condition.isEmpty()) {
      statement.put("Condition", condition);
    }
    return Map.of("Version", "2012-10-17", "Statement", List.of(statement));
  }

  private static void putResolved(
      Map<String, Object> into, String key, Object value, IntrinsicResolver resolver) {
    Object resolved = resolver.resolve(value);
    if (resolved != null) {
      into.put(key, resolved);
    }
  }
}
