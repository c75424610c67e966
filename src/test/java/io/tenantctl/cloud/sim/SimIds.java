package io.tenantctl.cloud.sim;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Ids in AWS's shapes, drawn from the seed; never the same one twice. */
final class SimIds {
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private final Random random;
  private final Set<String> used = new HashSet<>();

  SimIds(long seed) {
    this.random = new Random(seed);
  }

  synchronized String accountId() {
    return unique(() -> String.valueOf(100_000_000_000L + (long) (random.nextDouble() * 899_999_999_999L)));
  }

  synchronized String organizationId() {
    return unique(() -> "o-" + chars(10));
  }

  synchronized String rootId() {
    return unique(() -> "r-" + chars(4));
  }

  synchronized String unitId(String rootId) {
    return unique(() -> "ou-" + rootId.substring(2) + "-" + chars(8));
  }

  synchronized String accountRequestId() {
    return unique(() -> "car-" + hex(32));
  }

  synchronized String policyId() {
    return unique(() -> "p-" + chars(8));
  }

  synchronized String stackUuid() {
    return unique(() -> hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12));
  }

  private String unique(java.util.function.Supplier<String> draw) {
    String id;
    do {
      id = draw.get();
    } while (!used.add(id));
    return id;
  }

  private String chars(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(LOWER.charAt(random.nextInt(LOWER.length())));
    }
    return b.toString();
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
