package io.tenantctl.onboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.cloud.Guardrails;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fleet file's own organization policy for the dev OU (for example, denying expensive services to personal
 * tenants): a service control policy, since it limits what the developers' principals may do in their accounts.
 */
public final class DevGuardrail {
  public static final String POLICY_NAME = "tenantctl-dev-guardrail";

  private final Guardrails guardrails;

  public DevGuardrail(Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  /** What {@link #ensure} did: each field is what changed. */
  public record Applied(String policyId, boolean typeEnabled, Guardrails.Change policy, boolean attached) {
    public boolean changedAnything() {
      return typeEnabled || policy != Guardrails.Change.UNCHANGED || attached;
    }
  }

  /** Enables service control policies, creates or updates the policy from {@code file}, attaches it to the dev OU. */
  public Applied ensure(String rootId, Path file, String devPath, String devOuId, Progress progress) {
    String content = content(file);
    var kind = Guardrails.Kind.SERVICE_CONTROL;
    boolean enabled = guardrails.enable(rootId, kind);
    if (enabled) {
      progress.step("guardrail", "enabled service control policies on the root");
    }
    var put = guardrails.put(kind, POLICY_NAME, "tenantctl: the dev OU's guardrail, from the fleet file", content);
    if (put.change() != Guardrails.Change.UNCHANGED) {
      progress.step("guardrail", POLICY_NAME + ": " + put.change().name().toLowerCase(java.util.Locale.ROOT));
    }
    boolean attached = guardrails.attach(put.policyId(), devOuId);
    if (attached) {
      progress.step("guardrail", "attached " + POLICY_NAME + " to " + devPath);
    }
    return new Applied(put.policyId(), enabled, put.change(), attached);
  }

  /** The policy as compact JSON: what AWS stores, so an unchanged file is never an update. */
  static String content(Path file) {
    try {
      var mapper = new ObjectMapper();
      return mapper.writeValueAsString(mapper.readTree(Files.readString(file)));
    } catch (JsonProcessingException e) {
      throw Fault.invalid("dev.guardrail: " + file + " is not a JSON policy: " + e.getOriginalMessage(),
          "write the service control policy as JSON (Version, Statement)");
    } catch (IOException e) {
      throw Fault.invalid("dev.guardrail: cannot read " + file + ": " + e.getMessage(),
          "check the path under dev.guardrail in the fleet file");
    }
  }
}
