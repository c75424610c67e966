package io.tenantctl.cloud.sim;

/**
 * The process "died" right after an operation took effect in the simulated cloud. An {@link Error}, so that
 * no service code catches it: the test sees the run end exactly where a real crash would end it.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String operation) {
    super("simulated crash right after " + operation + " took effect");
  }
}
