package io.tenantctl.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An exception to the one-way rule, written next to the resource it is for, in the template:
 *
 * <pre>
 * PublicSitePolicy:
 *   Type: AWS::S3::BucketPolicy
 *   Metadata:
 *     tenantctl:
 *       exceptions:
 *         - principal: "*"
 *           reason: the public website; read-only
 * </pre>
 *
 * It accepts the breaches of that resource by that principal (as the policy writes it) that an
 * exception may accept: never one admitting production or another tenant, nor a refusal to guess.
 *
 * @param logicalId the resource it is written on
 * @param principal the principal as written in the policy ({@code AccessControl} for a bucket ACL)
 * @param reason    why, in the author's words; required
 */
public record RecordedException(String logicalId, String principal, String reason) {

  /** The exceptions a template records, and the entries that are not valid ones. */
  record Found(List<RecordedException> exceptions, List<String> invalid) {}

  /** Whether it is written for {@code breach}: its resource and principal (accepted only when exceptable). */
  boolean names(Breach breach) {
    return breach.where().resourceName().equals(logicalId) && anyone(breach.principal()).equals(anyone(principal));
  }

  // "*" and {"AWS": "*"} admit the same: anyone.
  private static String anyone(String principal) {
    return principal.replace(" ", "").equals("{\"AWS\":\"*\"}") ? "*" : principal;
  }

  /** The exceptions recorded in a template file, for {@code validate} and {@code diff}; none when unreadable. */
  public static List<RecordedException> in(Path template) {
    try {
      return in(TemplateReader.read(Files.readString(template))).exceptions();
    } catch (IOException | TemplateReader.InvalidTemplate unreadable) {
      return List.of(); // the guard refuses an unreadable template before any deploy
    }
  }

  static Found in(Map<String, Object> template) {
    List<RecordedException> exceptions = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    if (!(template.get("Resources") instanceof Map<?, ?> resources)) {
      return new Found(exceptions, invalid);
    }
    resources.forEach((id, resource) -> {
      Object metadata = resource instanceof Map<?, ?> r ? r.get("Metadata") : null;
      Object ours = metadata instanceof Map<?, ?> m ? m.get("tenantctl") : null;
      Object listed = ours instanceof Map<?, ?> t ? t.get("exceptions") : null;
      if (listed == null) {
        return;
      }
      if (!(listed instanceof List<?> entries)) {
        invalid.add(id + ": Metadata tenantctl.exceptions must be a list of {principal, reason}");
        return;
      }
      for (Object entry : entries) {
        Object principal = entry instanceof Map<?, ?> e ? e.get("principal") : null;
        Object reason = entry instanceof Map<?, ?> e ? e.get("reason") : null;
        if (!(principal instanceof String p) || p.isBlank() || !(reason instanceof String r) || r.isBlank()) {
          invalid.add(id + ": an exception needs a principal (as the policy writes it) and a reason");
        } else {
          exceptions.add(new RecordedException(String.valueOf(id), p, r.strip()));
        }
      }
    });
    return new Found(exceptions, invalid);
  }

  /** One line, e.g. "PublicSitePolicy, principal *: the public website; read-only". */
  public String line() {
    return logicalId + ", principal " + principal + ": " + reason;
  }
}
