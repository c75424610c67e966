package io.tenantctl.cloud.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.Guardrails;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Organization policies, simulated: policy types enabled on the root, policies by kind and name, their
 * attachments. Its operations are named after the Organizations calls the AWS adapter makes, and it makes
 * them as the adapter does: a write only when something changes.
 */
final class SimGuardrails implements Guardrails {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One policy as stored. */
  record Stored(String id, Kind kind, String name, String description, String content) {}

  private final SimOrganization organization;
  private final SimCalls calls;
  private final SimIds ids;
  private final Set<String> enabled = new HashSet<>();
  private final Map<String, Stored> policies = new LinkedHashMap<>();
  private final Map<String, Set<String>> targets = new HashMap<>();

  SimGuardrails(SimOrganization organization, SimCalls calls, SimIds ids) {
    this.organization = organization;
    this.calls = calls;
    this.ids = ids;
  }

  @Override
  public boolean enable(String rootId, Kind kind) {
    boolean on = calls.call("listRoots", () -> locked(() -> {
      if (!organization.currentRoot().equals(rootId)) {
        throw SimOrganization.error("RootNotFoundException", "We can't find a root with the RootId " + rootId);
      }
      return enabled.contains(rootId + "/" + kind);
    }));
    if (!on) {
      calls.run("enablePolicyType", () -> locked(() -> enabled.add(rootId + "/" + kind)));
    }
    return !on;
  }

  @Override
  public Put put(Kind kind, String name, String description, String content) {
    Optional<Stored> existing = calls.call("listPolicies", () -> locked(() -> policies.values().stream()
        .filter(p -> p.kind() == kind && p.name().equals(name)).findFirst()));
    if (existing.isEmpty()) {
      return calls.call("createPolicy", () -> locked(() -> {
        if (!enabled.contains(organization.currentRoot() + "/" + kind)) {
          throw SimOrganization.error("PolicyTypeNotEnabledException",
              "This operation can be performed only for enabled policy types.");
        }
        Stored p = new Stored(ids.policyId(), kind, name, description, content);
        policies.put(p.id(), p);
        return new Put(p.id(), Change.CREATED);
      }));
    }
    Stored p = existing.get();
    if (sameJson(p.content(), content)) {
      return new Put(p.id(), Change.UNCHANGED);
    }
    calls.run("updatePolicy", () -> locked(() -> policies.put(p.id(),
        new Stored(p.id(), kind, name, description, content))));
    return new Put(p.id(), Change.UPDATED);
  }

  @Override
  public boolean attach(String policyId, String targetId) {
    boolean attached = calls.call("listTargetsForPolicy", () -> locked(() -> {
      if (!policies.containsKey(policyId)) {
        throw SimOrganization.error("PolicyNotFoundException", "We can't find a policy with the PolicyId " + policyId);
      }
      return targets.getOrDefault(policyId, Set.of()).contains(targetId);
    }));
    if (!attached) {
      calls.run("attachPolicy", () -> locked(() -> targets.computeIfAbsent(policyId, k -> new LinkedHashSet<>())
          .add(targetId)));
    }
    return !attached;
  }

  /** The policies of a kind attached to the root, OU or account, for tests to look at. */
  synchronized List<Stored> attachedTo(String targetId, Kind kind) {
    return policies.values().stream().filter(p -> p.kind() == kind)
        .filter(p -> targets.getOrDefault(p.id(), Set.of()).contains(targetId)).toList();
  }

  synchronized Optional<String> content(Kind kind, String name) {
    return policies.values().stream().filter(p -> p.kind() == kind && p.name().equals(name)).findFirst()
        .map(Stored::content);
  }

  private synchronized <T> T locked(java.util.function.Supplier<T> body) {
    return body.get();
  }

  private static boolean sameJson(String a, String b) {
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
