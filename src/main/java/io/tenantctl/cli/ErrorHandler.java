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
  private final Secrets secrets;

  /** @param secrets this run's secret values, masked in a JSON error before it is serialised */
  public ErrorHandler(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    GlobalOptions global = GlobalOptions.of(cli.getCommandSpec());
    boolean trace = global.stacktrace();
    int code;
    Fault fault = fault(ex);
    Pasteable pasteable = Pasteable.of(cli.getCommandSpec());
    String fix = fault == null ? null : pasteable.text(fault.fix().orElse(null));
    String message = pasteable.text(fault == null ? ex.getMessage() : fault.getMessage());
    if (ex instanceof ManifestException m) {
      err.println(m.getMessage());
      code = ExitCode.INVALID.code();
    } else if (fault != null) {
      err.println("error: " + message);
      if (fix != null) {
        err.println("  fix: " + fix);
      }
      code = fault.exitCode().code();
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
      json(cli, message, fix, code);
    }
    return code;
  }

  /** With {@code --output json}, a failure is a JSON object on stdout too, so a script never parses prose. */
  record ErrorJson(String error, String fix, int exitCode) {}

  private void json(CommandLine cli, String error, String fix, int code) {
    // the JSON mapper is made only when a failure is printed as JSON: every run builds this handler
    new ResultPrinter(cli.getOut(), new Json(secrets)).json(new ErrorJson(error, fix, code));
  }

  /** A usage error: the message, a suggestion, the synopsis, and where to find help. */
  public int usage(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    String message = Pasteable.of(cli.getCommandSpec()).text(ex.getMessage());
    err.println("error: " + message);
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.print(cli.getHelp().fullSynopsis());
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for more.");
    err.flush();
    if (GlobalOptions.of(cli.getCommandSpec()).json()) {
      json(cli, message, "run '" + cli.getCommandSpec().qualifiedName() + " --help'",
          ExitCode.INVALID.code());
    }
    return ExitCode.INVALID.code();
  }

  public static int exitCode(Throwable t) {
    Fault f = fault(t);
    return f != null ? f.exitCode().code() : ExitCode.INTERNAL.code();
  }

  /** The failure tenantctl explains, also when a library wrapped it (the SDK wraps what its HTTP client throws). */
  static Fault fault(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof Fault f) {
        return f;
      }
    }
    return null;
  }
}
