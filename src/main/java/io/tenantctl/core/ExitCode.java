package io.tenantctl.core;

/** The process exit codes, listed in {@code --help}. */
public enum ExitCode {
  OK(0, "success"),
  FAILED(1, "an operation failed"),
  INVALID(2, "invalid input or usage; nothing was changed"),
  ISOLATION(3, "an isolation violation (the one-way rule)"),
  INTERNAL(4, "internal error");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
