package io.tenantctl.cli;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.Secrets;
import io.tenantctl.manifest.ManifestException;
import io.tenantctl.output.Json;
import io.tenantctl.output.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one clear message and its exit code; a stack trace only with --stacktrace. */
public final class ErrorHandler implements IExecutionExceptionHandler {
  private final Json json;

  /** @param secrets this run's secret values, masked in a JSON error before it is serialised */
  public ErrorHandler(Secrets secrets) {
    this.json = new Json(secrets);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean trace = GlobalOptions.of(cli.getCommandSpec()).stacktrace();
    int code;
    if (ex instanceof ManifestException m) {
      err.println(m.getMessage());
      code = ExitCode.INVALID.code();
    } else if (ex instanceof Fault f) {
      err.println("error: " + f.getMessage());
      f.fix().ifPresent(fix -> err.println("  fix: " + fix));
      code = f.exitCode().code();
    } else {
      err.println("internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
      if (!trace) {
        err.println("  run again with --stacktrace for details, and report it");
      }
      code = ExitCode.INTERNAL.code();
    }
    if (trace) {
      ex.printStackTrace(err);
    }
    err.flush();
    if (GlobalOptions.of(cli.getCommandSpec()).json()) {
      json(cli, ex.getMessage(),
          ex instanceof Fault f ? f.fix().orElse(null) : null, code);
    }
    return code;
  }

  /** With {@code --output json}, a failure is a JSON object on stdout too, so a script never parses prose. */
  record ErrorJson(String error, String fix, int exitCode) {}

  private void json(CommandLine cli, String error, String fix, int code) {
    new ResultPrinter(cli.getOut(), json).json(new ErrorJson(error, fix, code));
  }

  /** A usage error: the message, a suggestion, the synopsis, and where to find help. */
  public int usage(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.print(cli.getHelp().fullSynopsis());
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for more.");
    err.flush();
    if (GlobalOptions.of(cli.getCommandSpec()).json()) {
      json(cli, ex.getMessage(), "run '" + cli.getCommandSpec().qualifiedName() + " --help'",
          ExitCode.INVALID.code());
    }
    return ExitCode.INVALID.code();
  }

  public static int exitCode(Throwable t) {
    return t instanceof Fault f ? f.exitCode().code() : ExitCode.INTERNAL.code();
  }
}
