package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.dev.DevTenants;
import io.tenantctl.manifest.DurationText;
import io.tenantctl.pool.PoolTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dev", description = "Personal developer tenants dev-<owner>, from the account pool, deployed like"
    + " customers, with a time to live.",
    subcommands = {DevCommand.Up.class, DevCommand.Ls.class, DevCommand.Extend.class, DevCommand.Down.class,
        DevCommand.Gc.class})
public final class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** The longest a {@code dev gc} run may be given: it is meant for a schedule. */
  static final Duration MAX_GC_TIME = Duration.ofHours(24);

  static Optional<Duration> duration(String option, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(DurationText.parse(text).orElseThrow(() -> Fault.invalid(option + " " + text
        + " is not a duration", "write hours and minutes, e.g. " + option + " 8h or " + option + " 1h30m")));
  }

  static String left(Optional<Instant> expires, Instant now) {
    if (expires.isEmpty()) {
      return "-";
    }
    Duration d = Duration.between(now, expires.get());
    return d.isNegative() ? "expired" : PoolCommand.Ls.age(d);
  }

  @Command(name = "up", description = "Get your dev tenant: a ready pool account (no CreateAccount when one is"
      + " ready), tagged with owner and expiry, with the dev stacks deployed like a customer's.")
  public static final class Up implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;
    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it lives (default dev.ttl.default).")
    String ttl;
    @Option(names = "--owner", paramLabel = "NAME", description = "Whose tenant (default: the caller's identity).")
    String owner;

    public Up(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      Optional<Duration> asked = duration("--ttl", ttl);
      Optional.ofNullable(owner).ifPresent(DevTenants::checkOwner);
      try (var services = Session.open(spec, launch)) {
        Duration lives = DevTenants.ttl(services.manifests().fleet(), asked);
        var dev = services.dev();
        var up = dev.up(dev.owner(Optional.ofNullable(owner)), lives, services.progress());
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(up);
        } else {
          printer.line(up.tenant() + ": account " + up.accountId() + " (" + up.how().name().toLowerCase()
              .replace('_', ' ') + "), expires " + PoolTags.instant(up.expires()) + "; " + String.join(", ",
                  up.stacks().stream().map(s -> s.stackName() + " " + s.result().name().toLowerCase()).toList()));
        }
        return 0;
      }
    }
  }

  @Command(name = "ls", description = "List every dev tenant with owner, expiry and time left. Reads only.")
  public static final class Ls implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;

    public Ls(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      try (var services = Session.open(spec, launch)) {
        var list = services.dev().list();
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(list);
          return 0;
        }
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        list.forEach(d -> rows.add(List.of(d.tenant(), d.owner(), d.accountId(),
            d.expires().map(PoolTags::instant).orElse("-"), left(d.expires(), now))));
        printer.table(List.of("TENANT", "OWNER", "ACCOUNT", "EXPIRES", "LEFT"), rows);
        return 0;
      }
    }
  }

  @Command(name = "extend", description = "Give your dev tenant longer, up to dev.ttl.max from now.")
  public static final class Extend implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;
    @Option(names = "--ttl", paramLabel = "DURATION", description = "How much longer (default dev.ttl.default).")
    String ttl;
    @Option(names = "--owner", paramLabel = "NAME", description = "Whose tenant (default: the caller's identity).")
    String owner;

    public Extend(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      Optional<Duration> asked = duration("--ttl", ttl);
      Optional.ofNullable(owner).ifPresent(DevTenants::checkOwner);
      try (var services = Session.open(spec, launch)) {
        Duration more = DevTenants.ttl(services.manifests().fleet(), asked);
        var dev = services.dev();
        var done = dev.extend(dev.owner(Optional.ofNullable(owner)), more, services.progress());
        Session.printer(spec, launch).line(done.tenant() + ": expires " + done.expires().map(PoolTags::instant)
            .orElse("-"));
        return 0;
      }
    }
  }

  @Command(name = "down", description = "Delete your dev tenant's stacks (reverse order), check nothing is left, and"
      + " give the account back to the pool; if cleanup fails, the account goes to quarantine with the reason.")
  public static final class Down implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;
    @Option(names = "--owner", paramLabel = "NAME", description = "Whose tenant (default: the caller's identity).")
    String owner;

    public Down(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      Optional.ofNullable(owner).ifPresent(DevTenants::checkOwner);
      try (var services = Session.open(spec, launch)) {
        var dev = services.dev();
        var down = dev.down(dev.owner(Optional.ofNullable(owner)), services.progress());
        Session.printer(spec, launch).line(line(down));
        return down.returned() ? 0 : 1;
      }
    }
  }

  static String line(DevTenants.Down down) {
    return down.tenant() + ": deleted " + (down.deletedStacks().isEmpty() ? "no stack"
        : String.join(", ", down.deletedStacks())) + "; account " + down.accountId()
        + down.quarantineReason().map(r -> " quarantined: " + r).orElse(" back in the pool, ready");
  }

  @Command(name = "gc", description = "`dev down` every expired dev tenant; unexpired ones are left alone. Safe on a"
      + " schedule: bounded in time, and an account that will not clean up is quarantined, never retried.")
  public static final class Gc implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;
    @Option(names = "--max-time", paramLabel = "DURATION", description = "Start no new cleanup after this"
        + " (default 30m); the rest waits for the next run.")
    String maxTime;

    public Gc(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      Duration budget = duration("--max-time", maxTime).orElse(Duration.ofMinutes(30));
      if (budget.isZero() || budget.compareTo(MAX_GC_TIME) > 0) {
        throw Fault.invalid("--max-time " + maxTime + " must be positive and at most 24h", "give gc a time such as"
            + " --max-time 30m; what is left waits for the next run");
      }
      try (var services = Session.open(spec, launch)) {
        var gc = services.dev().gc(budget, services.progress());
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(gc);
        } else {
          gc.removed().forEach(d -> printer.line(line(d)));
          gc.failed().forEach(f -> printer.line("failed: " + f));
          printer.line(gc.removed().size() + " expired removed (" + gc.removed().stream().filter(d -> !d.returned())
              .count() + " quarantined), " + gc.unexpired() + " unexpired left alone"
              + (gc.notReached().isEmpty() ? "" : ", " + gc.notReached().size() + " left for the next run (time"
                  + " ran out): " + String.join(", ", gc.notReached())));
        }
        return gc.failed().isEmpty() ? 0 : 1;
      }
    }
  }
}
