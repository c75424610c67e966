package io.tenantctl.output;

import io.tenantctl.core.ProgressEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the live footer shows, kept up to date from events: each batch or wave's counts, the tenants in
 * flight with what they are doing now, and the totals. Not thread-safe: the display owns it under its lock.
 * Text is masked as it is stored, so rendering (and cutting to width) never sees a secret.
 */
public final class ProgressState {

  /** A tenant in flight: since when, and its latest stack status or step. */
  public record InFlight(String tenant, Instant since, String doing, boolean troubled) {}

  /** A tenant that failed, with its reason. */
  public record Failure(String tenant, String reason) {}

  private final UnaryOperator<String> mask;
  private final Map<String, ProgressEvent.WaveProgress> waves = new LinkedHashMap<>();
  private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
  private final List<Failure> failures = new ArrayList<>();
  private int succeeded;
  private final Map<String, String> notes = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Instant> bakes = new java.util.concurrent.ConcurrentHashMap<>();
  private Instant firstEvent;

  public ProgressState() {
    this(UnaryOperator.identity());
  }

  public ProgressState(UnaryOperator<String> mask) {
    this.mask = mask;
  }

  /** Applies one event that happened at {@code at}; returns this, so tests can chain. */
  public ProgressState apply(ProgressEvent event, Instant at) {
    if (firstEvent == null) {
      firstEvent = at;
    }
    String subject = mask.apply(event.subject());
    if (event instanceof ProgressEvent.WaveProgress w) {
      waves.put(subject, w);
    } else if (event instanceof ProgressEvent.TenantStarted) {
      inFlight.put(subject, new InFlight(subject, at, "started", false));
    } else if (event instanceof ProgressEvent.TenantDone d) {
      inFlight.remove(subject);
      if (d.succeeded()) {
        succeeded++;
      } else {
        failures.add(new Failure(subject, mask.apply(d.failure().orElse(""))));
      }
    } else if (event instanceof ProgressEvent.StackEvent e) {
      String doing = (e.logicalId().equals(e.stack()) ? e.stack() : e.stack() + " " + e.logicalId()) + "  " + e.status();
      boolean troubled = e.failed() || e.status().contains("ROLLBACK");
      inFlight.computeIfPresent(subject, (k, t) -> new InFlight(k, t.since(), mask.apply(doing), troubled));
    } else if (event instanceof ProgressEvent.WaveStarted w) {
      waves.putIfAbsent(subject, new ProgressEvent.WaveProgress(subject, w.tenants(), 0, 0, 0));
      notes.put(subject, "");
    } else if (event instanceof ProgressEvent.WaveBaking b) {
      bakes.put(subject, b.deadline());
      notes.put(subject, "baking");
    } else if (event instanceof ProgressEvent.GateVerdict g) {
      notes.put(subject, "gate " + g.verdict() + (g.alarms().isEmpty() ? "" : " " + String.join(", ", g.alarms())));
    } else if (event instanceof ProgressEvent.WaveBaked) {
      bakes.remove(subject);
      notes.put(subject, "baked");
    } else if (event instanceof ProgressEvent.Halted h) {
      bakes.remove(subject);
      notes.put(subject, "HALTED: " + mask.apply(h.reason()));
    } else if (event instanceof ProgressEvent.RolledBack r) {
      inFlight.remove(subject);
    } else if (event instanceof ProgressEvent.Step s) {
      inFlight.computeIfPresent(subject, (k, t) -> new InFlight(k, t.since(), mask.apply(s.message()), false));
    }
    return this;
  }

  /**
   * What a rollout wave is doing beyond its bar, with the bake countdown when it bakes: {@code baking 12:30 left,
   * gate green}; empty when nothing.
   */
  public String note(String wave, Instant now) {
    String note = notes.getOrDefault(wave, "");
    Instant deadline = bakes.get(wave);
    if (deadline == null) {
      return note;
    }
    long left = Math.max(0, java.time.Duration.between(now, deadline).getSeconds());
    String clock = String.format("%d:%02d left", left / 60, left % 60);
    return note.equals("baking") ? "baking " + clock : "baking " + clock + ", " + note;
  }

  /** Batches and waves by name, in the order they first reported. */
  public Map<String, ProgressEvent.WaveProgress> waves() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(waves));
  }

  /** Tenants in flight, longest-running first. */
  public List<InFlight> inFlight() {
    return List.copyOf(inFlight.values());
  }

  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  public int succeeded() {
    return succeeded;
  }

  /** Whether any batch or tenant was seen: only then is there a footer or a final line. */
  public boolean batch() {
    return !waves.isEmpty() || succeeded > 0 || !failures.isEmpty() || !inFlight.isEmpty();
  }

  public Optional<Instant> firstEvent() {
    return Optional.ofNullable(firstEvent);
  }
}
