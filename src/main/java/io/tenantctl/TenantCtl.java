package io.tenantctl;

import io.tenantctl.cli.CommandTree;
import io.tenantctl.cli.ErrorHandler;
import io.tenantctl.cli.GlobalOptions;
import io.tenantctl.cli.RedactingWriter;
import io.tenantctl.cli.UsageLayout;
import io.tenantctl.cli.VersionProvider;
import io.tenantctl.app.Launch;
import io.tenantctl.core.ExitCode;
import java.io.PrintStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The root command: lists the subcommands, installs the error handlers, runs, returns the exit code. */
@Command(
    name = "tenantctl",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "One AWS account per tenant: vend, deploy, roll out, and keep production one-way.",
    footerHeading = "%nExit codes:%n",
    footer = {"%s"},
    sortOptions = false)
public final class TenantCtl {
  /**
   * The subcommands, in the order help lists them. Not in the annotation: picocli would build every command's model
   * (reflection over some forty classes) on every run; a run builds only the command it names.
   */
  static final List<Class<?>> COMMANDS = CommandTree.COMMANDS;

  /** Commands that need the whole tree: completion scripts and help on any command list every command. */
  private static final Set<String> WHOLE_TREE = Set.of("completion", "help");

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
    CommandLine cli = commandLine(run, args);
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

  /** The whole command tree, with its help texts, before any output stream is set: parse tests use it. */
  public static CommandLine commandLine(Launch run) {
    CommandLine cli = root(run);
    COMMANDS.forEach(cli::addSubcommand);
    return withHelpTexts(cli);
  }

  /**
   * The tree {@code args} need: the command they name, alone; the whole tree for completion and {@code help}; and
   * when they name none (the root's help, the version, a mistyped command), every command by its annotation alone,
   * which is all the root's help and its suggestions read.
   */
  static CommandLine commandLine(Launch run, String... args) {
    CommandLine cli = root(run);
    Optional<Class<?>> named = commandName(cli.getCommandSpec(), args).flatMap(TenantCtl::command);
    if (named.isPresent() && WHOLE_TREE.contains(named.get().getAnnotation(Command.class).name())) {
      return commandLine(run);
    }
    if (named.isPresent()) {
      cli.addSubcommand(named.get());
    } else {
      for (Class<?> command : COMMANDS) {
        Command about = command.getAnnotation(Command.class);
        cli.addSubcommand(about.name(), new CommandLine(outline(about)), about.aliases());
      }
    }
    return withHelpTexts(cli);
  }

  private static CommandLine root(Launch run) {
    return new CommandLine(new TenantCtl(), new LaunchFactory(run));
  }

  private static CommandLine withHelpTexts(CommandLine cli) {
    cli.getCommandSpec().usageMessage().footer(exitCodes());
    cli.getSubcommands().values().forEach(TenantCtl::layout);
    return cli;
  }

  /** The first argument that is not an option nor an option's value: the command's name, if any. */
  private static Optional<String> commandName(CommandSpec root, String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (!arg.startsWith("-")) {
        return Optional.of(arg);
      }
      OptionSpec option = root.findOption(arg);
      if (option != null && option.arity().max() > 0 && !arg.contains("=")) {
        i++;
      }
    }
    return Optional.empty();
  }

  private static Optional<Class<?>> command(String name) {
    return COMMANDS.stream().filter(c -> {
      Command about = c.getAnnotation(Command.class);
      return about.name().equals(name) || Arrays.asList(about.aliases()).contains(name);
    }).findFirst();
  }

  /** A command as the root's help lists it: its name, aliases, header and description, no options. */
  private static CommandSpec outline(Command about) {
    CommandSpec spec = CommandSpec.create().name(about.name()).aliases(about.aliases());
    spec.usageMessage().header(about.header()).description(about.description()).hidden(about.hidden());
    return spec;
  }

  /**
   * A command's help and its subcommands', at every depth: the exit codes under each (they inherit the root's raw
   * "%s" footer otherwise) and the usage layout.
   */
  private static void layout(CommandLine command) {
    command.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(exitCodes());
    UsageLayout.apply(command);
    command.getSubcommands().values().forEach(TenantCtl::layout);
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
