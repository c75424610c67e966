package io.tenantctl.stacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one stack should be: its template, parameters and tags, and their fingerprint. The fingerprint
 * is kept as a stack tag, so an unchanged stack is recognised with one read.
 *
 * @param secretParameters names whose values are never shown, logged or journalled
 */
public record StackPlan(
    String stackName,
    String region,
    String templateBody,
    Map<String, String> parameters,
    Set<String> secretParameters,
    Map<String, String> tags) {

  public static final String FINGERPRINT_TAG = "tenantctl:fingerprint";

  public StackPlan {
    parameters = Map.copyOf(parameters);
    secretParameters = Set.copyOf(secretParameters);
    tags = Map.copyOf(tags);
  }

  public String fingerprint() {
    return FINGERPRINTS.computeIfAbsent(this, StackPlan::digest);
  }

  // the digest stretches secrets on purpose, so each plan's is computed once
  private static final java.util.Map<StackPlan, String> FINGERPRINTS = new java.util.concurrent.ConcurrentHashMap<>();

  private String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(templateBody.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      for (var e : new TreeMap<>(parameters).entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '=');
        sha.update(secretParameters.contains(e.getKey()) ? stretched(e.getValue())
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

  /**
   * A secret enters the fingerprint (which is visible as a stack tag) only through a slow, salted key
   * derivation, so the tag cannot be used to guess the secret.
   */
  private byte[] stretched(String secret) {
    try {
      var spec = new javax.crypto.spec.PBEKeySpec(secret.toCharArray(), ("tenantctl:" + stackName)
          .getBytes(StandardCharsets.UTF_8), 120_000, 256);
      return javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (java.security.GeneralSecurityException e) {
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
