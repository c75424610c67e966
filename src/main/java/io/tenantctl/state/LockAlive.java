package io.tenantctl.state;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import java.time.Duration;
import java.time.Instant;

/** A break refused: the lock's holder renewed its lease less than a lease ago, so it is presumed alive. */
public final class LockAlive extends Fault {
  private static final long serialVersionUID = 1L;

  public LockAlive(Locks.Lock held, Instant now) {
    super(ExitCode.FAILED, "lock " + held.name() + " is held by " + held.holder().describe() + ", whose last heartbeat"
        + " was at " + held.heartbeat() + " (" + Duration.between(held.heartbeat(), now).toSeconds() + "s ago, lease "
        + held.lease() + "): that run is alive; nothing was broken",
        "stop that run, or if its machine is gone wait until " + held.heartbeat().plus(held.lease())
            + " and break the lock again");
  }
}
