package io.tenantctl.bench;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.org.AccountDirectory;
import io.tenantctl.sim.SimFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Organizations calls of one tenant's commands ({@code create acme} re-run, {@code deploy acme}, {@code status acme},
 * {@code audit acme}) in an organization of many accounts, each in a fresh run as a user would run it: with the
 * tenant index empty (every lookup scans the organization) and with it kept in the state. ListAccounts is counted
 * in the pages AWS would return (20 accounts a page); the simulation answers in one. Run with bin/bench lookup.
 */
public final class LookupBenchmark {
  private static final Set<String> ORGANIZATIONS = Set.of("describeOrganization", "rootId", "childUnits",
      "createUnit", "accounts", "tags", "tag", "parentOf", "move", "createAccount", "accountRequest",
      "accountRequests", "account", "accountStatus", "listRoots", "listPolicies", "listTargetsForPolicy",
      "enablePolicyType", "createPolicy", "updatePolicy", "attachPolicy");
  private static final int PAGE = 20;

  public static void main(String[] args) throws Exception {
    int others = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path state = Files.createTempDirectory("tenantctl-lookup-bench");
    SimCloud sim = new SimCloud(SimConfig.seeded(3).accountCreationPolls(1).roleNotAssumableFor(0));
    SimFleet fleet = new SimFleet(sim, state);
    fleet.onboarding().onboard(fleet.tenant("acme"), Progress.NONE);
    for (int i = 0; i < others; i++) {
      sim.addAccount("other-" + i, "other-" + i + "@example.com", "/Tenants",
          Map.of(AccountDirectory.TENANT_TAG, "other-" + i));
    }
    int accounts = sim.allAccounts().size();
    System.out.printf("Organizations calls of one tenant's commands, %d accounts (ListAccounts in pages of %d)%n",
        accounts, PAGE);
    System.out.printf("  %-14s %10s %10s%n", "command", "no index", "index");
    Map<String, Consumer<SimFleet>> commands = new java.util.LinkedHashMap<>();
    commands.put("create acme", f -> f.onboarding().onboard(f.tenant("acme"), Progress.NONE));
    commands.put("deploy acme", f -> f.services().deployment().deploy(f.tenant("acme"), Optional.empty(),
        Progress.NONE));
    commands.put("status acme", f -> f.services().status().of(f.tenant("acme")));
    commands.put("audit acme", f -> f.services().audit().audit(List.of(f.tenant("acme")), false, Progress.NONE));
    for (var c : commands.entrySet()) {
      fleet.services().registry(); // the index is the registry's account of each tenant
      Files.deleteIfExists(recordOf(state, "acme"));
      long cold = calls(sim, fleet, c.getValue(), accounts);
      long warm = calls(sim, fleet, c.getValue(), accounts);
      System.out.printf("  %-14s %10d %10d%n", c.getKey(), cold, warm);
    }
  }

  private static Path recordOf(Path state, String tenant) throws Exception {
    try (var files = Files.walk(state)) {
      return files.filter(p -> p.toString().endsWith("/tenants/" + tenant + ".json")).findFirst()
          .orElse(state.resolve("none"));
    }
  }

  private static long calls(SimCloud sim, SimFleet fleet, Consumer<SimFleet> command, int accounts) {
    Map<String, Integer> before = new TreeMap<>(sim.calls());
    command.accept(fleet);
    long total = 0;
    for (var e : sim.calls().entrySet()) {
      int n = e.getValue() - before.getOrDefault(e.getKey(), 0);
      if (ORGANIZATIONS.contains(e.getKey()) && n > 0) {
        total += e.getKey().equals("accounts") ? (long) n * ((accounts + PAGE - 1) / PAGE) : n;
        if (System.getProperty("detail") != null) {
          System.out.printf("      %s %d%n", e.getKey(), n);
        }
      }
    }
    return total;
  }
}
