package io.tenantctl.cli;

import io.tenantctl.core.Fault;
import io.tenantctl.manifest.TenantName;

/** Checks a TENANT given on the command line by the manifests' rule: the same message and the same fix. */
final class TenantArgument {
  private TenantArgument() {}

  static void check(String name) {
    TenantName.check(name).ifPresent(problem -> {
      throw Fault.invalid(problem, TenantName.RULE);
    });
  }
}
