package io.tenantctl.core;

/** What a service tells the operator while it works. Implementations print, collect or ignore. */
public interface Progress {

  /** A step that changes something is about to be taken, or a notable fact was found. */
  void step(String subject, String message);

  Progress NONE = (subject, message) -> {};
}
