package io.tenantctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A subcommand's help: its own options first and alone ({@code tenantctl --help} lists the global ones, named here
 * in one line), then examples, then the exit codes.
 */
public final class UsageLayout {
  private static final String GLOBALS = "globalOptions";
  private static final String EXAMPLES = "examples";

  /** Examples per command, as a user would type them. */
  private static final Map<String, List<String>> EXAMPLE_LINES = Map.ofEntries(
      Map.entry("validate", List.of("tenantctl validate", "tenantctl --fleet infra/fleet.yaml --tenants infra/tenants"
          + " validate --output json")),
      Map.entry("bootstrap", List.of("tenantctl --profile mgmt bootstrap --create-organization",
          "tenantctl --local bootstrap --create-organization")),
      Map.entry("create", List.of("tenantctl --profile mgmt create acme", "tenantctl --profile mgmt create --all"
          + " --output json")),
      Map.entry("deploy", List.of("tenantctl --profile mgmt deploy acme", "tenantctl --profile mgmt deploy acme"
          + " --stack app")),
      Map.entry("diff", List.of("tenantctl --profile mgmt diff acme", "tenantctl --profile mgmt diff acme --stack app"
          + " --output json")),
      Map.entry("status", List.of("tenantctl --profile mgmt status", "tenantctl --local status acme --output json")),
      Map.entry("audit", List.of("tenantctl --profile mgmt audit", "tenantctl --profile mgmt audit acme --output json")),
      Map.entry("up", List.of("tenantctl --local up --create-organization")),
      Map.entry("rollout start", List.of("tenantctl --profile mgmt rollout start --stack app --dry-run",
          "tenantctl --profile mgmt rollout start --stack app --select tier=enterprise --rollback-on-halt --yes")),
      Map.entry("dev up", List.of("tenantctl --local dev up alice --ttl 8h", "tenantctl --profile dev dev up")),
      Map.entry("emulator", List.of("tenantctl emulator start", "tenantctl emulator status --output json",
          "tenantctl emulator stop")),
      Map.entry("completion", List.of("source <(tenantctl completion bash)",
          "tenantctl completion zsh > ~/.tenantctl-completion.zsh && echo 'source ~/.tenantctl-completion.zsh' >> ~/.zshrc")));

  private UsageLayout() {}

  public static void apply(CommandLine sub) {
    UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
    usage.abbreviateSynopsis(true);
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, GLOBALS);
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), EXAMPLES);
    usage.sectionKeys(keys);
    Map<String, CommandLine.IHelpSectionRenderer> sections = usage.sectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, UsageLayout::ownOptions);
    sections.put(GLOBALS, help -> help.commandSpec().options().stream().anyMatch(UsageLayout::global)
        ? String.format("%nGlobal options (see `tenantctl --help`), before or after the command:%n  --fleet, --tenants,"
            + " --region, --profile, --endpoint-url, --local, --output, --verbose%n")
        : "");
    // by the command's path below the root: `dev up` is not `up`
    String path = sub.getCommandSpec().qualifiedName(" ").substring(sub.getCommandSpec().root().name().length() + 1);
    List<String> examples = EXAMPLE_LINES.getOrDefault(path, List.of());
    sections.put(EXAMPLES, help -> examples.isEmpty() ? ""
        : String.format("%nExamples:%n") + String.join("", examples.stream().map(e -> "  " + e + String.format("%n"))
            .toList()));
  }

  /** An option of the root that every command takes. */
  private static boolean global(OptionSpec option) {
    return option.inherited() && !option.usageHelp() && !option.versionHelp();
  }

  private static String ownOptions(Help help) {
    List<OptionSpec> own = help.commandSpec().options().stream()
        .filter(o -> !global(o) && !o.hidden() && !o.versionHelp()).toList();
    return help.optionListExcludingGroups(own, help.createDefaultLayout(), null, help.createDefaultParamLabelRenderer());
  }
}
