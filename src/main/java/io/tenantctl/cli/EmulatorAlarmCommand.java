package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Alarms;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "alarm",
    description = "On the local emulator only (--local): create the CloudWatch alarm NAME in a tenant's account if it"
        + " is missing, and set its state, to try a rollout's health gate (the emulator never breaches a metric and"
        + " skips a template's alarms).")
public final class EmulatorAlarmCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  enum State { ALARM, OK }

  @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant (or an account id, as a halt names it).")
  String tenant;

  @Parameters(index = "1", paramLabel = "NAME", description = "The alarm's name, as the gate names it.")
  String name;

  @Parameters(index = "2", paramLabel = "STATE", description = "ALARM or OK.")
  State state;

  public EmulatorAlarmCommand(Launch launch) {
    this.launch = launch;
  }

  @Override
  public Integer call() {
    try (var services = Session.open(spec, launch)) {
      var done = services.emulatorAlarms().set(tenant, name, Alarms.State.valueOf(state.name()), services.progress());
      var out = Session.printer(spec, launch);
      if (Session.json(spec)) {
        out.json(done);
      } else {
        out.line(done.tenant() + ": alarm " + done.alarm() + (done.created() ? " created, " : " ") + "in account "
            + done.account() + " (" + done.region() + ") is " + done.state());
      }
    }
    return 0;
  }
}
