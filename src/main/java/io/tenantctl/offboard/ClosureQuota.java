package io.tenantctl.offboard;

import io.tenantctl.cloud.Organization.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's account-closure quota: an organization may close 10% of its member accounts (at least 10, at most 1,000)
 * in any rolling 30 days. Suspended accounts are still members, and still count as closures. When an account was
 * closed is known from its {@code tenantctl:closed-at} tag; a closed account without it counts as closed recently.
 *
 * @param nextSlot when the oldest closure in the window leaves it; empty when none has a known date
 */
public record ClosureQuota(int members, int limit, int used, Optional<Instant> nextSlot) {
  public static final String CLOSED_AT = "tenantctl:closed-at";
  public static final Duration WINDOW = Duration.ofDays(30);

  /** @param excluding the account being closed: its own tag must not count against it on a re-run */
  public static ClosureQuota of(List<Account> accounts, Map<String, Map<String, String>> tags, String managementId,
      String excluding, Instant now) {
    int members = (int) accounts.stream().filter(a -> !a.id().equals(managementId)).count();
    int limit = Math.min(1000, Math.max(10, members / 10));
    int used = 0;
    Optional<Instant> oldest = Optional.empty();
    for (Account a : accounts) {
      if (a.id().equals(managementId) || a.id().equals(excluding)) {
        continue;
      }
      Optional<Instant> closedAt = closedAt(tags.getOrDefault(a.id(), Map.of()));
      if (closedAt.isPresent()) {
        if (closedAt.get().isAfter(now.minus(WINDOW))) {
          used++;
          if (oldest.isEmpty() || closedAt.get().isBefore(oldest.get())) {
            oldest = closedAt;
          }
        }
      } else if (!"ACTIVE".equals(a.status())) {
        used++;
      }
    }
    return new ClosureQuota(members, limit, used, oldest.map(o -> o.plus(WINDOW)));
  }

  private static Optional<Instant> closedAt(Map<String, String> tags) {
    try {
      return Optional.ofNullable(tags.get(CLOSED_AT)).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public boolean allowsOne() {
    return used < limit;
  }

  public String describe() {
    return used + " closed in the last 30 days (suspended accounts count) of " + limit + " allowed (10% of " + members
        + " member accounts, at least 10, at most 1,000); " + nextSlot.map(t -> "a slot frees at " + t.truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS)).orElse("when a slot frees is unknown (accounts closed without"
            + " tenantctl's closed-at tag)");
  }
}
