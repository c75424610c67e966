package io.tenantctl.cloud.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tenantctl.cloud.PolicyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live policies of one simulated account, as its deploy role reads them: the deploy role's own trust
 * (the management account, as for every account the organization made), and the roles, bucket policies and
 * keys the account's live stacks created, their intrinsic functions resolved as CloudFormation would.
 */
final class SimPolicies implements PolicyReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");
  static final String ROLE = "AWS::IAM::Role";
  static final String BUCKET = "AWS::S3::Bucket";
  static final String BUCKET_POLICY = "AWS::S3::BucketPolicy";
  static final String KEY = "AWS::KMS::Key";

  private final String accountId;
  private final String managementId;
  private final String deployRole;
  private final StackStore store;
  private final SimCalls calls;
  private final Runnable access;

  SimPolicies(String accountId, String managementId, String deployRole, StackStore store, SimCalls calls,
      Runnable access) {
    this.accountId = accountId;
    this.managementId = managementId;
    this.deployRole = deployRole;
    this.store = store;
    this.calls = calls;
    this.access = access;
  }

  @Override
  public List<LivePolicy> roleTrustPolicies() {
    return calls.call("roleTrustPolicies", () -> {
      access.run();
      List<LivePolicy> out = new ArrayList<>();
      if (!accountId.equals(managementId)) {
        out.add(new LivePolicy(ROLE, deployRole, Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + managementId + ":root\"},\"Action\":\"sts:AssumeRole\"}]}")));
      }
      out.addAll(created(ROLE, "AssumeRolePolicyDocument", "RoleName"));
      return out;
    });
  }

  @Override
  public List<LivePolicy> bucketPolicies() {
    return calls.call("bucketPolicies", () -> {
      access.run();
      return created(BUCKET_POLICY, "PolicyDocument", "Bucket").stream()
          .map(p -> new LivePolicy(BUCKET, p.resourceName(), p.document())).toList();
    });
  }

  @Override
  public List<LivePolicy> keyPolicies() {
    return calls.call("keyPolicies", () -> {
      access.run();
      return created(KEY, "KeyPolicy", null).stream().map(p -> p.document().isPresent() ? p
          // a key made without a policy gets the default one: the account administers it
          : new LivePolicy(KEY, p.resourceName(), Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
              + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountId + ":root\"},\"Action\":\"kms:*\","
              + "\"Resource\":\"*\"}]}"))).toList();
    });
  }

  /** The policy in {@code property} of every live resource of {@code type}, named by {@code nameProperty}. */
  private List<LivePolicy> created(String type, String property, String nameProperty) {
    List<LivePolicy> out = new ArrayList<>();
    synchronized (store) {
      for (SimStack stack : store.all()) {
        if (stack.deleted) {
          continue;
        }
        Resolver resolver = new Resolver(stack);
        for (String id : stack.liveResources) {
          SimTemplate.Resource r = stack.template.resources().get(id);
          if (r == null || !r.type().equals(type)) {
            continue;
          }
          JsonNode props = r.definition().path("Properties");
          String name = nameProperty == null ? resolver.name(id, 0)
              : resolver.resolve(props.path(nameProperty), 0).asText();
          JsonNode policy = props.get(property);
          out.add(new LivePolicy(type, name, policy == null ? Optional.empty()
              : Optional.of(resolver.resolve(policy, 0).toString())));
        }
      }
    }
    return out;
  }

  /**
   * Resolves {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} and {@code Fn::Join} in a template read
   * without its YAML tags: a short-form {@code !Ref X} arrives as the text {@code X}, {@code !GetAtt X.Arn} as
   * {@code X.Arn}, {@code !Sub "..."} as its text, so a text naming a parameter or resource is read as a
   * reference to it. Good enough for the sample templates; the isolation engine has the exact resolver.
   */
  private final class Resolver {
    private final SimStack stack;

    Resolver(SimStack stack) {
      this.stack = stack;
    }

    JsonNode resolve(JsonNode node, int depth) {
      if (depth > 32) {
        return node;
      }
      if (node.isTextual()) {
        return TextNode.valueOf(text(node.asText(), depth));
      }
      if (node.isArray()) {
        ArrayNode out = JSON.createArrayNode();
        node.forEach(n -> out.add(resolve(n, depth + 1)));
        return out;
      }
      if (node.isObject()) {
        if (node.size() == 1) {
          String fn = node.fieldNames().next();
          JsonNode arg = node.get(fn);
          switch (fn) {
            case "Ref":
            case "Fn::GetAtt":
              return TextNode.valueOf(text(arg.isArray() ? arg.get(0).asText() + "." + arg.get(1).asText()
                  : arg.asText(), depth));
            case "Fn::Sub":
              return TextNode.valueOf(sub(arg.isArray() ? arg.get(0).asText() : arg.asText(), depth));
            case "Fn::Join":
              List<String> parts = new ArrayList<>();
              resolve(arg.get(1), depth + 1).forEach(p -> parts.add(p.asText()));
              return TextNode.valueOf(String.join(arg.get(0).asText(), parts));
            default:
              break;
          }
        }
        ObjectNode out = JSON.createObjectNode();
        node.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), depth + 1)));
        return out;
      }
      return node;
    }

    private String text(String text, int depth) {
      return reference(text, depth).orElseGet(() -> sub(text, depth));
    }

    private String sub(String text, int depth) {
      Matcher m = SUB.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(reference(m.group(1), depth).orElse(m.group())));
      }
      m.appendTail(out);
      return out.toString();
    }

    private Optional<String> reference(String name, int depth) {
      switch (name) {
        case "AWS::AccountId":
          return Optional.of(stack.accountId);
        case "AWS::Region":
          return Optional.of(stack.region);
        case "AWS::Partition":
          return Optional.of("aws");
        case "AWS::StackName":
          return Optional.of(stack.name);
        case "AWS::URLSuffix":
          return Optional.of("amazonaws.com");
        default:
          break;
      }
      if (stack.parameters.containsKey(name)) {
        return Optional.of(stack.parameters.get(name));
      }
      Map<String, SimTemplate.Resource> resources = stack.template.resources();
      if (resources.containsKey(name)) {
        return Optional.of(name(name, depth + 1));
      }
      int dot = name.indexOf('.');
      if (dot > 0 && resources.containsKey(name.substring(0, dot))) {
        return Optional.of(arn(name.substring(0, dot), depth + 1));
      }
      return Optional.empty();
    }

    /** What {@code Ref} gives: a role's or bucket's name, a key's id. */
    String name(String logicalId, int depth) {
      SimTemplate.Resource r = stack.template.resources().get(logicalId);
      String given = switch (r.type()) {
        case ROLE -> "RoleName";
        case BUCKET -> "BucketName";
        default -> null;
      };
      JsonNode named = given == null ? null : r.definition().path("Properties").get(given);
      if (named != null && depth < 32) {
        return resolve(named, depth + 1).asText();
      }
      if (r.type().equals(KEY)) {
        return UUID.nameUUIDFromBytes((stack.id + "/" + logicalId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
      }
      return (stack.name + "-" + logicalId).toLowerCase(java.util.Locale.ROOT);
    }

    private String arn(String logicalId, int depth) {
      String name = name(logicalId, depth);
      return switch (stack.template.resources().get(logicalId).type()) {
        case ROLE -> "arn:aws:iam::" + stack.accountId + ":role/" + name;
        case BUCKET -> "arn:aws:s3:::" + name;
        case KEY -> "arn:aws:kms:" + stack.region + ":" + stack.accountId + ":key/" + name;
        default -> "arn:aws:sim:" + stack.region + ":" + stack.accountId + ":" + stack.name + "/" + logicalId;
      };
    }
  }
}
