package io.tenantctl.cloud;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;

/** An AWS call failed after the SDK's retries; {@code code} is AWS's error code when there is one. */
public class CloudException extends Fault {
  private static final long serialVersionUID = 1L;
  private final String errorCode;

  public CloudException(String errorCode, String message, Throwable cause) {
    this(errorCode, message, null, cause);
  }

  public CloudException(String errorCode, String message, String fix, Throwable cause) {
    super(ExitCode.FAILED, message, fix, cause);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }

  /** The code of a call that never reached the service: refused, timed out, or its host unknown. */
  public static final String UNREACHABLE = "Unreachable";

  /** Whether the endpoint itself could not be reached: every other call to it will fail alike. */
  public boolean unreachable() {
    return UNREACHABLE.equals(errorCode);
  }
}
