package io.tenantctl.manifest;

import java.nio.file.Path;
import java.util.List;

/** A tenant manifest's rules that a schema cannot express: its file name and its fit with the fleet. */
final class TenantRules {

  private final LocatedYaml yaml;
  private final TenantDoc tenant;
  private final FleetDoc fleet;
  private final Path baseDir;
  private final List<ManifestProblem> problems;

  private TenantRules(LocatedYaml yaml, TenantDoc tenant, FleetDoc fleet, Path baseDir,
      List<ManifestProblem> problems) {
    this.yaml = yaml;
    this.tenant = tenant;
    this.fleet = fleet;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  /** {@code fleet} is null when the fleet file could not be read; the rules that need it are skipped. */
  static void check(LocatedYaml yaml, TenantDoc tenant, FleetDoc fleet, Path baseDir,
      List<ManifestProblem> problems) {
    TenantRules rules = new TenantRules(yaml, tenant, fleet, baseDir, problems);
    rules.nameMatchesFile();
    if (fleet != null) {
      rules.waveExists();
      rules.oneWaveSelects();
      rules.parametersNameDeclaredStacks();
      rules.ouIsBelowTenants();
      rules.accountIsNotShared();
      rules.emailIsNotProduction();
    }
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private void nameMatchesFile() {
    String fileBase = baseName(yaml.file());
    if (tenant.name() != null && !tenant.name().equals(fileBase)) {
      String extension = yaml.file().getFileName().toString().substring(fileBase.length());
      Path renamed = yaml.file().resolveSibling(tenant.name() + extension);
      add("/name", "name \"" + tenant.name() + "\" does not match the file name "
          + ManifestProblem.displayPath(yaml.file(), baseDir), "rename the file to "
          + ManifestProblem.displayPath(renamed, baseDir) + ", or set name: " + fileBase);
    }
  }

  private void waveExists() {
    List<String> waves = fleet.waveNames().orElse(null);
    if (tenant.wave() != null && waves != null && !waves.contains(tenant.wave())) {
      add("/wave", "wave \"" + tenant.wave() + "\" is not one of the fleet's waves",
          Hints.oneOf(tenant.wave(), waves, "use one of"));
    }
  }

  /** A tenant that names no wave belongs to the one wave whose selector matches its labels. */
  private void oneWaveSelects() {
    if (tenant.wave() != null || fleet.waves() == null || yaml.written("/wave")) {
      return;
    }
    List<String> matched = fleet.selectingWaves(tenant.labels());
    String labels = tenant.labels() == null || tenant.labels().isEmpty() ? "it (it has no labels)"
        : "its labels " + tenant.labels();
    if (matched.isEmpty()) {
      add(tenant.labels() == null ? "/name" : "/labels", "tenant names no wave, and no wave's selector matches "
          + labels, "add wave: " + fleet.waveNames().orElse(List.of()).stream().findFirst().orElse("<wave>")
          + " (one of: " + String.join(", ", fleet.waveNames().orElse(List.of())) + "), or labels that one wave's"
          + " selector matches");
    } else if (matched.size() > 1) {
      add("/labels", "tenant names no wave, and the selectors of " + matched.size() + " waves match " + labels
          + ": " + String.join(", ", matched), "add wave: " + matched.get(0) + " (or another) to the manifest,"
          + " or narrow the selectors in the fleet file so that one matches");
    }
  }

  private void parametersNameDeclaredStacks() {
    List<String> stacks = fleet.stackNames().orElse(null);
    if (tenant.parameters() == null || stacks == null) {
      return;
    }
    for (String stack : tenant.parameters().keySet()) {
      if (!stacks.contains(stack)) {
        problems.add(new ManifestProblem(yaml.keyAt(LocatedYaml.child("/parameters", stack)),
            "parameters for stack \"" + stack + "\", which the fleet does not declare",
            Hints.oneOf(stack, stacks, "use one of the fleet's stacks")));
      }
    }
  }

  private void ouIsBelowTenants() {
    String ou = tenant.ou().orElse(null);
    String tenants = fleet.tenantsOu().orElse(null);
    if (ou != null && tenants != null && !ou.equals(tenants) && !ou.startsWith(tenants + "/")) {
      String leaf = ou.substring(ou.lastIndexOf('/'));
      add("/account/ou", "account.ou " + ou + " is outside the fleet's tenants OU " + tenants,
          "use " + tenants + " or an OU path below it, e.g. " + tenants + leaf);
    }
  }

  private void accountIsNotShared() {
    String id = tenant.accountId().orElse(null);
    if (id == null) {
      return;
    }
    String which = id.equals(fleet.productionId().orElse(null)) ? "production"
        : id.equals(fleet.managementAccountId()) ? "management" : null;
    if (which != null) {
      add("/account/id", "account.id " + id + " is the " + which + " account; a tenant cannot adopt it",
          "remove account.id to vend a new account, or give the id of the tenant's own account");
    }
  }

  private void emailIsNotProduction() {
    String production = fleet.productionEmail().orElse(null);
    String email = tenant.email(fleet).orElse(null);
    if (production != null && production.equalsIgnoreCase(email)) {
      boolean explicit = tenant.explicitEmail().isPresent();
      add(explicit ? "/account/email" : "/name", "account e-mail " + email + (explicit ? "" : " (from the"
          + " fleet's accountEmail)") + " is the production account's e-mail",
          "give the tenant an e-mail address of its own under account.email");
    }
  }

  private void add(String pointer, String message, String fix) {
    problems.add(new ManifestProblem(yaml.valueAt(pointer), message, fix));
  }
}
