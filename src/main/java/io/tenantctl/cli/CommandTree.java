package io.tenantctl.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/** Every command under the root, in the order help lists them: a run builds only the one it names. */
public final class CommandTree {
  private CommandTree() {}

  public static final List<Class<?>> COMMANDS = List.of(
      ValidateCommand.class,
      BootstrapCommand.class,
      CreateCommand.class,
      DeployCommand.class,
      DiffCommand.class,
      StatusCommand.class,
      RegistryCommand.class,
      AuditCommand.class,
      UpCommand.class,
      RolloutCommand.class,
      PoolCommand.class,
      DevCommand.class,
      DeleteCommand.class,
      StateCommand.class,
      EmulatorCommand.class,
      CompletionCommand.class,
      picocli.CommandLine.HelpCommand.class);

  /** Every command's name and aliases, read from the annotations: what a fix line may name. */
  static Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    for (Class<?> c : COMMANDS) {
      Command about = c.getAnnotation(Command.class);
      out.add(about.name());
      out.addAll(List.of(about.aliases()));
    }
    return out;
  }
}
