package io.tenantctl.stacks;

import io.tenantctl.core.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one stack should be: its template, parameters and tags, and their fingerprint. The fingerprint
 * is kept as a stack tag, so an unchanged stack is recognised with one read. It is computed once, when the
 * plan is made, and held by the plan; a secret value enters it only stretched ({@link Secrets#stretched}, slow on
 * purpose, once per value in a run).
 *
 * <p>{@code secretParameters} are names whose values are never shown, logged or journalled; so the plan's
 * {@link #toString} names parameters without their values.
 */
public final class StackPlan {
  public static final String FINGERPRINT_TAG = "tenantctl:fingerprint";

  private final String stackName;
  private final String region;
  private final String templateBody;
  private final Map<String, String> parameters;
  private final Set<String> secretParameters;
  private final Map<String, String> tags;
  private final String fingerprint;

  public StackPlan(String stackName, String region, String templateBody, Map<String, String> parameters,
      Set<String> secretParameters, Map<String, String> tags) {
    this(stackName, region, templateBody, parameters, secretParameters, tags, Secrets::stretch);
  }

  /** @param stretch a secret value as the fingerprint takes it: a run's {@link Secrets#stretched}, once per value */
  public StackPlan(String stackName, String region, String templateBody, Map<String, String> parameters,
      Set<String> secretParameters, Map<String, String> tags, java.util.function.Function<String, byte[]> stretch) {
    this.stackName = stackName;
    this.region = region;
    this.templateBody = templateBody;
    this.parameters = Map.copyOf(parameters);
    this.secretParameters = Set.copyOf(secretParameters);
    this.tags = Map.copyOf(tags);
    this.fingerprint = digest(stretch);
  }

  public String stackName() {
    return stackName;
  }

  public String region() {
    return region;
  }

  public String templateBody() {
    return templateBody;
  }

  public Map<String, String> parameters() {
    return parameters;
  }

  public Set<String> secretParameters() {
    return secretParameters;
  }

  /** Who the stack is for, as progress names it: the tenant, else the stack itself (production's shared stack). */
  public String subject() {
    return tags.getOrDefault("tenantctl:tenant", stackName);
  }

  public Map<String, String> tags() {
    return tags;
  }

  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "StackPlan[" + stackName + " in " + region + ", parameters " + new TreeMap<>(parameters).keySet()
        + ", fingerprint " + fingerprint + "]";
  }

  private String digest(java.util.function.Function<String, byte[]> stretch) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(templateBody.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      for (var e : new TreeMap<>(parameters).entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '=');
        sha.update(secretParameters.contains(e.getKey()) ? stretch.apply(e.getValue())
            : e.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update((byte) 0);
      sha.update(new TreeMap<>(tags).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tags to put on the stack: the plan's own plus its fingerprint. */
  public Map<String, String> stackTags() {
    Map<String, String> all = new TreeMap<>(tags);
    all.put(FINGERPRINT_TAG, fingerprint());
    return all;
  }
}
