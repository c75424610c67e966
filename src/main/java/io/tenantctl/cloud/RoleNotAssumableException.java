package io.tenantctl.cloud;

/** The deploy role could not be assumed: it may not exist yet in a brand-new account. */
public class RoleNotAssumableException extends CloudException {
  private static final long serialVersionUID = 1L;

  public RoleNotAssumableException(String message, Throwable cause) {
    super("AccessDenied", message, cause);
  }
}
