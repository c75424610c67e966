package io.tenantctl.core;

import java.util.Optional;

/** A failure tenantctl expects and explains: it carries its exit code and, when known, the fix. */
public class Fault extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;
  private final String fix;

  public Fault(ExitCode exitCode, String message, String fix) {
    this(exitCode, message, fix, null);
  }

  public Fault(ExitCode exitCode, String message, String fix, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.fix = fix;
  }

  public static Fault invalid(String message, String fix) {
    return new Fault(ExitCode.INVALID, message, fix);
  }

  public static Fault failed(String message, String fix) {
    return new Fault(ExitCode.FAILED, message, fix);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public Optional<String> fix() {
    return Optional.ofNullable(fix);
  }
}
