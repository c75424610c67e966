package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.state.Records;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates a rollout may put back, kept in the records under {@code rollouts/<id>/templates/<sha256>}: once per
 * content, since most tenants of a fleet run the same one.
 */
final class PreviousTemplates {
  private final Records records;
  /** Keys known to be on disk, and bodies read back for a rollback, by key. */
  private final Map<String, Boolean> kept = new ConcurrentHashMap<>();
  private final Map<String, String> read = new ConcurrentHashMap<>();

  PreviousTemplates(Records records) {
    this.records = records;
  }

  /**
   * Keeps {@code body} durably; returns its key. Callers with the same template wait for the first one's write, so
   * none journals a key before its template is on disk.
   */
  String keep(String rollout, String body) {
    String key = RolloutCatalog.key(rollout) + "/templates/" + sha256(body);
    kept.computeIfAbsent(key, k -> {
      if (records.get(k, Rollout.PreviousTemplate.class).isEmpty()) {
        records.put(k, new Rollout.PreviousTemplate(body));
      }
      return Boolean.TRUE;
    });
    return key;
  }

  /** The previous version of a tenant as journalled, with its template read back. */
  TenantStacks.PreviousVersion previousOf(RolloutEvent.PreviousRecorded p) {
    String body = !p.existed() ? "" : read.computeIfAbsent(p.template(), k -> records
        .get(k, Rollout.PreviousTemplate.class).map(Rollout.PreviousTemplate::body).orElseThrow(() -> Fault.failed(
            "the previous template of " + p.tenant() + " (" + k + ") is missing from the state",
            "restore its stack by hand")));
    return new TenantStacks.PreviousVersion(p.tenant(), p.stack(), p.region(), p.existed(), body, p.parameters());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
