package io.tenantctl.cli;

import io.tenantctl.app.Launch;
import io.tenantctl.pool.PoolTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ls", description = "List every dev tenant with owner, expiry and time left. Reads only.")
public final class DevLsCommand implements Callable<Integer> {
  private final Launch launch;
  @Spec CommandSpec spec;

  public DevLsCommand(Launch launch) {
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

  static String left(Optional<Instant> expires, Instant now) {
    if (expires.isEmpty()) {
      return "-";
    }
    Duration d = Duration.between(now, expires.get());
    return d.isNegative() ? "expired" : PoolCommand.Ls.age(d);
  }
}
