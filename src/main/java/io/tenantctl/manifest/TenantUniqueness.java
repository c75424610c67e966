package io.tenantctl.manifest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rules across tenant files: names, account e-mails and adopted account ids are each used once. */
final class TenantUniqueness {

  /** A tenant manifest that was read and checked against the schema. */
  record TenantFile(LocatedYaml yaml, TenantDoc doc) {}

  private TenantUniqueness() {}

  /** {@code tenants} in file order; a later file is reported against an earlier one. */
  static void check(List<TenantFile> tenants, FleetDoc fleet, Path baseDir, List<ManifestProblem> problems) {
    Map<String, TenantFile> names = new HashMap<>();
    Map<String, TenantFile> emails = new HashMap<>();
    Map<String, TenantFile> ids = new HashMap<>();
    for (TenantFile tenant : tenants) {
      TenantDoc doc = tenant.doc();
      if (doc.name() != null) {
        TenantFile first = names.putIfAbsent(doc.name(), tenant);
        if (first != null) {
          problems.add(new ManifestProblem(tenant.yaml().valueAt("/name"), "tenant \"" + doc.name()
              + "\" is also defined in " + shown(first, baseDir),
              "keep one file per tenant: remove or rename one of them"));
          continue;
        }
      }
      doc.email(fleet).ifPresent(email -> {
        TenantFile first = emails.putIfAbsent(email.toLowerCase(Locale.ROOT), tenant);
        if (first != null) {
          boolean explicit = doc.explicitEmail().isPresent();
          problems.add(new ManifestProblem(tenant.yaml().valueAt(explicit ? "/account/email" : "/name"),
              "account e-mail " + email + (explicit ? "" : " (from the fleet's accountEmail)")
                  + " is also used by " + shown(first, baseDir),
              "give each tenant an account e-mail of its own under account.email"));
        }
      });
      doc.accountId().ifPresent(id -> {
        TenantFile first = ids.putIfAbsent(id, tenant);
        if (first != null) {
          problems.add(new ManifestProblem(tenant.yaml().valueAt("/account/id"), "account.id " + id
              + " is also adopted by " + shown(first, baseDir),
              "each tenant needs an account of its own: correct or remove one of the ids"));
        }
      });
    }
  }

  private static String shown(TenantFile tenant, Path baseDir) {
    return ManifestProblem.displayPath(tenant.yaml().file(), baseDir);
  }
}
