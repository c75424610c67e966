package io.tenantctl.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Time that passes only when the rollout sleeps: a 30-minute bake takes no time at all. */
final class VirtualTime implements Bakery {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T14:12:00Z"));
  final java.util.List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Runs after each sleep: what happens in the world while the rollout waits (an abort, a signal). */
  volatile Runnable afterSleep = () -> { };

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public void sleep(Duration d) {
    sleeps.add(d);
    now.updateAndGet(t -> t.plus(d));
    afterSleep.run();
  }

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }
}
