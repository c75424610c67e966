package io.tenantctl.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The fleet file's rules that a schema cannot express: fields that depend on each other or on files. */
final class FleetRules {

  private final LocatedYaml yaml;
  private final FleetDoc fleet;
  private final Path baseDir;
  private final List<ManifestProblem> problems;

  private FleetRules(LocatedYaml yaml, FleetDoc fleet, Path baseDir, List<ManifestProblem> problems) {
    this.yaml = yaml;
    this.fleet = fleet;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  static void check(LocatedYaml yaml, FleetDoc fleet, Path baseDir, List<ManifestProblem> problems) {
    FleetRules rules = new FleetRules(yaml, fleet, baseDir, problems);
    rules.productionIsNotManagement();
    rules.organizationalUnitsDiffer();
    rules.templatesExist();
    rules.baselineStackIsDeclared();
    rules.wavesAreSound();
    rules.devIsSound();
    rules.stateIsSound();
  }

  /** The DynamoDB backend needs its table; its keys mean nothing to the file backend; a region must exist. */
  private void stateIsSound() {
    FleetDoc.StateDoc state = fleet.state();
    if (state == null) {
      return;
    }
    boolean dynamo = "dynamodb".equals(state.backend());
    if (dynamo && state.table() == null && !yaml.written("/state/table")) {
      add("/state/backend", "state.backend dynamodb needs state.table, the DynamoDB table that keeps the state",
          "add `table: tenantctl-state` (any name) under state, then create it: tenantctl state init");
    }
    if (!dynamo && state.backend() != null && !"file".equals(state.backend())) {
      return;
    }
    if (!dynamo) {
      for (String key : List.of("table", "region")) {
        if (yaml.written("/state/" + key)) {
          add("/state/" + key, "state." + key + " is only read by the dynamodb backend, and state.backend is "
              + (state.backend() == null ? "file (the default)" : "file"),
              "add `backend: dynamodb` under state to keep the state in DynamoDB, or remove state." + key);
        }
      }
    }
    if (state.region() != null && !KnownRegions.IDS.contains(state.region())) {
      add("/state/region", "state.region " + state.region() + " is not an AWS region",
          Hints.oneOf(state.region(), List.copyOf(KnownRegions.IDS), "use the region the table is in, e.g. us-east-1"));
    }
  }

  /** The regions the AWS SDK of this build knows: loaded only for a fleet that names one (start-up stays light). */
  private static final class KnownRegions {
    static final java.util.Set<String> IDS = software.amazon.awssdk.regions.Region.regions().stream()
        .filter(r -> !r.isGlobalRegion()).map(software.amazon.awssdk.regions.Region::id)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private void devIsSound() {
    FleetDoc.DevDoc dev = fleet.dev();
    if (dev == null) {
      return;
    }
    List<String> declared = fleet.stackNames().orElse(null);
    if (dev.stacks() != null && declared != null) {
      for (int i = 0; i < dev.stacks().size(); i++) {
        String stack = dev.stacks().get(i);
        if (stack != null && !declared.contains(stack)) {
          add("/dev/stacks/" + i, "dev.stacks: \"" + stack + "\" is not one of the stacks declared under stacks",
              Hints.oneOf(stack, declared, "use one of the declared stacks"));
        }
      }
    }
    if (dev.parameters() != null) {
      List<String> devStacks = dev.stacks() != null ? dev.stacks()
          : fleet.baselineStack() == null ? List.of() : List.of(fleet.baselineStack());
      dev.parameters().keySet().forEach(stack -> {
        if (!devStacks.contains(stack)) {
          add(LocatedYaml.child("/dev/parameters", stack), "dev.parameters names stack \"" + stack
              + "\", which dev tenants do not get", "list it under dev.stacks, or remove its parameters");
        }
      });
    }
    if (dev.ttl() != null) {
      var byDefault = ttl("default", dev.ttl().byDefault());
      var max = ttl("max", dev.ttl().max());
      var effectiveDefault = byDefault != null ? byDefault
          : DurationText.parse(FleetDoc.DEFAULT_TTL).orElseThrow();
      var effectiveMax = max != null ? max : DurationText.parse(FleetDoc.DEFAULT_MAX_TTL).orElseThrow();
      boolean bothRead = (byDefault != null || dev.ttl().byDefault() == null) && (max != null || dev.ttl().max() == null);
      if (bothRead && effectiveDefault.compareTo(effectiveMax) > 0) {
        add(dev.ttl().byDefault() != null ? "/dev/ttl/default" : "/dev/ttl/max", "dev.ttl.default ("
            + DurationText.format(effectiveDefault) + ") is longer than dev.ttl.max ("
            + DurationText.format(effectiveMax) + ")",
            "make the default no longer than the maximum");
      }
    }
    if (dev.guardrail() != null) {
      Path file = FleetDoc.templateRoot(yaml.file()).resolve(dev.guardrail()).normalize();
      if (!Files.isRegularFile(file)) {
        add("/dev/guardrail", "dev.guardrail: policy file " + ManifestProblem.displayPath(file, baseDir)
            + " does not exist", "create it, or correct the path; it is relative to the fleet file's directory");
      }
    }
  }

  /** The dev.ttl.{@code key} written, when it is within 1s..{@link DurationText#MAX_TTL}; else null, reported. */
  private java.time.Duration ttl(String key, String written) {
    if (written == null) {
      return null;
    }
    var parsed = DurationText.parse(written).filter(d -> !d.isZero() && d.compareTo(DurationText.MAX_TTL) <= 0);
    if (parsed.isEmpty()) {
      add("/dev/ttl/" + key, "dev.ttl." + key + " " + written + " is out of range: allowed 1s to "
          + DurationText.format(DurationText.MAX_TTL) + " (a year)", "use a time to live within the range, e.g. "
          + (key.equals("max") ? FleetDoc.DEFAULT_MAX_TTL : FleetDoc.DEFAULT_TTL));
    }
    return parsed.orElse(null);
  }

  private void productionIsNotManagement() {
    String management = fleet.managementAccountId();
    if (management != null && management.equals(fleet.productionId().orElse(null))) {
      add("/production/accountId", "production.accountId " + management + " is the management account;"
          + " production must be a separate member account",
          "use the production account's own id: every member account trusts the management account,"
              + " so production there would break the one-way rule");
    }
  }

  private void organizationalUnitsDiffer() {
    FleetDoc.OusDoc ous = fleet.organizationalUnits();
    if (ous == null) {
      return;
    }
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("tenants", ous.tenants());
    paths.put("pool", ous.pool());
    paths.put("dev", ous.dev());
    paths.put("quarantine", ous.quarantine());
    Map<String, String> seen = new HashMap<>();
    paths.forEach((role, path) -> {
      if (path == null) {
        return;
      }
      String first = seen.putIfAbsent(path, role);
      if (first != null) {
        add("/organizationalUnits/" + role, "organizationalUnits." + role + " is the same OU as"
            + " organizationalUnits." + first + " (" + path + ")",
            "give tenants, pool, dev and quarantine each an OU path of their own");
      }
    });
  }

  private void templatesExist() {
    if (fleet.stacks() == null) {
      return;
    }
    Path root = FleetDoc.templateRoot(yaml.file());
    fleet.stacks().forEach((name, stack) -> {
      if (stack == null || stack.template() == null) {
        return;
      }
      Path template = root.resolve(stack.template()).normalize();
      if (outside(root, template)) {
        add(LocatedYaml.child("/stacks", name) + "/template", "stack \"" + name + "\": template " + stack.template()
            + " leaves the repository (" + root + "); its content would be sent to AWS", OUTSIDE_FIX);
      } else if (!Files.isRegularFile(template)) {
        add(LocatedYaml.child("/stacks", name) + "/template", "stack \"" + name + "\": template file "
            + ManifestProblem.displayPath(template, baseDir) + " does not exist",
            "create it, or correct the path; it is relative to the fleet file's directory");
      }
    });
    productionTemplateExists(root);
  }

  private static final String OUTSIDE_FIX = "keep templates inside the fleet file's directory (e.g. templates/),"
      + " and give the path relative to it without ../ leading out";

  /** Whether {@code template} (or what its symbolic links lead to) lies outside {@code root}. */
  private static boolean outside(Path root, Path template) {
    if (!template.startsWith(root)) {
      return true;
    }
    try {
      return Files.exists(template) && !template.toRealPath().startsWith(root.toRealPath());
    } catch (java.io.IOException e) {
      return false; // unreadable: reported as missing
    }
  }

  private void productionTemplateExists(Path root) {
    FleetDoc.StackDoc stack = fleet.productionStack();
    if (stack == null || stack.template() == null) {
      return;
    }
    Path template = root.resolve(stack.template()).normalize();
    if (outside(root, template)) {
      add("/productionStack/template", "productionStack: template " + stack.template() + " leaves the repository ("
          + root + "); its content would be sent to AWS", OUTSIDE_FIX);
    } else if (!Files.isRegularFile(template)) {
      add("/productionStack/template", "productionStack: template file "
          + ManifestProblem.displayPath(template, baseDir) + " does not exist",
          "create it, or correct the path; it is relative to the fleet file's directory");
    }
  }

  private void baselineStackIsDeclared() {
    String baseline = fleet.baselineStack();
    List<String> declared = fleet.stackNames().orElse(null);
    if (baseline != null && declared != null && !declared.contains(baseline)) {
      add("/baselineStack", "baselineStack \"" + baseline + "\" is not one of the stacks declared under stacks",
          Hints.oneOf(baseline, declared, "use one of the declared stacks") + ", or declare it under stacks");
    }
  }

  private void wavesAreSound() {
    if (fleet.waves() == null) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < fleet.waves().size(); i++) {
      FleetDoc.WaveDoc wave = fleet.waves().get(i);
      if (wave == null) {
        continue;
      }
      String pointer = "/waves/" + i;
      Integer first = wave.name() == null ? null : seen.putIfAbsent(wave.name(), i);
      if (first != null) {
        add(pointer + "/name", "wave name \"" + wave.name() + "\" is used twice (also by waves[" + first + "])",
            "give each wave a name of its own");
      }
      if (wave.bake() != null
          && DurationText.parse(wave.bake()).filter(d -> d.compareTo(DurationText.MAX_BAKE) <= 0).isEmpty()) {
        add(pointer + "/bake", "waves[" + i + "].bake " + wave.bake() + " is out of range: allowed 0s to "
            + DurationText.format(DurationText.MAX_BAKE) + " (a week)", "use a bake of at most "
            + DurationText.format(DurationText.MAX_BAKE) + "; watch longer with the alarms themselves");
      }
      FleetDoc.GateDoc gate = wave.gate();
      if (gate != null && (gate.alarms() == null || gate.alarms().isEmpty()) && gate.alarmPrefix() == null) {
        add(pointer + "/gate", "waves[" + i + "].gate names no alarm", "add alarms: [NAME, ...] or alarmPrefix: PREFIX,"
            + " or remove the gate");
      }
    }
  }

  private void add(String pointer, String message, String fix) {
    problems.add(new ManifestProblem(yaml.valueAt(pointer), Objects.requireNonNull(message), fix));
  }
}
