package io.tenantctl.isolation;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.arns.Arn;

/**
 * What {@code Ref} and {@code Fn::GetAtt} give for a resource of the template being checked. The
 * names are best guesses (CloudFormation makes some up at deploy time), but the account is certain:
 * a stack's resources are created in the account it is deployed to.
 */
final class SameAccountResources {

  private static final Map<String, String> NAME_PROPERTIES = Map.of(
      "AWS::IAM::Role", "RoleName",
      "AWS::IAM::User", "UserName",
      "AWS::S3::Bucket", "BucketName",
      "AWS::SQS::Queue", "QueueName",
      "AWS::SNS::Topic", "TopicName",
      "AWS::Lambda::Function", "FunctionName",
      "AWS::ECR::Repository", "RepositoryName",
      "AWS::SecretsManager::Secret", "Name",
      "AWS::IAM::SAMLProvider", "Name");

  private final Map<String, Object> resources;
  private final DeployTarget target;
  private final Function<Object, Object> resolve;

  /** @param resolve resolves a property value (for names such as {@code !Sub "x-${Env}"}) */
  SameAccountResources(
      Map<String, Object> resources, DeployTarget target, Function<Object, Object> resolve) {
    this.resources = resources;
    this.target = target;
    this.resolve = resolve;
  }

  boolean contains(String logicalId) {
    return resources.get(logicalId) instanceof Map;
  }

  String type(String logicalId) {
    return String.valueOf(((Map<?, ?>) resources.get(logicalId)).get("Type"));
  }

  /**
   * Stands for an origin access identity the template creates: no real id looks like this, so only
   * a principal made from this template's own identity can match it.
   */
  static String originAccessIdentity(String logicalId) {
    return "(origin access identity " + logicalId + ")";
  }

  /** As {@link #originAccessIdentity}, for the identity's S3 canonical user id. */
  static String canonicalUserOf(String logicalId) {
    return "(canonical user of " + logicalId + ")";
  }

  static final String ORIGIN_ACCESS_IDENTITY = "AWS::CloudFront::CloudFrontOriginAccessIdentity";

  /** {@code Ref}: the physical id; unresolved for a custom resource, whose id its code makes up. */
  Object ref(String logicalId) {
    if (isCustom(logicalId)) {
      return new Unresolved("Ref to " + logicalId + " (custom resource " + type(logicalId)
          + ": its code makes the value up)");
    }
    String name = name(logicalId);
    return switch (type(logicalId)) {
      case ORIGIN_ACCESS_IDENTITY -> originAccessIdentity(logicalId);
      case "AWS::IAM::OIDCProvider" -> arn("iam", "", target.accountId(), "oidc-provider/"
          + (resolve.apply(property(logicalId, "Url")) instanceof String url
              ? url.replaceFirst("^https://", "") : logicalId));
      case "AWS::IAM::SAMLProvider" -> arn("iam", "", target.accountId(), "saml-provider/" + name);
      case "AWS::SQS::Queue" -> "https://sqs." + target.region() + "." + target.urlSuffix() + "/"
          + target.accountId() + "/" + name;
      case "AWS::SNS::Topic", "AWS::SecretsManager::Secret" -> arn(logicalId);
      case "AWS::KMS::Key" -> keyId(logicalId);
      default -> name;
    };
  }

  /**
   * {@code Fn::GetAtt}: ARNs in the target account; other attributes as a placeholder; unresolved
   * for a custom resource, whose attributes its code makes up (an ARN of any account).
   */
  Object attribute(String logicalId, String attribute) {
    if (isCustom(logicalId)) {
      return new Unresolved("Fn::GetAtt " + logicalId + "." + attribute + " (custom resource "
          + type(logicalId) + ": its code makes the value up)");
    }
    if (type(logicalId).equals(ORIGIN_ACCESS_IDENTITY)) {
      return attribute.equals("S3CanonicalUserId") ? canonicalUserOf(logicalId) : originAccessIdentity(logicalId);
    }
    if (attribute.equals("Arn") || attribute.endsWith("Arn")) {
      return arn(logicalId);
    }
    return switch (attribute) {
      case "QueueName", "TopicName", "RoleName" -> name(logicalId);
      case "KeyId" -> keyId(logicalId);
      default -> logicalId + "." + attribute;
    };
  }

  private boolean isCustom(String logicalId) {
    String type = type(logicalId);
    return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
  }

  private String arn(String logicalId) {
    String account = target.accountId();
    String region = target.region();
    String name = name(logicalId);
    String type = type(logicalId);
    return switch (type) {
      case "AWS::IAM::Role" -> arn("iam", "", account, "role" + path(logicalId) + name);
      case "AWS::IAM::User" -> arn("iam", "", account, "user" + path(logicalId) + name);
      case "AWS::S3::Bucket" -> arn("s3", "", "", name);
      case "AWS::KMS::Key" -> arn("kms", region, account, "key/" + keyId(logicalId));
      case "AWS::Lambda::Function" -> arn("lambda", region, account, "function:" + name);
      case "AWS::ECR::Repository" -> arn("ecr", region, account, "repository/" + name);
      case "AWS::SecretsManager::Secret" -> arn("secretsmanager", region, account, "secret:" + name);
      default -> arn(service(type), region, account, name);
    };
  }

  private String arn(String service, String region, String account, String resource) {
    return Arn.builder().partition(target.partition()).service(service).region(region).accountId(account)
        .resource(resource).build().toString();
  }

  private String name(String logicalId) {
    String property = NAME_PROPERTIES.get(type(logicalId));
    Object given = property == null ? null : resolve.apply(property(logicalId, property));
    if (given instanceof String name && !name.isBlank()) {
      return name;
    }
    // Unnamed (or named by something unresolvable): CloudFormation makes one up; the account stays.
    String generated = target.stackName() + "-" + logicalId;
    return type(logicalId).equals("AWS::S3::Bucket") ? generated.toLowerCase(Locale.ROOT) : generated;
  }

  private String path(String logicalId) {
    return resolve.apply(property(logicalId, "Path")) instanceof String path ? path : "/";
  }

  private String keyId(String logicalId) {
    return "key-" + logicalId;
  }

  private Object property(String logicalId, String property) {
    Object properties = ((Map<?, ?>) resources.get(logicalId)).get("Properties");
    return properties instanceof Map<?, ?> map ? map.get(property) : null;
  }

  private static String service(String type) {
    String[] parts = type.split("::");
    return parts.length == 3 && !parts[1].isBlank() ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
  }
}
