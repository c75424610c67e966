package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.rollout.RolloutRecord.TenantState;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one rollout from where its record stands: wave by wave, at most a wave's concurrency of tenants in flight,
 * halting when its failures exceed the tolerance, baking between waves while the health gate is read, and rolling
 * back what it changed when asked to. Every step is journalled before it is taken ({@link RolloutLog}).
 */
final class RolloutEngine {
  /** The gate is read at least this often during a bake. */
  static final Duration GATE_PERIOD = Duration.ofSeconds(30);
  /** A bake looks this often whether it was asked to stop: an abort takes effect within a second or so. */
  static final Duration WAKE_PERIOD = Duration.ofSeconds(1);
  /** A bake says how long it has left this often: CI systems end jobs that print nothing for a while. */
  static final Duration BAKE_LINE_PERIOD = Duration.ofMinutes(1);

  private final String id;
  private final RolloutLog log;
  private final RolloutRecord record;
  private final TenantStacks stacks;
  private final HealthGate gate;
  private final Bakery time;
  private final Progress progress;
  private final PreviousTemplates templates;
  private final RolloutCatalog catalog;
  private final StopSignals signals;
  private final Leases claims;

  /** @param claims tenants' claims: each tenant's deploy and restore holds {@code tenant-<name>}, as every flow does */
  RolloutEngine(String id, RolloutLog log, TenantStacks stacks, HealthGate gate, Bakery time, Progress progress,
      PreviousTemplates templates, RolloutCatalog catalog, StopSignals signals, Leases claims) {
    this.signals = signals;
    this.claims = claims;
    this.id = id;
    this.log = log;
    this.record = log.record();
    this.stacks = stacks;
    this.gate = gate;
    this.time = time;
    this.progress = progress;
    this.templates = templates;
    this.catalog = catalog;
  }

  /** Runs the rollout to its end (or its halt); {@code rollbackNow} rolls back a halted one that did not. */
  Rollout.Summary run(boolean rollbackNow) {
    var plan = record.plan();
    boolean rollbackAfterHalt = rollbackNow && record.finished().filter(s -> s == RolloutState.HALTED).isPresent();
    if (record.finished().isPresent() && !rollbackAfterHalt) {
      return new Rollout.Summary(id, plan.stack(), record.finished().get(), record);
    }
    if (record.halt().isEmpty()) {
      for (PlannedWave wave : plan.waves()) {
        if (!wave(wave) || record.halt().isPresent()) {
          break;
        }
      }
    }
    boolean complete = plan.waves().stream().allMatch(w -> record.waveBaked(w.name()));
    if (record.halt().isEmpty() && record.abortedBy().isEmpty() && !complete && signals.received().isPresent()) {
      return interrupted();
    }
    if (record.halt().isPresent()) {
      String haltedWave = record.halt().get().wave();
      boolean rollback = rollbackNow || record.rollbackStarted() || plan.waves().stream()
          .filter(w -> w.name().equals(haltedWave)).findFirst().map(PlannedWave::rollback)
          .orElse(plan.rollbackOnHalt());
      if (!rollback) {
        progress.on(new ProgressEvent.Step(id, "halted: " + record.halt().get().reason() + "; roll back what it"
            + " changed with `tenantctl rollout resume " + id + " --rollback-on-halt`"));
        return finish(RolloutState.HALTED);
      }
      rollback();
      if (signals.received().isPresent()) {
        return interrupted();
      }
      return finish(RolloutState.ROLLED_BACK);
    }
    return finish(record.abortedBy().isPresent() ? RolloutState.ABORTED : RolloutState.DONE);
  }

  /** One wave; false when the rollout stops here (halted or aborted). */
  private boolean wave(PlannedWave wave) {
    if (record.waveBaked(wave.name())) {
      return true;
    }
    if (!record.waveStarted(wave.name())) {
      if (stopping()) {
        return false;
      }
      if (wave.gate()) {
        // alarms already red would be blamed on this wave: block it before it changes anything
        HealthGate.Reading before = read(wave, wave.tenants());
        if (before.verdict() == HealthGate.Verdict.RED || before.verdict() == HealthGate.Verdict.UNREADABLE) {
          log.step("gate:" + wave.name(), verdict(wave, before));
          halt(wave, before.verdict() == HealthGate.Verdict.RED
              ? "alarms already in ALARM before wave " + wave.name() + " started: " + String.join(", ", before.alarms())
              : "the gate of wave " + wave.name() + " cannot be read: " + before.detail());
          return false;
        }
      }
      progress.on(new ProgressEvent.WaveStarted(wave.name(), wave.tenants().size(), wave.concurrency()));
      log.step("wave:" + wave.name(), new RolloutEvent.WaveStarted(wave.name()));
    }
    if (!record.waveDeployed(wave.name())) {
      int failures = deployWave(wave);
      if (failures > wave.tolerated()) {
        halt(wave, failures + " of " + wave.tenants().size() + " tenants of wave " + wave.name()
            + " failed; tolerance " + wave.tolerance() + " allows " + wave.tolerated());
        return false;
      }
      if (stopping()) {
        return false;
      }
      log.step("wave:" + wave.name(), new RolloutEvent.WaveDeployed(wave.name(), failures));
    }
    return bake(wave);
  }

  /** Deploys the wave's tenants not yet done, at most its concurrency at once; returns the wave's failures. */
  private int deployWave(PlannedWave wave) {
    AtomicInteger failures = new AtomicInteger((int) record.count(wave.name(), TenantState.FAILED));
    List<String> todo = new ArrayList<>();
    for (String t : wave.tenants()) {
      TenantState s = record.tenant(t);
      if (s != TenantState.DEPLOYED && s != TenantState.AT_TARGET && s != TenantState.FAILED
          && s != TenantState.SKIPPED) {
        todo.add(t);
      }
    }
    AtomicInteger done = new AtomicInteger(wave.tenants().size() - todo.size());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicBoolean halted = new AtomicBoolean(failures.get() > wave.tolerated());
    InFlight.run(todo, wave.concurrency(), () -> halted.get() || stopping(), tenant -> {
      inFlight.incrementAndGet();
      boolean ok = deployTenant(wave, tenant);
      inFlight.decrementAndGet();
      done.incrementAndGet();
      if (!ok && failures.incrementAndGet() > wave.tolerated()) {
        halted.set(true);
      }
      progress.on(new ProgressEvent.WaveProgress(wave.name(), wave.tenants().size(),
          done.get() - failures.get(), failures.get(), inFlight.get()));
    });
    return failures.get();
  }

  /**
   * Deploys one tenant, from wherever the journal left it, holding its claim; false when it failed (also when
   * another run held the tenant past the patience). The only place one is deployed.
   */
  private boolean deployTenant(PlannedWave wave, String tenant) {
    String key = "tenant:" + tenant;
    progress.on(new ProgressEvent.TenantStarted(tenant));
    try {
      return claims.run(Leases.tenant(tenant), FleetLease.purpose(id), tenant, progress,
          claim -> deployClaimed(claim, wave, tenant));
    } catch (TenantStacks.Removed e) {
      log.step(key, new RolloutEvent.TenantSkipped(tenant, e.getMessage()));
      progress.on(new ProgressEvent.TenantDone(tenant, "skipped: its manifest was removed", Optional.empty()));
      return true;
    } catch (Fault e) {
      String reason = e.getMessage();
      log.step(key, new RolloutEvent.TenantFailed(tenant, reason));
      progress.on(new ProgressEvent.TenantDone(tenant, "failed", Optional.of(reason)));
      return false;
    }
  }

  private boolean deployClaimed(Lease claim, PlannedWave wave, String tenant) {
    String key = "tenant:" + tenant;
    TenantState was = record.tenant(tenant);
    if (was == TenantState.WAITING || was == TenantState.STARTED) {
      // started and at the target change nothing: made durable by the tenant's next step
      log.stepLazily(key, new RolloutEvent.TenantStarted(wave.name(), tenant));
      if (stacks.atTarget(tenant)) {
        log.stepLazily(key, new RolloutEvent.TenantAtTarget(tenant));
        progress.on(new ProgressEvent.TenantDone(tenant, "already at the target", Optional.empty()));
        return true;
      }
      TenantStacks.PreviousVersion previous = stacks.current(tenant);
      String template = previous.existed() ? templates.keep(id, previous.templateBody()) : "";
      log.step(key, new RolloutEvent.PreviousRecorded(tenant, previous.stackName(), previous.region(),
          previous.existed(), template, previous.parameters()));
    }
    claim.check();
    stacks.deploy(tenant);
    // lost in a crash, a resumed deploy finds the stack at the target: made durable by the next step journalled
    log.stepLazily(key, new RolloutEvent.TenantDeployed(tenant, "deployed"));
    progress.on(new ProgressEvent.TenantDone(tenant, "deployed", Optional.empty()));
    return true;
  }

  /** Waits the wave's bake while its gate stays green; false when the gate failed it (the rollout halted). */
  private boolean bake(PlannedWave wave) {
    if (wave.bake().isZero() && !wave.gate()) {
      log.step("bake:" + wave.name(), new RolloutEvent.WaveBaked(wave.name()));
      return true;
    }
    Instant deadline = record.bakeDeadline(wave.name()).orElse(null);
    if (deadline == null) {
      deadline = time.now().plus(wave.bake());
      log.step("bake:" + wave.name(), new RolloutEvent.BakeStarted(wave.name(), deadline));
    }
    progress.on(new ProgressEvent.WaveBaking(wave.name(), deadline));
    // the accounts this wave changed: a failed tenant's stack was changed too, and rolled back by CloudFormation
    List<String> changed = wave.tenants().stream()
        .filter(t -> record.tenant(t) == TenantState.DEPLOYED || record.tenant(t) == TenantState.FAILED).toList();
    HealthGate.Reading last = HealthGate.Reading.green();
    boolean first = true;
    Instant nextRead = time.now();
    Instant nextLine = time.now().plus(BAKE_LINE_PERIOD);
    while (true) {
      if (stopping()) {
        // aborted or interrupted: the bake ends here, not when its time is up
        return false;
      }
      Instant now = time.now();
      boolean over = !now.isBefore(deadline);
      if (wave.gate() && (over || !now.isBefore(nextRead))) {
        nextRead = now.plus(GATE_PERIOD);
        HealthGate.Reading was = last;
        last = read(wave, changed);
        log.step("gate:" + wave.name(), verdict(wave, last));
        if (!last.equals(was) || first) {
          progress.on(new ProgressEvent.GateVerdict(wave.name(), last.verdict().label(), last.alarms(),
              last.detail()));
        }
        first = false;
        if (last.verdict() == HealthGate.Verdict.RED) {
          halt(wave, "alarm in ALARM during the bake of wave " + wave.name() + ": " + String.join(", ", last.alarms()));
          return false;
        }
        if (last.verdict() == HealthGate.Verdict.UNREADABLE) {
          halt(wave, "the gate of wave " + wave.name() + " cannot be read (fail closed): " + last.detail());
          return false;
        }
      }
      if (over) {
        break;
      }
      if (!now.isBefore(nextLine)) {
        progress.on(new ProgressEvent.WaveBaking(wave.name(), deadline));
        nextLine = now.plus(BAKE_LINE_PERIOD);
      }
      Duration left = Duration.between(now, deadline);
      time.sleep(left.compareTo(WAKE_PERIOD) < 0 ? left : WAKE_PERIOD);
    }
    if (last.verdict() == HealthGate.Verdict.WAITING) {
      halt(wave, "the bake of wave " + wave.name() + " ended with alarms in INSUFFICIENT_DATA: "
          + String.join(", ", last.alarms()));
      return false;
    }
    log.step("bake:" + wave.name(), new RolloutEvent.WaveBaked(wave.name()));
    progress.on(new ProgressEvent.WaveBaked(wave.name()));
    return true;
  }

  private HealthGate.Reading read(PlannedWave wave, List<String> tenants) {
    try {
      return gate.read(new HealthGate.Spec(wave.alarms(), wave.alarmPrefix(), wave.production()),
          stacks.places(tenants));
    } catch (RuntimeException e) {
      return new HealthGate.Reading(HealthGate.Verdict.UNREADABLE, List.of(), String.valueOf(e.getMessage()));
    }
  }

  private static RolloutEvent.GateVerdict verdict(PlannedWave wave, HealthGate.Reading r) {
    return new RolloutEvent.GateVerdict(wave.name(), r.verdict().label(), r.alarms(), r.detail());
  }

  private void halt(PlannedWave wave, String reason) {
    log.step("halt", new RolloutEvent.Halted(wave.name(), reason));
    progress.on(new ProgressEvent.Halted(wave.name(), reason));
  }

  /** Puts every tenant this rollout changed back, wave by wave in reverse, ignoring the gates. */
  private void rollback() {
    List<String> changed = record.changed();
    log.step("rollback", new RolloutEvent.RollbackStarted(changed));
    List<PlannedWave> waves = new ArrayList<>(record.plan().waves());
    Collections.reverse(waves);
    for (PlannedWave wave : waves) {
      List<String> todo = wave.tenants().stream().filter(changed::contains)
          .filter(t -> record.tenant(t) != TenantState.RESTORED).toList();
      InFlight.run(todo, wave.concurrency(), () -> signals.received().isPresent(), this::restoreTenant);
    }
  }

  /** Puts one tenant back on its previous version, holding its claim. The only place one is restored. */
  private void restoreTenant(String tenant) {
    String key = "restore:" + tenant;
    try {
      claims.run(Leases.tenant(tenant), FleetLease.purpose(id), tenant, progress, claim -> {
        log.step(key, new RolloutEvent.TenantRestoring(tenant));
        claim.check();
        stacks.restore(tenant, templates.previousOf(record.previous(tenant).orElseThrow()));
        return null;
      });
      log.step(key, new RolloutEvent.TenantRestored(tenant));
      progress.on(new ProgressEvent.RolledBack(tenant, Optional.empty()));
    } catch (Fault e) {
      log.step(key, new RolloutEvent.TenantRestoreFailed(tenant, e.getMessage()));
      progress.on(new ProgressEvent.RolledBack(tenant, Optional.of(e.getMessage())));
    }
  }

  /** Whether the rollout should stop starting anything: an operator's abort, or a signal to this process. */
  private boolean stopping() {
    return signals.received().isPresent() || log.abortRequested();
  }

  /** Stopped on a signal, in-flight tenants finished: journalled, and left to a resume (the lock is released). */
  private Rollout.Summary interrupted() {
    String signal = signals.received().orElseThrow();
    log.step("interrupt", new RolloutEvent.Interrupted(signal));
    progress.on(new ProgressEvent.Step(id, "interrupted (" + signal + "): stopped where the journal says; resume"
        + " with `tenantctl rollout resume " + id + "`"));
    return new Rollout.Summary(id, record.plan().stack(), record.state(), record, Optional.of(signal));
  }

  private Rollout.Summary finish(RolloutState how) {
    log.step("end", new RolloutEvent.Finished(how));
    var plan = record.plan();
    catalog.put(new Rollout.RolloutListing(id, plan.stack(), how, plan.started(), plan.selector()));
    var counts = record.tenants().values();
    progress.on(new ProgressEvent.RolloutSummary(id, plan.stack(), how.label(),
        (int) counts.stream().filter(s -> s == TenantState.DEPLOYED).count(),
        (int) counts.stream().filter(s -> s == TenantState.AT_TARGET).count(),
        (int) counts.stream().filter(s -> s == TenantState.FAILED).count(),
        (int) counts.stream().filter(s -> s == TenantState.RESTORED).count()));
    return new Rollout.Summary(id, plan.stack(), how, record);
  }
}
