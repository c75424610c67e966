package io.tenantctl.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fleet file as written, after the schema check: a field is null when it was absent or invalid
 * (invalid values have been pruned and reported already).
 */
record FleetDoc(
    String managementAccountId,
    ProductionDoc production,
    DeployRoleDoc deployRole,
    String accountEmail,
    String accountName,
    OusDoc organizationalUnits,
    String region,
    LinkedHashMap<String, StackDoc> stacks,
    String baselineStack,
    List<WaveDoc> waves,
    StateDoc state,
    StackDoc productionStack,
    Integer concurrency,
    String onHalt,
    Integer accountQuota,
    PoolDoc pool,
    DevDoc dev) {

  static final String DEFAULT_STATE_DIR = ".tenantctl";
  static final String DEFAULT_PRODUCTION_NAME = "production";
  /** Enough to hide AWS latency, few enough to stay clear of Organizations' request rate. */
  static final int DEFAULT_CONCURRENCY = 8;

  record ProductionDoc(String name, String accountId, String email) {}

  record DeployRoleDoc(String name, String externalId) {}

  record OusDoc(String tenants, String pool, String dev, String quarantine) {}

  record StackDoc(String template, Map<String, String> parameters, java.util.List<String> secretParameters) {}

  /** {@code tolerance} is an integer or a percent string such as {@code "10%"}, as the schema allows. */
  record WaveDoc(String name, Integer concurrency, Object tolerance, String bake, GateDoc gate, String onHalt,
      Map<String, String> selector) {

    Fleet.Tolerance toleranceValue() {
      if (tolerance instanceof Number n) {
        return Fleet.Tolerance.count(n.intValue());
      }
      String text = String.valueOf(tolerance);
      return Fleet.Tolerance.percent(Integer.parseInt(text.substring(0, text.length() - 1)));
    }
  }

  record GateDoc(List<String> alarms, String alarmPrefix, Boolean production) {}

  record StateDoc(String backend, String dir, String table, String region) {}

  record PoolDoc(Integer target, Integer maxCreatesPerRun) {}

  record DevDoc(List<String> stacks, Map<String, Map<String, String>> parameters, TtlDoc ttl, String reuse,
      String guardrail) {}

  record TtlDoc(@com.fasterxml.jackson.annotation.JsonProperty("default") String byDefault, String max) {}

  static final int DEFAULT_MAX_CREATES_PER_RUN = 5;
  static final String DEFAULT_TTL = "8h";
  static final String DEFAULT_MAX_TTL = "72h";

  Optional<List<String>> waveNames() {
    return Optional.ofNullable(waves)
        .map(ws -> ws.stream().map(WaveDoc::name).filter(Objects::nonNull).distinct().toList());
  }

  /** The names of the waves whose selector matches {@code labels}, in order. */
  List<String> selectingWaves(Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    return waves == null ? List.of() : waves.stream()
        .filter(w -> w != null && w.name() != null && w.selector() != null && !w.selector().isEmpty())
        .filter(w -> w.selector().entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey()))))
        .map(WaveDoc::name).toList();
  }

  Optional<List<String>> stackNames() {
    return Optional.ofNullable(stacks).map(s -> List.copyOf(s.keySet()));
  }

  Optional<String> emailFor(String tenant) {
    return Optional.ofNullable(accountEmail).map(pattern -> pattern.replace("{tenant}", tenant));
  }

  Optional<String> tenantsOu() {
    return Optional.ofNullable(organizationalUnits).map(OusDoc::tenants);
  }

  Optional<String> productionId() {
    return Optional.ofNullable(production).map(ProductionDoc::accountId);
  }

  Optional<String> productionEmail() {
    return Optional.ofNullable(production).map(ProductionDoc::email);
  }

  /** The fleet record; only called when the fleet file had no problems, so every required field is set. */
  Fleet toFleet(Path fleetFile) {
    Path root = templateRoot(fleetFile);
    Map<String, Fleet.StackDefinition> definitions = new LinkedHashMap<>();
    stacks.forEach((name, stack) -> definitions.put(name, new Fleet.StackDefinition(name,
        root.resolve(stack.template()).normalize(),
        stack.parameters() == null ? Map.of() : stack.parameters(),
        stack.secretParameters() == null ? java.util.Set.of() : java.util.Set.copyOf(stack.secretParameters()))));
    List<Fleet.Wave> rolloutWaves = waves.stream().map(this::toWave).toList();
    String stateDir = state == null || state.dir() == null ? DEFAULT_STATE_DIR : state.dir();
    return new Fleet(
        Optional.ofNullable(managementAccountId),
        new Fleet.Production(Optional.ofNullable(production.accountId()), Optional.ofNullable(production.email()),
            production.name() == null ? DEFAULT_PRODUCTION_NAME : production.name()),
        new Fleet.DeployRole(deployRole.name(), Optional.ofNullable(deployRole.externalId())),
        accountEmail,
        accountName,
        new Fleet.OrganizationalUnits(organizationalUnits.tenants(), organizationalUnits.pool(),
            organizationalUnits.dev(), organizationalUnits.quarantine()),
        region,
        definitions,
        baselineStack,
        rolloutWaves,
        new Fleet.StateSettings(state == null || state.backend() == null ? Fleet.StateSettings.Backend.FILE
            : Fleet.StateSettings.Backend.valueOf(state.backend().toUpperCase(java.util.Locale.ROOT)),
            root.resolve(stateDir).normalize(), Optional.ofNullable(state == null ? null : state.table()),
            Optional.ofNullable(state == null ? null : state.region())),
        root,
        Source.of(fleetFile),
        Optional.ofNullable(productionStack).map(stack -> new Fleet.StackDefinition("production",
            root.resolve(stack.template()).normalize(),
            stack.parameters() == null ? Map.of() : stack.parameters(),
            stack.secretParameters() == null ? java.util.Set.of() : java.util.Set.copyOf(stack.secretParameters()))),
        concurrency == null ? DEFAULT_CONCURRENCY : concurrency,
        Optional.ofNullable(accountQuota),
        new Fleet.Pool(pool == null || pool.target() == null ? 0 : pool.target(),
            pool == null || pool.maxCreatesPerRun() == null ? DEFAULT_MAX_CREATES_PER_RUN : pool.maxCreatesPerRun()),
        dev(root));
  }

  private Fleet.Dev dev(Path root) {
    DevDoc d = dev == null ? new DevDoc(null, null, null, null, null) : dev;
    TtlDoc ttl = d.ttl() == null ? new TtlDoc(null, null) : d.ttl();
    return new Fleet.Dev(d.stacks() == null ? List.of(baselineStack) : d.stacks(),
        d.parameters() == null ? Map.of() : d.parameters(),
        DurationText.parse(ttl.byDefault() == null ? DEFAULT_TTL : ttl.byDefault()).orElseThrow(),
        DurationText.parse(ttl.max() == null ? DEFAULT_MAX_TTL : ttl.max()).orElseThrow(),
        "any-owner".equals(d.reuse()) ? Fleet.Dev.Reuse.ANY_OWNER : Fleet.Dev.Reuse.SAME_OWNER,
        Optional.ofNullable(d.guardrail()).map(g -> root.resolve(g).normalize()));
  }

  private Fleet.Wave toWave(WaveDoc w) {
    String halt = w.onHalt() != null ? w.onHalt() : onHalt != null ? onHalt : "stop";
    Optional<Fleet.Gate> gate = Optional.ofNullable(w.gate()).map(g -> new Fleet.Gate(
        g.alarms() == null ? List.of() : g.alarms(), Optional.ofNullable(g.alarmPrefix()),
        Boolean.TRUE.equals(g.production())));
    return new Fleet.Wave(w.name(), w.concurrency(), w.toleranceValue(),
        w.bake() == null ? Duration.ZERO : DurationText.parse(w.bake()).orElseThrow(), gate,
        Fleet.OnHalt.valueOf(halt.toUpperCase(java.util.Locale.ROOT)),
        w.selector() == null ? Map.of() : w.selector());
  }

  static Path templateRoot(Path fleetFile) {
    return fleetFile.toAbsolutePath().normalize().getParent();
  }
}
