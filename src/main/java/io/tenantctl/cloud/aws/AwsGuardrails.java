package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import static io.tenantctl.cloud.aws.AwsCalls.call;
import static io.tenantctl.cloud.aws.AwsCalls.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.Guardrails;
import java.util.Optional;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.PolicyTypeStatus;

/** {@link Guardrails} on the SDK's Organizations client. */
final class AwsGuardrails implements Guardrails {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OrganizationsClient client;

  AwsGuardrails(OrganizationsClient client) {
    this.client = client;
  }

  @Override
  public boolean enable(String rootId, Kind kind) {
    PolicyType type = type(kind);
    var root = call("Organizations ListRoots", () -> client.listRootsPaginator().stream().flatMap(p -> p.roots().stream())
        .filter(r -> r.id().equals(rootId)).findFirst().orElseThrow());
    boolean enabled = root.policyTypes().stream()
        .anyMatch(t -> t.type() == type && t.status() == PolicyTypeStatus.ENABLED);
    if (!enabled) {
      try {
        run("Organizations EnablePolicyType", () -> client.enablePolicyType(r -> r.rootId(rootId).policyType(type)));
      } catch (CloudException e) {
        // a lost answer retried: the first call enabled it
        if (!"PolicyTypeAlreadyEnabledException".equals(e.errorCode())) {
          throw e;
        }
      }
    }
    return !enabled;
  }

  @Override
  public Put put(Kind kind, String name, String description, String content) {
    PolicyType type = type(kind);
    Optional<String> existing = call("Organizations ListPolicies", () -> client.listPoliciesPaginator(r -> r.filter(type))
        .stream().flatMap(page -> page.policies().stream()).filter(p -> p.name().equals(name)).map(p -> p.id()).findFirst());
    if (existing.isEmpty()) {
      try {
        String id = call("Organizations CreatePolicy " + name, () -> client.createPolicy(r -> r.name(name)
            .description(description).type(type).content(content)).policy().policySummary().id());
        return new Put(id, Change.CREATED);
      } catch (CloudException e) {
        if (!"DuplicatePolicyException".equals(e.errorCode())) {
          throw e;
        }
        // a lost answer retried (or another run made it): the policy exists now; read it and compare
        Put found = put(kind, name, description, content);
        return found.change() == Change.UNCHANGED ? new Put(found.policyId(), Change.CREATED) : found;
      }
    }
    String id = existing.get();
    String current = call("Organizations DescribePolicy " + name,
        () -> client.describePolicy(r -> r.policyId(id)).policy().content());
    if (sameJson(current, content)) {
      return new Put(id, Change.UNCHANGED);
    }
    run("Organizations UpdatePolicy " + name, () -> client.updatePolicy(r -> r.policyId(id).content(content)));
    return new Put(id, Change.UPDATED);
  }

  private static PolicyType type(Kind kind) {
    return switch (kind) {
      case SERVICE_CONTROL -> PolicyType.SERVICE_CONTROL_POLICY;
      case RESOURCE_CONTROL -> PolicyType.RESOURCE_CONTROL_POLICY;
    };
  }

  private static boolean sameJson(String a, String b) {
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @Override
  public boolean attach(String policyId, String targetId) {
    boolean attached = call("Organizations ListTargetsForPolicy", () -> client.listTargetsForPolicyPaginator(
        r -> r.policyId(policyId)).stream().flatMap(p -> p.targets().stream()).anyMatch(t -> t.targetId().equals(targetId)));
    if (!attached) {
      try {
        run("Organizations AttachPolicy", () -> client.attachPolicy(r -> r.policyId(policyId).targetId(targetId)));
      } catch (CloudException e) {
        if (!"DuplicatePolicyAttachmentException".equals(e.errorCode())) {
          throw e;
        }
      }
    }
    return !attached;
  }
}
