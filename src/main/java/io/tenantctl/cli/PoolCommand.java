package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.pool.AccountPool;
import io.tenantctl.pool.PoolTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pool", description = "The account pool: accounts made ahead of need, so `dev up` takes minutes.",
    subcommands = {PoolCommand.Fill.class, PoolCommand.Ls.class})
public final class PoolCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "fill", description = "Create accounts into the pool OU until pool.target is met (never beyond it,"
      + " even with other runs at once), within the organization's account quota.")
  public static final class Fill implements Callable<Integer> {
    /** As many as pool.target may be. */
    static final int MAX_FILL = 1000;
    private final Launch launch;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "N", arity = "0..1", description = "Create at most N accounts in this run (default:"
        + " pool.maxCreatesPerRun).")
    Integer max;

    public Fill(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      if (max != null && (max < 1 || max > MAX_FILL)) {
        throw Fault.invalid("N must be at least 1 and at most " + MAX_FILL + ", not " + max, "give how many accounts"
            + " this run may create, e.g. `tenantctl pool fill 3`, or leave N out for pool.maxCreatesPerRun");
      }
      try (var services = Session.open(spec, launch)) {
        var fill = services.pool().fill(Optional.ofNullable(max), services.progress());
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(fill);
        } else {
          printer.line("pool target " + fill.target() + ": " + fill.ready() + " ready, " + fill.inFlightBefore()
              + " being created before this run; created " + fill.created().size()
              + (fill.created().isEmpty() ? "" : " (" + String.join(", ", fill.created()) + ")")
              + (fill.resumed().isEmpty() ? "" : "; finished " + fill.resumed().size() + " interrupted")
              + "; quota: " + fill.quota().describe());
        }
        return 0;
      }
    }
  }

  @Command(name = "ls", description = "List pool accounts with their state (ready, claimed, cleaning, quarantined)"
      + " and age, and the account quota's headroom. Reads only.")
  public static final class Ls implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;

    public Ls(Launch launch) {
      this.launch = launch;
    }

    record Listed(List<Row> accounts, int target, int inFlight, Integer quota, Integer headroom) {}

    record Row(String accountId, String state, String since, String age, String lastOwner, String reason) {}

    @Override
    public Integer call() {
      try (var services = Session.open(spec, launch)) {
        AccountPool.Listing listing = services.pool().list();
        Instant now = Instant.now();
        List<Row> rows = listing.accounts().stream().map(a -> new Row(a.accountId(),
            "ACTIVE".equals(a.status()) ? a.state().tag() : a.state().tag() + " (" + a.status() + ")",
            a.since().map(PoolTags::instant).orElse(null), a.since().map(s -> age(Duration.between(s, now)))
                .orElse("-"), a.lastOwner().orElse(null), a.reason().orElse(null))).toList();
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(new Listed(rows, listing.target(), listing.inFlight(), listing.quota().limit().orElse(null),
              listing.quota().headroom().orElse(null)));
          return 0;
        }
        List<List<String>> table = new ArrayList<>();
        rows.forEach(r -> table.add(List.of(r.accountId(), r.state(), r.age(), r.lastOwner() == null ? "-"
            : r.lastOwner(), r.reason() == null ? "" : r.reason())));
        printer.table(List.of("ACCOUNT", "STATE", "AGE", "LAST OWNER", "REASON"), table);
        printer.line("target " + listing.target() + ": " + listing.count(PoolTags.State.READY) + " ready, "
            + listing.count(PoolTags.State.CLAIMED) + " claimed, " + listing.count(PoolTags.State.CLEANING)
            + " cleaning, " + listing.count(PoolTags.State.QUARANTINED) + " quarantined, " + listing.inFlight()
            + " being created; quota: " + listing.quota().describe());
        return 0;
      }
    }

    static String age(Duration d) {
      if (d.toDays() > 0) {
        return d.toDays() + "d" + d.toHoursPart() + "h";
      }
      if (d.toHours() > 0) {
        return d.toHours() + "h" + d.toMinutesPart() + "m";
      }
      return Math.max(0, d.toMinutes()) + "m";
    }
  }
}
