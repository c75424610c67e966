package io.tenantctl.core;

/** Where a service sends its {@link ProgressEvent}s. Implementations render, collect or ignore them; any thread may call. */
@FunctionalInterface
public interface Progress {

  void on(ProgressEvent event);

  /** A step that changes something is about to be taken, or a notable fact was found. */
  default void step(String subject, String message) {
    on(new ProgressEvent.Step(subject, message));
  }

  Progress NONE = event -> {};
}
