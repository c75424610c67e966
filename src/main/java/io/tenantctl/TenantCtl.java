package io.tenantctl;

import io.tenantctl.cli.AuditCommand;
import io.tenantctl.cli.BootstrapCommand;
import io.tenantctl.cli.CompletionCommand;
import io.tenantctl.cli.CreateCommand;
import io.tenantctl.cli.DeployCommand;
import io.tenantctl.cli.DiffCommand;
import io.tenantctl.cli.RolloutCommand;
import io.tenantctl.cli.EmulatorCommand;
import io.tenantctl.cli.ErrorHandler;
import io.tenantctl.cli.GlobalOptions;
import io.tenantctl.cli.RedactingWriter;
import io.tenantctl.cli.StatusCommand;
import io.tenantctl.cli.UsageLayout;
import io.tenantctl.cli.DeleteCommand;
import io.tenantctl.cli.DevCommand;
import io.tenantctl.cli.PoolCommand;
import io.tenantctl.cli.RegistryCommand;
import io.tenantctl.cli.StateCommand;
import io.tenantctl.cli.UpCommand;
import io.tenantctl.cli.ValidateCommand;
import io.tenantctl.cli.VersionProvider;
import io.tenantctl.app.Launch;
import io.tenantctl.core.ExitCode;
import java.io.PrintStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: lists the subcommands, installs the error handlers, runs, returns the exit code. */
@Command(
    name = "tenantctl",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "One AWS account per tenant: vend, deploy, roll out, and keep production one-way.",
    subcommands = {
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
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {"%s"},
    sortOptions = false)
public final class TenantCtl {
  @Mixin(name = GlobalOptions.MIXIN) GlobalOptions global;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the CLI without exiting: what tests and embedders call. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(Launch.of(System.getenv()), out, err, args);
  }

  public static int run(Launch launch, PrintStream out, PrintStream err, String... args) {
    Launch run = launch.forRun();
    CommandLine cli = commandLine(run);
    cli.setOut(redacting(out, run));
    cli.setErr(redacting(err, run));
    var errors = new ErrorHandler(run.secrets());
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors::usage);
    cli.setExitCodeExceptionMapper(ErrorHandler::exitCode);
    // logging is configured from the parsed options, before the command runs
    cli.setExecutionStrategy(parsed -> {
      GlobalOptions.configureLogging(GlobalOptions.of(parsed.commandSpec()).verbose());
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli.execute(args);
  }

  /** The command tree for one run, with its help texts, before any output stream is set: parse tests use it. */
  public static CommandLine commandLine(Launch run) {
    CommandLine cli = new CommandLine(new TenantCtl(), new LaunchFactory(run));
    cli.getCommandSpec().usageMessage().footer(exitCodes());
    cli.getSubcommands().values().forEach(TenantCtl::layout);
    return cli;
  }

  /** A command's help and its subcommands', at every depth: the footer the root's scope handed down is filled in. */
  private static void layout(CommandLine sub) {
    sub.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(exitCodes());
    UsageLayout.apply(sub);
    sub.getSubcommands().values().forEach(TenantCtl::layout);
  }

  private static PrintWriter redacting(PrintStream stream, Launch run) {
    return new PrintWriter(new RedactingWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), run.secrets()), true);
  }

  private static String exitCodes() {
    return Arrays.stream(ExitCode.values())
        .map(c -> String.format("  %d  %s", c.code(), c.meaning()))
        .collect(Collectors.joining("%n"));
  }

  /** Hands each command the launch environment (environment variables, how to reach the cloud). */
  private record LaunchFactory(Launch launch) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == Launch.class) {
        return type.cast(launch);
      }
      try {
        return type.getDeclaredConstructor(Launch.class).newInstance(launch);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
