package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.core.Fault;
import io.tenantctl.state.dynamodb.StateTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "state", description = "The DynamoDB state backend (team mode): create or check its table, prove it"
    + " enforces conditional writes, copy a working copy's local state into it.",
    subcommands = {StateCommand.Init.class, StateCommand.Check.class, StateCommand.Migrate.class})
public final class StateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "init", description = "Create the table state.table names (billed on demand), or check that the one"
      + " there has the keys tenantctl needs. Shows its plan first.")
  public static final class Init implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;
    @Mixin Confirm confirm;

    @Option(names = "--pitr", description = "Turn on point-in-time recovery (continuous backups) of the table.")
    boolean pitr;

    public Init(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      try (var services = Session.open(spec, launch)) {
        StateTable table = services.stateTable();
        var printer = Session.printer(spec, launch);
        StateTable.Status status = table.status();
        if (status instanceof StateTable.WrongKeys wrong) {
          throw table.wrongKeys(wrong);
        }
        if (status instanceof StateTable.Ready ready) {
          boolean recovery = ready.pointInTimeRecovery().orElse(false);
          if (!pitr || recovery) {
            printer.line("the state table " + table.name() + " is ready: keys " + StateTable.KEYS + ", billing "
                + ready.billing().toLowerCase(java.util.Locale.ROOT) + ", point-in-time recovery "
                + ready.pointInTimeRecovery().map(on -> on ? "on" : "off").orElse("unknown"));
            return 0;
          }
          var plan = new Plans.Shown(List.of("plan for the state table " + table.name() + ":",
              "  turn on point-in-time recovery"), new Planned(table.name(), "enable-pitr"), true, List.of());
          if (!confirm.proceed(spec, launch, plan)) {
            return confirm.stopped();
          }
          table.enablePointInTimeRecovery();
          printer.line("the state table " + table.name() + " is ready: point-in-time recovery turned on");
          return 0;
        }
        String create = "create the DynamoDB table " + table.name() + " (keys " + StateTable.KEYS
            + ", billed on demand" + (pitr ? ", point-in-time recovery on" : "") + ")";
        var plan = new Plans.Shown(List.of("plan for the state table " + table.name() + ":", "  ! " + create),
            new Planned(table.name(), "create"), true, List.of("creates the DynamoDB table " + table.name()));
        if (!confirm.proceed(spec, launch, plan)) {
          return confirm.stopped();
        }
        table.create(pitr);
        printer.line("created the state table " + table.name() + "; prove it with: tenantctl state check");
        return 0;
      }
    }

    record Planned(String table, String action) {}
  }

  @Command(name = "check", description = "Prove that the state table enforces conditional writes: of "
      + StateTable.RACERS + " racing conditional creates exactly one wins, no conditional update is lost, a stale"
      + " epoch is refused, a failed condition check writes nothing. Exit 1 naming what failed.")
  public static final class Check implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;

    public Check(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      try (var services = Session.open(spec, launch)) {
        StateTable table = services.stateTable();
        table.requireUsable();
        List<String> failed = table.check();
        if (!failed.isEmpty()) {
          throw Fault.failed("the state table " + table.name() + " does not enforce conditional writes:\n       "
              + String.join("\n       ", failed), "do not keep tenantctl's state there: two runs could both take"
              + " one lock; on an emulator, start it as tenantctl does (tenantctl emulator start)");
        }
        Session.printer(spec, launch).line("the state table " + table.name() + " enforces conditional writes: "
            + StateTable.RACERS + " racing creates, one winner; no lost update; a stale epoch refused; a failed"
            + " condition writes nothing");
        return 0;
      }
    }
  }

  @Command(name = "migrate", description = "Copy this working copy's local state (journals, the account requests',"
      + " records) into the table; refused while a local lock is held; running it again copies nothing twice.")
  public static final class Migrate implements Callable<Integer> {
    private final Launch launch;
    @Spec CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "BACKEND", description = "Where to: dynamodb.")
    String to;

    public Migrate(Launch launch) {
      this.launch = launch;
    }

    @Override
    public Integer call() {
      if (!"dynamodb".equals(to)) {
        throw Fault.invalid("state migrate --to " + to + ": the state can be copied to dynamodb only",
            "tenantctl state migrate --to dynamodb");
      }
      try (var services = Session.open(spec, launch)) {
        var copied = services.stateMigration().run();
        var printer = Session.printer(spec, launch);
        if (Session.json(spec)) {
          printer.json(copied);
        } else {
          printer.line("copied " + copied.entries() + " journal entries of " + copied.journals() + " journals and "
              + copied.records() + " records into the state table; already there: " + copied.entriesThere()
              + " entries, " + copied.recordsThere() + " records");
        }
        return 0;
      }
    }
  }
}
