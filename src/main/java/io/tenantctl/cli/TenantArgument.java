package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.TenantName;

/** Checks a TENANT given on the command line by the same rules as manifests. */
final class TenantArgument {
  private TenantArgument() {}

  static void check(String name) {
    TenantName.check(name).ifPresent(problem -> {
      throw Fault.invalid("'" + name + "' is not a valid tenant name: " + problem,
          "tenant names are 3-32 lowercase letters, digits and single hyphens, starting with a letter");
    });
  }
}
