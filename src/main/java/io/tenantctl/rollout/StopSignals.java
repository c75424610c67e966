package io.tenantctl.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while a rollout runs. The first asks it to stop: no tenant starts, those in flight finish, the
 * journal says where it stopped, the lock is released, and the process exits 130 or 143. A second stops the process
 * at once (the lock released first; a resume finds any tenant cut short by its stack).
 */
final class StopSignals {
  private static final List<String> NAMES = List.of("INT", "TERM");
  private final AtomicReference<String> received = new AtomicReference<>();
  private volatile java.util.function.Consumer<String> onFirst = s -> { };
  private volatile Runnable beforeHalt = () -> { };

  /** The signal that asked the rollout to stop ({@code SIGINT}, {@code SIGTERM}), if one did. */
  Optional<String> received() {
    return Optional.ofNullable(received.get());
  }

  /** A signal arrived: the first asks the rollout to stop; a second halts the process with the signal's code. */
  void receive(String signal) {
    if (received.compareAndSet(null, signal)) {
      onFirst.accept(signal);
      return;
    }
    beforeHalt.run();
    Runtime.getRuntime().halt(exitCode(signal));
  }

  /** 128 + the signal's number, as a shell reports a process ended by it. */
  static int exitCode(String signal) {
    return signal.equals("SIGINT") ? 130 : 143;
  }

  /**
   * Handles SIGINT and SIGTERM until closed, when the previous handlers are back. {@code onFirst} says what happens;
   * {@code beforeHalt} runs before a second signal halts the process.
   */
  AutoCloseable install(java.util.function.Consumer<String> onFirst, Runnable beforeHalt) {
    this.onFirst = onFirst;
    this.beforeHalt = beforeHalt;
    List<Signal> signals = new ArrayList<>();
    List<SignalHandler> previous = new ArrayList<>();
    for (String name : NAMES) {
      try {
        Signal signal = new Signal(name);
        previous.add(Signal.handle(signal, s -> receive("SIG" + s.getName())));
        signals.add(signal);
      } catch (IllegalArgumentException unavailable) {
        // this platform (or the JVM's own use of it) keeps that signal: it ends the process as before
      }
    }
    return () -> {
      for (int i = 0; i < signals.size(); i++) {
        Signal.handle(signals.get(i), previous.get(i));
      }
    };
  }
}
