package io.tenantctl.cli;

import java.net.URI;
import java.nio.file.Path;
import io.tenantctl.app.Endpoints;
import io.tenantctl.app.Settings;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after its name. */
public final class GlobalOptions {

  public enum Format { text, json }

  @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "fleet.yaml", scope = ScopeType.INHERIT,
      description = "The fleet file (default: ${DEFAULT-VALUE}).")
  Path fleet;

  @Option(names = "--tenants", paramLabel = "DIR", defaultValue = "tenants", scope = ScopeType.INHERIT,
      description = "Directory of tenant manifests (default: ${DEFAULT-VALUE}).")
  Path tenants;

  @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
      description = "AWS region for API calls (default: AWS_REGION, else the fleet file's region).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "AWS profile with credentials for the management account (default: AWS_PROFILE or the default chain).")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Send AWS calls here, e.g. an emulator (default: AWS_ENDPOINT_URL).")
  String endpointUrl;

  @Option(names = "--local", scope = ScopeType.INHERIT,
      description = "Use a local AWS emulator (moto), installed and started on first use; see `tenantctl emulator`.")
  boolean local;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", scope = ScopeType.INHERIT,
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format output;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Also show every AWS call (service, operation, status, time) and the AWS SDK's INFO log.")
  boolean verbose;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, hidden = true, description = "Print stack traces of errors.")
  boolean stacktrace;

  /** The name under which the root command mixes these options in. */
  public static final String MIXIN = "global";

  /** The options of the run this command belongs to: the root command's mixin, where picocli put them. */
  public static GlobalOptions of(CommandSpec spec) {
    CommandSpec mixin = spec.root().mixins().get(MIXIN);
    if (mixin == null) {
      throw new IllegalStateException("the root command has no '" + MIXIN + "' mixin");
    }
    return (GlobalOptions) mixin.userObject();
  }

  /** What the run was asked for, as the composition root takes it. */
  public Settings settings() {
    return new Settings(fleet, tenants, checkedRegion(), profile(), endpointUrl(), local, OptionalInt.empty(),
        Optional.empty(), verbose, Optional.empty());
  }

  /**
   * The global options this run was given that a command in a fix must repeat (where the manifests are, how
   * AWS is reached), as they would be typed; empty when all are defaults.
   */
  public String repeatable() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (fleet != null && !fleet.equals(Path.of("fleet.yaml"))) {
      out.add("--fleet " + quoted(fleet.toString()));
    }
    // `--tenants KEY=VALUE` is rollout start's older selector, no directory: a fix repeats it as --select
    if (tenants != null && !tenants.equals(Path.of("tenants")) && !tenants.toString().contains("=")) {
      out.add("--tenants " + quoted(tenants.toString()));
    }
    region().ifPresent(r -> out.add("--region " + quoted(r)));
    profile().ifPresent(p -> out.add("--profile " + quoted(p)));
    // as typed: the error being explained may be that it is not a URL
    Optional.ofNullable(endpointUrl).ifPresent(u -> out.add("--endpoint-url " + quoted(u)));
    if (local) {
      out.add("--local");
    }
    return String.join(" ", out);
  }

  private static String quoted(String value) {
    return value.matches("[A-Za-z0-9_./:@%+=,-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
  }

  public Path fleetFile() {
    return fleet;
  }

  public Path tenantsDir() {
    return tenants;
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  // us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1: what the SDK would otherwise turn into a host name
  private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  /** The region asked for; one that is not a region name is a usage fault (exit 2), before any AWS call. */
  private Optional<String> checkedRegion() {
    if (region != null && !REGION.matcher(region).matches()) {
      throw io.tenantctl.core.Fault.invalid("--region " + (region.isEmpty() ? "is empty" : region
          + " is not an AWS region name"), "give a region such as us-east-1 or eu-central-1, or leave --region out");
    }
    return region();
  }

  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  /** The endpoint asked for; one that is not an http(s) URL with a host is a usage fault (exit 2). */
  public Optional<URI> endpointUrl() {
    return Optional.ofNullable(endpointUrl).map(u -> Endpoints.parse(u, "--endpoint-url"));
  }

  public boolean local() {
    return local;
  }

  public Format output() {
    return output;
  }

  public boolean json() {
    return output == Format.json;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean stacktrace() {
    return stacktrace;
  }

  /**
   * slf4j-simple reads its levels when the first logger is made: called after parsing and before the command
   * runs (see {@code TenantCtl}'s execution strategy), so a logger's level is this run's unless an earlier run in
   * the same JVM already made it.
   */
  public static void configureLogging(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    // the SDK's debug log can show request details: never below INFO, so no parameter value is logged
    System.setProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk", verbose ? "info" : "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache", "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
  }
}
