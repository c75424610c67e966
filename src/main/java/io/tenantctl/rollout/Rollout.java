package io.tenantctl.rollout;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Progress;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.rollout.RolloutEvent.PlannedWave;
import io.tenantctl.rollout.RolloutRecord.TenantState;
import io.tenantctl.state.Journal;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a rollout wave by wave: at most a wave's concurrency of tenants in flight, halting when its failures
 * exceed the tolerance, baking between waves while the health gate is read, and rolling back what it changed when
 * asked to. Every step is journalled before it is taken, so a rollout killed anywhere resumes where it stopped.
 */
public final class Rollout {
  /** The lock every rollout of this fleet's state takes: one rollout at a time. */
  public static final String LOCK = "rollout";
  static final Duration LEASE = Duration.ofMinutes(10);
  /** The gate is read at least this often during a bake. */
  static final Duration GATE_PERIOD = Duration.ofSeconds(30);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private final StateStore state;
  private final TenantStacks stacks;
  private final HealthGate gate;
  private final Bakery time;
  private final Progress progress;
  private Consumer<RolloutEvent> afterStep = e -> { };
  /** The fleet lock this run holds, renewed as it journals: a run whose lock was broken stops before its next step. */
  private Locks.Lock held;
  private long renewedAt;
  private Duration renewEvery = LEASE.dividedBy(10);
  /** Template keys known to be on disk, and template bodies read back for a rollback, by key. */
  private final Map<String, Boolean> kept = new ConcurrentHashMap<>();
  private final Map<String, String> templates = new ConcurrentHashMap<>();

  public Rollout(StateStore state, TenantStacks stacks, HealthGate gate, Bakery time, Progress progress) {
    this.state = state;
    this.stacks = stacks;
    this.gate = gate;
    this.time = time;
    this.progress = progress;
  }

  /** Called after every journalled step: tests crash the run there. */
  public Rollout afterEachStep(Consumer<RolloutEvent> hook) {
    this.afterStep = hook;
    return this;
  }

  /** How often the run renews its lock (and so checks it still holds it) as it journals. */
  Rollout renewEvery(Duration d) {
    this.renewEvery = d;
    return this;
  }

  /** A new rollout's id, {@code r-20261123-1412-app}: the time it started and the stack; nothing is written. */
  public String newId(String stack) {
    String base = "r-" + ID_TIME.format(time.now()) + "-" + stack.toLowerCase(java.util.Locale.ROOT);
    String id = base;
    for (int n = 2; state.records().get(indexKey(id), RolloutListing.class).isPresent(); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** How a rollout ended (or stopped): {@code state} as in {@link RolloutRecord#state()}. */
  public record Summary(String id, String stack, String state, RolloutRecord record) {}

  /** What {@code rollout ls} lists; kept in the records under {@code rollouts/<id>}. */
  public record RolloutListing(String id, String stack, String state, Instant started, String selector) {}

  public Summary start(String id, RolloutPlan plan) {
    Locks.Lock lock = lock(id);
    return holding(lock, () -> {
      Journal<RolloutEvent> journal = journal(id);
      if (!journal.entries().isEmpty()) {
        throw Fault.invalid("rollout " + id + " exists already", "resume it: tenantctl rollout resume " + id);
      }
      List<PlannedWave> waves = plan.waves().stream().map(w -> new PlannedWave(w.name(), w.tenants(), w.concurrency(),
          w.tolerance().toString(), w.tolerated(), w.bake(), w.gate().isPresent(),
          w.gate().map(g -> g.alarms()).orElse(List.of()), w.gate().flatMap(g -> g.alarmPrefix()).orElse(""),
          w.gate().map(g -> g.production()).orElse(false), plan.rollsBack(w))).toList();
      Instant started = time.now();
      state.records().put(indexKey(id), new RolloutListing(id, plan.stack(), "running", started, plan.selector()));
      step(journal, "plan", new RolloutEvent.Planned(id, plan.stack(), plan.selector(), waves, plan.rollbackOnHalt(),
          started));
      return run(id, journal, lock, false);
    });
  }

  /** Continues a rollout where it stopped; {@code rollback} rolls back a halted one that did not. */
  public Summary resume(String id, boolean rollback) {
    Journal<RolloutEvent> journal = existing(id);
    Locks.Lock lock = lock(id);
    return holding(lock, () -> run(id, journal, lock, rollback));
  }

  /** Asks a rollout to stop starting tenants; tenants in flight finish. */
  public RolloutRecord abort(String id, String by) {
    Journal<RolloutEvent> journal = existing(id);
    RolloutRecord record = RolloutRecord.of(journal.entries());
    if (record.finished().isPresent()) {
      throw Fault.failed("rollout " + id + " has already finished (" + record.finished().get() + ")",
          "nothing to abort");
    }
    journal.append("abort", new RolloutEvent.AbortRequested(by));
    if (state.locks().current(LOCK).filter(l -> l.holder().purpose().equals(purpose(id))).isEmpty()) {
      // no process runs it: it ends here
      finish(journal, id, record.plan().stack(), "aborted");
    }
    return RolloutRecord.of(journal.entries());
  }

  /** Breaks the lock a dead rollout left, deliberately, and journals it in that rollout. */
  public Locks.Lock unlock(String id, Locks.Claimant by) {
    Journal<RolloutEvent> journal = existing(id);
    Locks.Lock held = state.locks().current(LOCK).orElseThrow(() -> Fault.failed("no rollout holds the lock",
        "nothing to unlock: start or resume the rollout"));
    if (!held.holder().purpose().equals(purpose(id))) {
      throw Fault.invalid("the lock is held by " + held.holder().describe() + ", not by rollout " + id,
          "name the rollout that holds it");
    }
    if (held.holder().runningOn(by.host())) {
      throw Fault.failed("rollout " + id + " is still running here (pid " + held.holder().pid() + ")",
          "abort it instead: tenantctl rollout abort " + id);
    }
    journal.append("lock", new RolloutEvent.LockBroken(held.holder(), by.user() + "@" + by.host()));
    state.locks().breakLock(LOCK, by, "rollout unlock --force " + id);
    return held;
  }

  public RolloutRecord record(String id) {
    return RolloutRecord.of(existing(id).entries());
  }

  /** Every journalled step of the rollout, for its report. */
  public List<Journal.Entry<RolloutEvent>> journalOf(String id) {
    return existing(id).entries();
  }

  /** The latest rollout's id, for {@code rollout status} without one. */
  public Optional<String> latest() {
    return list().stream().findFirst().map(RolloutListing::id);
  }

  /** Every rollout of this state, newest first. */
  public List<RolloutListing> list() {
    List<RolloutListing> out = new ArrayList<>();
    for (String key : state.records().keys("rollouts/")) {
      if (key.indexOf('/', "rollouts/".length()) < 0) {
        state.records().get(key, RolloutListing.class).ifPresent(out::add);
      }
    }
    out.sort(java.util.Comparator.comparing(RolloutListing::started).thenComparing(RolloutListing::id).reversed());
    return out;
  }

  private Summary run(String id, Journal<RolloutEvent> journal, Locks.Lock lock, boolean rollbackNow) {
    RolloutRecord record = RolloutRecord.of(journal.entries());
    var plan = record.plan();
    boolean rollbackAfterHalt = rollbackNow && record.finished().filter("halted"::equals).isPresent();
    if (record.finished().isPresent() && !rollbackAfterHalt) {
      return new Summary(id, plan.stack(), record.finished().get(), record);
    }
    if (record.halt().isEmpty()) {
      for (PlannedWave wave : plan.waves()) {
        if (!wave(journal, wave) || RolloutRecord.of(journal.entries()).halt().isPresent()) {
          break;
        }
      }
    }
    record = RolloutRecord.of(journal.entries());
    if (record.halt().isPresent()) {
      String haltedWave = record.halt().get().wave();
      boolean rollback = rollbackNow || record.rollbackStarted() || plan.waves().stream()
          .filter(w -> w.name().equals(haltedWave)).findFirst().map(PlannedWave::rollback).orElse(plan.rollbackOnHalt());
      if (!rollback) {
        progress.on(new ProgressEvent.Step(id, "halted: " + record.halt().get().reason() + "; roll back what it"
            + " changed with `tenantctl rollout resume " + id + " --rollback-on-halt`"));
        return finish(journal, id, plan.stack(), "halted");
      }
      rollback(journal, record);
      return finish(journal, id, plan.stack(), "rolled-back");
    }
    if (record.abortedBy().isPresent()) {
      return finish(journal, id, plan.stack(), "aborted");
    }
    return finish(journal, id, plan.stack(), "done");
  }

  /** One wave; false when the rollout stops here (halted or aborted). */
  private boolean wave(Journal<RolloutEvent> journal, PlannedWave wave) {
    RolloutRecord record = RolloutRecord.of(journal.entries());
    if (record.waveBaked(wave.name())) {
      return true;
    }
    if (!record.waveStarted(wave.name())) {
      if (record.abortedBy().isPresent()) {
        return false;
      }
      if (wave.gate()) {
        // alarms already red would be blamed on this wave: block it before it changes anything
        HealthGate.Reading before = read(wave, wave.tenants());
        if (before.verdict() == HealthGate.Verdict.RED || before.verdict() == HealthGate.Verdict.UNREADABLE) {
          step(journal, "gate:" + wave.name(), verdict(wave, before));
          halt(journal, wave, before.verdict() == HealthGate.Verdict.RED
              ? "alarms already in ALARM before wave " + wave.name() + " started: " + String.join(", ", before.alarms())
              : "the gate of wave " + wave.name() + " cannot be read: " + before.detail());
          return false;
        }
      }
      progress.on(new ProgressEvent.WaveStarted(wave.name(), wave.tenants().size(), wave.concurrency()));
      step(journal, "wave:" + wave.name(), new RolloutEvent.WaveStarted(wave.name()));
    }
    if (!record.waveDeployed(wave.name())) {
      int failures = deployWave(journal, wave);
      if (failures > wave.tolerated()) {
        halt(journal, wave, failures + " of " + wave.tenants().size() + " tenants of wave " + wave.name()
            + " failed; tolerance " + wave.tolerance() + " allows " + wave.tolerated());
        return false;
      }
      if (RolloutRecord.of(journal.entries()).abortedBy().isPresent()) {
        return false;
      }
      step(journal, "wave:" + wave.name(), new RolloutEvent.WaveDeployed(wave.name(), failures));
    }
    return bake(journal, wave);
  }

  /** Deploys the wave's tenants not yet done, at most its concurrency at once; returns the wave's failures. */
  private int deployWave(Journal<RolloutEvent> journal, PlannedWave wave) {
    RolloutRecord record = RolloutRecord.of(journal.entries());
    AtomicInteger failures = new AtomicInteger((int) record.count(wave.name(), TenantState.FAILED));
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    for (String t : wave.tenants()) {
      TenantState s = record.tenant(t);
      if (s != TenantState.DEPLOYED && s != TenantState.AT_TARGET && s != TenantState.FAILED) {
        queue.add(t);
      }
    }
    AtomicInteger done = new AtomicInteger(wave.tenants().size() - queue.size());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicBoolean halted = new AtomicBoolean(failures.get() > wave.tolerated());
    InFlight.run(List.copyOf(queue), wave.concurrency(), () -> halted.get() || journal.latest("abort").isPresent(),
        tenant -> {
          inFlight.incrementAndGet();
          boolean ok = tenant(journal, wave, tenant, record.tenant(tenant), record.plan().id());
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

  /** One tenant, from wherever the journal left it; false when it failed. */
  private boolean tenant(Journal<RolloutEvent> journal, PlannedWave wave, String tenant, TenantState was,
      String id) {
    String key = "tenant:" + tenant;
    progress.on(new ProgressEvent.TenantStarted(tenant));
    try {
      if (was == TenantState.WAITING || was == TenantState.STARTED) {
        // started and at the target change nothing: made durable by the tenant's next step
        stepLazily(journal, key, new RolloutEvent.TenantStarted(wave.name(), tenant));
        if (stacks.atTarget(tenant)) {
          stepLazily(journal, key, new RolloutEvent.TenantAtTarget(tenant));
          progress.on(new ProgressEvent.TenantDone(tenant, "already at the target", Optional.empty()));
          return true;
        }
        TenantStacks.PreviousVersion previous = stacks.current(tenant);
        String template = previous.existed() ? keep(id, previous.templateBody()) : "";
        step(journal, key, new RolloutEvent.PreviousRecorded(tenant, previous.stackName(), previous.region(),
            previous.existed(), template, previous.parameters()));
      }
      stacks.deploy(tenant);
      // lost in a crash, a resumed deploy finds the stack at the target: made durable by the next step journalled
      stepLazily(journal, key, new RolloutEvent.TenantDeployed(tenant, "deployed"));
      progress.on(new ProgressEvent.TenantDone(tenant, "deployed", Optional.empty()));
      return true;
    } catch (Fault e) {
      String reason = e.getMessage();
      step(journal, key, new RolloutEvent.TenantFailed(tenant, reason));
      progress.on(new ProgressEvent.TenantDone(tenant, "failed", Optional.of(reason)));
      return false;
    }
  }

  /**
   * Keeps a previous template in the records, durably, once per content: the key is its SHA-256. Callers with
   * the same new template wait for the first one's write, so none journals a key before its template is on disk.
   */
  private String keep(String id, String body) {
    String key = "rollouts/" + id + "/templates/" + sha256(body);
    kept.computeIfAbsent(key, k -> {
      if (state.records().get(k, PreviousTemplate.class).isEmpty()) {
        state.records().put(k, new PreviousTemplate(body));
      }
      return Boolean.TRUE;
    });
    return key;
  }

  /** A template a rollout may put back, under {@code rollouts/<id>/templates/<sha256>}. */
  public record PreviousTemplate(String body) {}

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The previous version of a tenant as journalled, with its template read back from the records. */
  private TenantStacks.PreviousVersion previousOf(RolloutRecord record, String tenant) {
    RolloutEvent.PreviousRecorded p = record.previous(tenant).orElseThrow();
    String body = !p.existed() ? "" : templates.computeIfAbsent(p.template(), k -> state.records()
        .get(k, PreviousTemplate.class).map(PreviousTemplate::body).orElseThrow(() -> Fault.failed(
            "the previous template of " + tenant + " (" + k + ") is missing from the state",
            "restore its stack by hand")));
    return new TenantStacks.PreviousVersion(tenant, p.stack(), p.region(), p.existed(), body, p.parameters());
  }

  /** Waits the wave's bake while its gate stays green; false when the gate failed it (the rollout halted). */
  private boolean bake(Journal<RolloutEvent> journal, PlannedWave wave) {
    RolloutRecord record = RolloutRecord.of(journal.entries());
    if (wave.bake().isZero() && !wave.gate()) {
      step(journal, "bake:" + wave.name(), new RolloutEvent.WaveBaked(wave.name()));
      return true;
    }
    Instant deadline = record.bakeDeadline(wave.name()).orElse(null);
    if (deadline == null) {
      deadline = time.now().plus(wave.bake());
      step(journal, "bake:" + wave.name(), new RolloutEvent.BakeStarted(wave.name(), deadline));
    }
    progress.on(new ProgressEvent.WaveBaking(wave.name(), deadline));
    // the accounts this wave changed: a failed tenant's stack was changed too, and rolled back by CloudFormation
    List<String> changed = wave.tenants().stream()
        .filter(t -> record.tenant(t) == TenantState.DEPLOYED || record.tenant(t) == TenantState.FAILED).toList();
    HealthGate.Reading last = HealthGate.Reading.green();
    boolean first = true;
    while (true) {
      if (wave.gate()) {
        HealthGate.Reading was = last;
        last = read(wave, changed);
        step(journal, "gate:" + wave.name(), verdict(wave, last));
        if (!last.equals(was) || first) {
          progress.on(new ProgressEvent.GateVerdict(wave.name(), last.verdict().label(), last.alarms(),
              last.detail()));
        }
        first = false;
        if (last.verdict() == HealthGate.Verdict.RED) {
          halt(journal, wave, "alarm in ALARM during the bake of wave " + wave.name() + ": "
              + String.join(", ", last.alarms()));
          return false;
        }
        if (last.verdict() == HealthGate.Verdict.UNREADABLE) {
          halt(journal, wave, "the gate of wave " + wave.name() + " cannot be read (fail closed): " + last.detail());
          return false;
        }
      }
      Instant now = time.now();
      if (!now.isBefore(deadline)) {
        break;
      }
      Duration left = Duration.between(now, deadline);
      time.sleep(left.compareTo(GATE_PERIOD) < 0 ? left : GATE_PERIOD);
    }
    if (last.verdict() == HealthGate.Verdict.WAITING) {
      halt(journal, wave, "the bake of wave " + wave.name() + " ended with alarms in INSUFFICIENT_DATA: "
          + String.join(", ", last.alarms()));
      return false;
    }
    step(journal, "bake:" + wave.name(), new RolloutEvent.WaveBaked(wave.name()));
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

  private void halt(Journal<RolloutEvent> journal, PlannedWave wave, String reason) {
    step(journal, "halt", new RolloutEvent.Halted(wave.name(), reason));
    progress.on(new ProgressEvent.Halted(wave.name(), reason));
  }

  /** Puts every tenant this rollout changed back, wave by wave in reverse, ignoring the gates. */
  private void rollback(Journal<RolloutEvent> journal, RolloutRecord record) {
    List<String> changed = record.changed();
    step(journal, "rollback", new RolloutEvent.RollbackStarted(changed));
    List<PlannedWave> waves = new ArrayList<>(record.plan().waves());
    java.util.Collections.reverse(waves);
    for (PlannedWave wave : waves) {
      List<String> todo = wave.tenants().stream().filter(changed::contains)
          .filter(t -> record.tenant(t) != TenantState.RESTORED).toList();
      InFlight.run(todo, wave.concurrency(), () -> false, t -> {
        String key = "restore:" + t;
        step(journal, key, new RolloutEvent.TenantRestoring(t));
        try {
          stacks.restore(t, previousOf(record, t));
          step(journal, key, new RolloutEvent.TenantRestored(t));
          progress.on(new ProgressEvent.RolledBack(t, Optional.empty()));
        } catch (Fault e) {
          step(journal, key, new RolloutEvent.TenantRestoreFailed(t, e.getMessage()));
          progress.on(new ProgressEvent.RolledBack(t, Optional.of(e.getMessage())));
        }
      });
    }
  }

  private Summary finish(Journal<RolloutEvent> journal, String id, String stack, String how) {
    step(journal, "end", new RolloutEvent.Finished(how));
    RolloutRecord record = RolloutRecord.of(journal.entries());
    state.records().put(indexKey(id), new RolloutListing(id, stack, how, record.plan().started(),
        record.plan().selector()));
    var counts = record.tenants().values();
    progress.on(new ProgressEvent.RolloutSummary(id, stack, how,
        (int) counts.stream().filter(s -> s == TenantState.DEPLOYED).count(),
        (int) counts.stream().filter(s -> s == TenantState.AT_TARGET).count(),
        (int) counts.stream().filter(s -> s == TenantState.FAILED).count(),
        (int) counts.stream().filter(s -> s == TenantState.RESTORED).count()));
    return new Summary(id, stack, how, record);
  }

  private void step(Journal<RolloutEvent> journal, String key, RolloutEvent event) {
    renew();
    journal.append(key, event);
    afterStep.accept(event);
  }

  private void stepLazily(Journal<RolloutEvent> journal, String key, RolloutEvent event) {
    renew();
    journal.appendLazily(key, event);
    afterStep.accept(event);
  }

  private Journal<RolloutEvent> journal(String id) {
    return state.journal(id, RolloutEvent.class);
  }

  private Journal<RolloutEvent> existing(String id) {
    if (state.records().get(indexKey(id), RolloutListing.class).isEmpty()) {
      throw Fault.invalid("no rollout " + id, "list them: tenantctl rollout ls");
    }
    return journal(id);
  }

  private static String indexKey(String id) {
    return "rollouts/" + id;
  }

  static String purpose(String id) {
    return "rollout " + id;
  }

  private synchronized void renew() {
    if (held != null && System.nanoTime() - renewedAt >= renewEvery.toNanos()) {
      held = state.locks().renew(held);
      renewedAt = System.nanoTime();
    }
  }

  /**
   * Refuses at once when another rollout holds the fleet's lock: before a plan is resolved (a read per tenant)
   * and shown. Taking the lock when the rollout starts is what keeps two apart; this only spares the wait.
   */
  public void refuseIfLocked() {
    lockHolder().ifPresent(h -> {
      throw busy(h, null);
    });
  }

  /** Who runs rollout {@code id} now, as the lock says: empty when no process holds the lock for it. */
  public Optional<Locks.Holder> runnerOf(String id) {
    return lockHolder().filter(h -> h.purpose().equals(purpose(id)));
  }

  /** Who holds the fleet's rollout lock, if anyone. */
  private Optional<Locks.Holder> lockHolder() {
    return state.locks().current(LOCK).map(Locks.Lock::holder);
  }

  /** Refused: {@code h} holds the lock; {@code mine} is the rollout asked for (null for a new one). */
  private static Fault busy(Locks.Holder h, String mine) {
    String other = h.purpose().startsWith("rollout ") ? h.purpose().substring("rollout ".length()) : h.purpose();
    boolean ended = h.endedOn(Locks.Claimant.current("").host());
    String message = (other.equals(mine) ? "rollout " + other + " still holds the fleet's lock: "
        : "another rollout holds the fleet's lock: ") + h.describe()
        + (ended ? "; that process is no longer running" : "");
    return Fault.failed(message, ended
        ? "break its lock, then resume it: tenantctl rollout unlock --force " + other + " && tenantctl rollout resume "
            + other
        : "wait for it to finish; if that process is gone, break its lock: tenantctl rollout unlock --force " + other);
  }

  private Locks.Lock lock(String id) {
    Locks.Acquisition got = state.locks().acquire(LOCK, Locks.Claimant.current(purpose(id)), LEASE);
    if (got instanceof Locks.Busy busy) {
      throw busy(busy.current().holder(), id);
    }
    synchronized (this) {
      held = ((Locks.Acquired) got).lock();
      renewedAt = System.nanoTime();
    }
    return held;
  }

  /** Runs {@code body} holding {@code lock}; a crash (an Error) leaves the lock behind, as a dead process would. */
  private Summary holding(Locks.Lock lock, java.util.function.Supplier<Summary> body) {
    Summary s;
    try {
      s = body.get();
    } catch (io.tenantctl.state.LockLost e) {
      throw e;
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    release();
    return s;
  }

  private synchronized void release() {
    if (held != null) {
      state.locks().release(held);
      held = null;
    }
  }
}
