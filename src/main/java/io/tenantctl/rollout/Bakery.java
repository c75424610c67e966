package io.tenantctl.rollout;

import java.time.Duration;
import java.time.Instant;

/** The time a rollout bakes by: the wall clock in a run, virtual time in tests (a 30-minute bake in a millisecond). */
public interface Bakery {

  Instant now();

  void sleep(Duration d);

  Bakery WALL_CLOCK = new Bakery() {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration d) {
      try {
        Thread.sleep(Math.max(0, d.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw io.tenantctl.core.Fault.failed("interrupted during the bake", "resume the rollout: it bakes only what"
            + " was left");
      }
    }
  };
}
