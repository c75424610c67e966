package io.tenantctl.state;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;

/** A holder found its lock taken over or broken: it must stop before it writes anything else. */
public final class LockLost extends Fault {
  private static final long serialVersionUID = 1L;

  public LockLost(String name, long epoch, String now) {
    super(ExitCode.FAILED, "lock " + name + " (epoch " + epoch + ") is no longer held by this run: " + now,
        "another run took it over or an operator broke it; check that run, then re-run: the journal resumes");
  }
}
