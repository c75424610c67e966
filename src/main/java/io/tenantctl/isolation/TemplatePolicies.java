package io.tenantctl.isolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policies a template would create, resolved for one deployment. */
final class TemplatePolicies {

  /** Resource type → the property holding its resource or trust policy. */
  private static final Map<String, String> POLICY_PROPERTIES = Map.ofEntries(
      Map.entry("AWS::IAM::Role", "AssumeRolePolicyDocument"),
      Map.entry("AWS::S3::BucketPolicy", "PolicyDocument"),
      Map.entry("AWS::S3::AccessPoint", "Policy"),
      Map.entry("AWS::KMS::Key", "KeyPolicy"),
      Map.entry("AWS::SQS::QueuePolicy", "PolicyDocument"),
      Map.entry("AWS::SQS::QueueInlinePolicy", "PolicyDocument"),
      Map.entry("AWS::SNS::TopicPolicy", "PolicyDocument"),
      Map.entry("AWS::SNS::TopicInlinePolicy", "PolicyDocument"),
      Map.entry("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"),
      Map.entry("AWS::ECR::Repository", "RepositoryPolicyText"));

  private static final String LAMBDA_PERMISSION = "AWS::Lambda::Permission";
  private static final String NESTED_STACK = "AWS::CloudFormation::Stack";

  private TemplatePolicies() {}

  /**
   * One policy of the template.
   *
   * @param document the resolved policy: a map, JSON text, or an {@link Unresolved}; or, when
   *                 {@code opaque} is present, nothing
   * @param opaque   why the resource hides policies the guard cannot see
   */
  record Found(String logicalId, String type, Object document, Optional<String> opaque) {}

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
        found.add(new Found(logicalId, type, null,
            Optional.of(type + " creates resources from a template the guard does not see")));
      } else if (type.equals(LAMBDA_PERMISSION)) {
        found.add(new Found(logicalId, type, lambdaPermission(properties, resolver), Optional.empty()));
      } else if (POLICY_PROPERTIES.containsKey(type)
          && properties.get(POLICY_PROPERTIES.get(type)) != null) {
        Object document = resolver.resolve(properties.get(POLICY_PROPERTIES.get(type)));
        if (document != null) {
          found.add(new Found(logicalId, type, document, Optional.empty()));
        }
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

  /** The statement Lambda adds to the function's policy for this permission. */
  private static Map<String, Object> lambdaPermission(Map<?, ?> properties, IntrinsicResolver resolver) {
    Object principal = resolver.resolve(properties.get("Principal"));
    Object written = principal instanceof String text && !text.equals("*")
        ? Map.of(text.endsWith(".amazonaws.com") || text.endsWith(".amazonaws.com.cn") ? "Service" : "AWS", text)
        : principal;
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
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", written == null ? new Unresolved("a missing Principal") : written);
    statement.put("Action", Optional.ofNullable(resolver.resolve(properties.get("Action"))).orElse("lambda:*"));
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
