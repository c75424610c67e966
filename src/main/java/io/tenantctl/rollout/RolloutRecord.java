package io.tenantctl.rollout;

import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.state.Journal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rollout as its journal tells it: replayed once to resume, to show its status, and to write its report; a running
 * rollout keeps its record in memory and applies each event as it journals it. Safe for the rollout's threads.
 */
public final class RolloutRecord {

  /** Where one tenant stands in this rollout. */
  public enum TenantState {
    WAITING, STARTED, RECORDED, AT_TARGET, DEPLOYED, FAILED, SKIPPED, RESTORING, RESTORED, RESTORE_FAILED
  }

  private RolloutEvent.Planned plan;
  private final Map<String, TenantState> tenants = new LinkedHashMap<>();
  private final Map<String, String> reasons = new LinkedHashMap<>();
  private final Map<String, RolloutEvent.PreviousRecorded> previous = new LinkedHashMap<>();
  private final Set<String> wavesStarted = new LinkedHashSet<>();
  private final Set<String> wavesDeployed = new LinkedHashSet<>();
  private final Set<String> wavesBaked = new LinkedHashSet<>();
  private final Map<String, Instant> bakeDeadlines = new LinkedHashMap<>();
  private final List<Journal.Entry<RolloutEvent>> verdicts = new ArrayList<>();
  private Optional<RolloutEvent.Halted> halt = Optional.empty();
  private boolean rollbackStarted;
  private Optional<String> abortedBy = Optional.empty();
  private Optional<RolloutState> finished = Optional.empty();
  private Instant lastStep;

  public static RolloutRecord of(List<Journal.Entry<RolloutEvent>> entries) {
    RolloutRecord r = new RolloutRecord();
    entries.forEach(r::apply);
    return r;
  }

  /** Applies one more journalled event, as a replay of the journal would. */
  synchronized void apply(Journal.Entry<RolloutEvent> entry) {
    RolloutEvent e = entry.event();
    lastStep = entry.at();
    if (e instanceof RolloutEvent.Planned p) {
      plan = p;
      p.waves().forEach(w -> w.tenants().forEach(t -> tenants.put(t, TenantState.WAITING)));
    } else if (e instanceof RolloutEvent.WaveStarted w) {
      wavesStarted.add(w.wave());
    } else if (e instanceof RolloutEvent.TenantStarted t) {
      tenants.put(t.tenant(), TenantState.STARTED);
    } else if (e instanceof RolloutEvent.PreviousRecorded p) {
      tenants.put(p.tenant(), TenantState.RECORDED);
      previous.put(p.tenant(), p);
    } else if (e instanceof RolloutEvent.TenantAtTarget t) {
      tenants.put(t.tenant(), TenantState.AT_TARGET);
    } else if (e instanceof RolloutEvent.TenantSkipped t) {
      tenants.put(t.tenant(), TenantState.SKIPPED);
      reasons.put(t.tenant(), t.reason());
    } else if (e instanceof RolloutEvent.TenantDeployed t) {
      tenants.put(t.tenant(), TenantState.DEPLOYED);
    } else if (e instanceof RolloutEvent.TenantFailed t) {
      tenants.put(t.tenant(), TenantState.FAILED);
      reasons.put(t.tenant(), t.reason());
    } else if (e instanceof RolloutEvent.WaveDeployed w) {
      wavesDeployed.add(w.wave());
    } else if (e instanceof RolloutEvent.BakeStarted b) {
      bakeDeadlines.put(b.wave(), b.deadline());
    } else if (e instanceof RolloutEvent.GateVerdict) {
      // a reading equal to the one before is journalled once: applied again by a running rollout, counted once
      if (verdicts.isEmpty() || entry.seq() < 0 || verdicts.get(verdicts.size() - 1).seq() != entry.seq()) {
        verdicts.add(entry);
      }
    } else if (e instanceof RolloutEvent.WaveBaked w) {
      wavesBaked.add(w.wave());
    } else if (e instanceof RolloutEvent.Halted h) {
      halt = Optional.of(h);
    } else if (e instanceof RolloutEvent.RollbackStarted) {
      rollbackStarted = true;
    } else if (e instanceof RolloutEvent.TenantRestoring t) {
      tenants.put(t.tenant(), TenantState.RESTORING);
    } else if (e instanceof RolloutEvent.TenantRestored t) {
      tenants.put(t.tenant(), TenantState.RESTORED);
    } else if (e instanceof RolloutEvent.TenantRestoreFailed t) {
      tenants.put(t.tenant(), TenantState.RESTORE_FAILED);
      reasons.put(t.tenant(), t.reason());
    } else if (e instanceof RolloutEvent.AbortRequested a) {
      abortedBy = Optional.of(a.by());
    } else if (e instanceof RolloutEvent.Finished f) {
      finished = Optional.of(f.state());
    }
  }

  public synchronized boolean exists() {
    return plan != null;
  }

  public synchronized RolloutEvent.Planned plan() {
    return plan;
  }

  public synchronized TenantState tenant(String name) {
    return tenants.getOrDefault(name, TenantState.WAITING);
  }

  public synchronized Map<String, TenantState> tenants() {
    return Map.copyOf(tenants);
  }

  public synchronized Optional<String> reason(String tenant) {
    return Optional.ofNullable(reasons.get(tenant));
  }

  /** The tenant's stack as it was before this rollout changed it. */
  public synchronized Optional<RolloutEvent.PreviousRecorded> previous(String tenant) {
    return Optional.ofNullable(previous.get(tenant));
  }

  /** Tenants whose previous version was recorded: the ones this rollout changed, or began to. */
  public synchronized List<String> changed() {
    return List.copyOf(previous.keySet());
  }

  public synchronized boolean waveStarted(String wave) {
    return wavesStarted.contains(wave);
  }

  public synchronized boolean waveDeployed(String wave) {
    return wavesDeployed.contains(wave);
  }

  public synchronized boolean waveBaked(String wave) {
    return wavesBaked.contains(wave);
  }

  public synchronized Optional<Instant> bakeDeadline(String wave) {
    return Optional.ofNullable(bakeDeadlines.get(wave));
  }

  public synchronized List<Journal.Entry<RolloutEvent>> verdicts() {
    return List.copyOf(verdicts);
  }

  public synchronized Optional<RolloutEvent.Halted> halt() {
    return halt;
  }

  public synchronized boolean rollbackStarted() {
    return rollbackStarted;
  }

  public synchronized Optional<String> abortedBy() {
    return abortedBy;
  }

  public synchronized Optional<RolloutState> finished() {
    return finished;
  }

  public synchronized Instant lastStep() {
    return lastStep;
  }

  /** For {@code status} and {@code ls}: running, halted, rolling-back, aborting, or how it finished. */
  public synchronized RolloutState state() {
    if (finished.isPresent()) {
      return finished.get();
    }
    if (rollbackStarted) {
      return RolloutState.ROLLING_BACK;
    }
    if (halt.isPresent()) {
      return RolloutState.HALTED;
    }
    return abortedBy.isPresent() ? RolloutState.ABORTING : RolloutState.RUNNING;
  }

  /** The journal's format, as its plan says (1 for journals written before formats were named). */
  public synchronized int format() {
    return RolloutJournalFormat.of(plan.format());
  }

  public synchronized long count(String wave, TenantState... states) {
    PlannedWave w = plan.waves().stream().filter(x -> x.name().equals(wave)).findFirst().orElseThrow();
    Set<TenantState> of = Set.of(states);
    return w.tenants().stream().filter(t -> of.contains(tenant(t))).count();
  }
}
