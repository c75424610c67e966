package io.tenantctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.tenantctl.core.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateStore} port's contract, run against every backend: journals (gap-free numbers under racing
 * appenders, idempotent appends), records, locks with leases, and fencing. A backend's test says how to open a
 * store of one scope as two processes would: two stores on the same state.
 */
public abstract class StateStoreContract {
  protected static final StateScope SCOPE = new StateScope("o-abc", "aws");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Locks.Claimant ALICE = new Locks.Claimant("alice", "laptop", 101, "rollout r-1");
  private static final Locks.Claimant BOB = new Locks.Claimant("bob", "ci-7", 202, "rollout r-2");

  /** A store of {@code scope}; each call opens another one on the same state, as another process would. */
  protected abstract StateStore open(StateScope scope);

  /** The events the contract journals. */
  public sealed interface Step {
    @JsonTypeName("did")
    record Did(String what) implements Step {}

    @JsonTypeName("kept")
    record Kept(String what, int n) implements Step {}
  }

  public record Doc(String name, List<String> items, Instant at) {}

  private Journal<Step> journal(StateStore store) {
    return store.journal("contract", Step.class);
  }

  private Locks.Lock take(StateStore store, Locks.Claimant who) {
    return ((Locks.Acquired) store.locks().acquire("fleet", who, LEASE)).lock();
  }

  @Test
  void appendsAreNumberedInOrderAndReadByAnotherStore() {
    var journal = journal(open(SCOPE));
    assertEquals(1, journal.append("TENANT:a", new Step.Did("start")).seq());
    assertEquals(2, journal.append("TENANT:b", new Step.Did("start")).seq());
    assertEquals(3, journal.append("TENANT:a", new Step.Did("done")).seq());

    var other = journal(open(SCOPE));
    assertEquals(List.of(1L, 2L, 3L), other.entries().stream().map(Journal.Entry::seq).toList());
    assertEquals(List.of(new Step.Did("start"), new Step.Did("done")),
        other.entries("TENANT:a").stream().map(Journal.Entry::event).toList());
    assertEquals(new Step.Did("done"), other.latest("TENANT:a").orElseThrow().event());
    assertEquals(Optional.empty(), other.latest("TENANT:z"));
    // what another store appended is seen by the first
    other.append("TENANT:c", new Step.Kept("x", 7));
    assertEquals(new Step.Kept("x", 7), journal.latest("TENANT:c").orElseThrow().event());
    assertEquals(5, journal.append("TENANT:a", new Step.Did("again")).seq());
  }

  @Test
  void anEventEqualToTheLatestOfItsKeyIsJournalledOnce() {
    var journal = journal(open(SCOPE));
    var first = journal.append("TENANT:a", new Step.Did("deploy"));
    assertEquals(first, journal.append("TENANT:a", new Step.Did("deploy")));
    assertEquals(first, journal(open(SCOPE)).append("TENANT:a", new Step.Did("deploy")), "also from another store");
    journal.append("TENANT:a", new Step.Did("other"));
    assertEquals(3, journal.append("TENANT:a", new Step.Did("deploy")).seq(), "not the latest: appended");
    assertEquals(3, journal.entries().size());
  }

  @Test
  void aLazyAppendIsWrittenAheadOfTheNextAppend() {
    var journal = journal(open(SCOPE));
    journal.appendLazily("TENANT:a", new Step.Did("started"));
    journal.append("TENANT:b", new Step.Did("started"));
    assertEquals(List.of("TENANT:a", "TENANT:b"),
        journal(open(SCOPE)).entries().stream().map(Journal.Entry::key).toList());
  }

  @Test
  void racingAppendersOfSeveralStoresGetNumbersWithoutGapsOrRepeats() throws Exception {
    int stores = 4;
    int each = 8;
    ExecutorService pool = Executors.newFixedThreadPool(stores * 2);
    try {
      List<Future<List<Long>>> all = new ArrayList<>();
      for (int s = 0; s < stores; s++) {
        var journal = journal(open(SCOPE));
        for (int t = 0; t < 2; t++) {
          String who = "s" + s + "t" + t;
          Callable<List<Long>> appender = () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < each / 2; i++) {
              mine.add(journal.append("TENANT:" + who, new Step.Kept(who, i)).seq());
            }
            return mine;
          };
          all.add(pool.submit(appender));
        }
      }
      Set<Long> seqs = new HashSet<>();
      for (Future<List<Long>> f : all) {
        f.get().forEach(seq -> assertTrue(seqs.add(seq), "number " + seq + " handed out twice"));
      }
      int total = stores * each;
      assertEquals(LongStream.rangeClosed(1, total).boxed().collect(java.util.stream.Collectors.toSet()), seqs);
      var read = journal(open(SCOPE)).entries();
      assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), read.stream().map(Journal.Entry::seq).toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recordsArePutReadListedByPrefixAndDeleted() {
    var records = open(SCOPE).records();
    var doc = new Doc("app", List.of("a", "b"), Instant.parse("2026-12-01T10:00:00Z"));
    records.put("rollouts/r-2/templates/abc", doc);
    records.put("rollouts/r-1", new Doc("r-1", List.of(), Instant.parse("2026-12-01T10:00:00Z")));
    records.put("pool/claims/123", doc);

    var other = open(SCOPE).records();
    assertEquals(Optional.of(doc), other.get("rollouts/r-2/templates/abc", Doc.class));
    assertEquals(List.of("rollouts/r-1", "rollouts/r-2/templates/abc"), other.keys("rollouts/"));
    assertEquals(3, other.keys("").size());
    var replaced = new Doc("app", List.of("c"), Instant.parse("2026-12-02T10:00:00Z"));
    other.put("rollouts/r-2/templates/abc", replaced);
    assertEquals(Optional.of(replaced), records.get("rollouts/r-2/templates/abc", Doc.class));
    assertTrue(records.delete("pool/claims/123"));
    assertFalse(other.delete("pool/claims/123"));
    assertEquals(Optional.empty(), other.get("pool/claims/123", Doc.class));
    assertThrows(IllegalArgumentException.class, () -> records.put("../escape", doc));
  }

  @Test
  void scopesNeverSeeEachOthersState() {
    var real = open(SCOPE);
    var emulated = open(new StateScope("o-abc", "127.0.0.1-5000"));
    journal(emulated).append("TENANT:a", new Step.Did("on the emulator"));
    emulated.records().put("rollouts/r-1", new Doc("r-1", List.of(), Instant.EPOCH));
    emulated.locks().acquire("fleet", ALICE, LEASE);

    assertEquals(List.of(), journal(real).entries());
    assertEquals(List.of(), real.records().keys(""));
    assertEquals(Optional.empty(), real.locks().current("fleet"));
  }

  @Test
  void aHeldLockIsRefusedNamingItsHolderAndOnlyItsEpochReleasesIt() {
    var store = open(SCOPE);
    Locks.Lock first = take(store, ALICE);
    var busy = assertInstanceOf(Locks.Busy.class, open(SCOPE).locks().acquire("fleet", BOB, LEASE));
    assertEquals(first.holder(), busy.current().holder());
    assertEquals(first.epoch(), busy.current().epoch());

    assertTrue(store.locks().release(first));
    assertFalse(store.locks().release(first), "released twice");
    Locks.Lock second = take(open(SCOPE), BOB);
    assertEquals(first.epoch() + 1, second.epoch(), "epochs only grow, even across a release");
    assertFalse(store.locks().release(first), "an old epoch cannot release the new holder's lock");
    assertEquals(second.holder(), store.locks().current("fleet").orElseThrow().holder());
  }

  @Test
  void renewalBumpsTheVersionAndTellsAHolderItLostTheLock() {
    var store = open(SCOPE);
    Locks.Lock mine = take(store, ALICE);
    Locks.Lock renewed = store.locks().renew(mine);
    assertEquals(mine.version() + 1, renewed.version());
    assertEquals(mine.epoch(), renewed.epoch());
    assertFalse(renewed.heartbeat().isBefore(mine.heartbeat()));

    open(SCOPE).locks().breakLock("fleet", BOB, "alice's laptop is gone");
    LockLost lost = assertThrows(LockLost.class, () -> store.locks().renew(renewed));
    assertEquals(ExitCode.FAILED, lost.exitCode());
  }

  @Test
  void aTakeOverNeedsTheVersionSeenAndIsJournalled() {
    var store = open(SCOPE);
    Locks.Lock alices = take(store, ALICE);
    Locks.Lock renewed = store.locks().renew(alices);

    var other = open(SCOPE);
    assertInstanceOf(Locks.Busy.class, other.locks().takeOver(alices, BOB, LEASE), "renewed since it was seen");
    var taken = assertInstanceOf(Locks.Acquired.class, other.locks().takeOver(renewed, BOB, LEASE));
    assertEquals(renewed.epoch() + 1, taken.lock().epoch());
    assertEquals("bob", taken.lock().holder().user());
    var recorded = other.journal("locks", LockEvent.class).latest("lock:fleet").orElseThrow().event();
    assertEquals(new LockEvent.TakenOver("fleet", renewed.holder(), taken.lock().holder()), recorded);
  }

  @Test
  void aBreakOfWhatWasSeenFailsOnceTheHolderRenewed() {
    var store = open(SCOPE);
    Locks.Lock seen = take(store, ALICE);
    store.locks().renew(seen);
    assertEquals(Optional.empty(), open(SCOPE).locks().breakLock(seen, BOB, "judged on an old look"));
    assertTrue(store.locks().current("fleet").isPresent());
  }

  @Test
  void aBreakIsRefusedWhileTheHeartbeatIsFreshAndRecordedOnceItIsOld() {
    var store = open(SCOPE);
    Locks.Lock held = take(store, ALICE);
    Instant now = held.heartbeat().plusSeconds(5);

    LockAlive alive = assertThrows(LockAlive.class, () -> open(SCOPE).locks().breakIfGone("fleet", BOB, "unlock", now));
    assertEquals(ExitCode.FAILED, alive.exitCode());
    assertTrue(alive.getMessage().contains("alice@laptop (pid 101)"), alive.getMessage());
    assertTrue(alive.getMessage().contains("last heartbeat was at " + held.heartbeat()), alive.getMessage());
    assertTrue(store.locks().current("fleet").isPresent(), "nothing was broken");

    Instant later = held.heartbeat().plus(LEASE).plusSeconds(1);
    assertEquals(held.epoch(), open(SCOPE).locks().breakIfGone("fleet", BOB, "unlock", later).orElseThrow().epoch());
    assertEquals(Optional.empty(), store.locks().current("fleet"));
    var recorded = store.journal("locks", LockEvent.class).latest("lock:fleet").orElseThrow().event();
    assertEquals("unlock", ((LockEvent.Broken) recorded).why());
  }

  @Test
  void aHolderWhoseLeaseWasTakenOverCanNeverWriteAgain() {
    var alices = open(SCOPE);
    Locks.Lock mine = take(alices, ALICE);
    var fenced = alices.fencedBy(mine);
    journal(fenced).append("TENANT:a", new Step.Did("deploying"));
    fenced.records().put("rollouts/r-1", new Doc("r-1", List.of(), Instant.EPOCH));

    // alice pauses past her lease; bob takes the lock over
    var bobs = open(SCOPE);
    Locks.Lock his = ((Locks.Acquired) bobs.locks().takeOver(mine, BOB, LEASE)).lock();

    LockLost lost = assertThrows(LockLost.class, () -> journal(fenced).append("TENANT:a", new Step.Did("deployed")));
    assertEquals(ExitCode.FAILED, lost.exitCode());
    assertTrue(lost.getMessage().contains("epoch " + mine.epoch()), lost.getMessage());
    assertThrows(LockLost.class, () -> fenced.records().put("rollouts/r-1", new Doc("stale", List.of(), Instant.EPOCH)));
    assertThrows(LockLost.class, () -> fenced.records().delete("rollouts/r-1"));

    var read = journal(open(SCOPE));
    assertEquals(List.of(new Step.Did("deploying")), read.entries().stream().map(Journal.Entry::event).toList());
    assertEquals("r-1", open(SCOPE).records().get("rollouts/r-1", Doc.class).orElseThrow().name());

    // the new holder writes through its own fence
    var bobsFence = bobs.fencedBy(his);
    assertEquals(2, journal(bobsFence).append("TENANT:a", new Step.Did("deployed")).seq());
    bobsFence.records().put("rollouts/r-1", new Doc("bob", List.of(), Instant.EPOCH));
    assertEquals("bob", open(SCOPE).records().get("rollouts/r-1", Doc.class).orElseThrow().name());
    assertTrue(bobsFence.records().delete("rollouts/r-1"));
  }

  @Test
  void aFencedWriteIsRefusedOnceTheLockIsReleasedOrBroken() {
    var store = open(SCOPE);
    Locks.Lock mine = take(store, ALICE);
    var fenced = store.fencedBy(mine);
    store.locks().release(mine);
    assertThrows(LockLost.class, () -> journal(fenced).append("TENANT:a", new Step.Did("late")));

    Locks.Lock again = take(store, ALICE);
    var fencedAgain = store.fencedBy(again);
    open(SCOPE).locks().breakLock("fleet", BOB, "operator");
    assertThrows(LockLost.class, () -> journal(fencedAgain).append("TENANT:a", new Step.Did("late")));
    assertThrows(LockLost.class, () -> journal(fencedAgain).appendLazily("TENANT:a", new Step.Did("late")));
    assertEquals(List.of(), journal(store).entries());
  }
}
