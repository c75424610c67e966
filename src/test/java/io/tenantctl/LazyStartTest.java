package io.tenantctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsSettings;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A run builds the model of the command it names only: picocli's reflection over every command cost every run. */
class LazyStartTest {
  static final Function<AwsSettings, Cloud> NO_CLOUD = aws -> {
    throw new IllegalStateException("no AWS call here");
  };
  final Launch launch = new Launch(Map.of(), NO_CLOUD);

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    var cli = TenantCtl.commandLine(launch, "--fleet", "x.yaml", "validate", "--output", "json");
    assertEquals(Set.of("validate"), cli.getSubcommands().keySet());
    assertTrue(cli.getSubcommands().get("validate").getCommandSpec().optionsMap().containsKey("--output"));
  }

  @Test
  void theRootsHelpListsEveryCommandWithoutBuildingOne() {
    var cli = TenantCtl.commandLine(launch, "--help");
    assertEquals(TenantCtl.COMMANDS.size(), cli.getSubcommands().size());
    // an outline has no user object: the command class was not instantiated nor reflected on
    assertTrue(cli.getSubcommands().values().stream().allMatch(c -> c.getCommand() == null));
  }

  @Test
  void completionAndHelpGetTheWholeTree() {
    for (String name : new String[] {"completion", "help"}) {
      var cli = TenantCtl.commandLine(launch, name);
      assertTrue(cli.getSubcommands().values().stream().allMatch(c -> c.getCommand() != null), name);
      assertTrue(cli.getSubcommands().get("rollout").getSubcommands().containsKey("start"), name);
    }
  }
}
