package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Fault;
import io.tenantctl.state.LockEvent;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.LockWaiter;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks with a holder and a lease on files, and the waiter's take-over rule. */
class FileLocksTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Locks.Claimant ALICE = new Locks.Claimant("alice", "laptop", 101, "rollout r-1");
  private static final Locks.Claimant BOB = new Locks.Claimant("bob", "ci-7", 202, "rollout r-2");

  @TempDir Path dir;
  FileStateStore store;
  Locks locks;

  @BeforeEach
  void setUp() {
    store = new FileStateStore(dir, new StateScope("o-abc", "aws"));
    locks = store.locks();
  }

  private Locks.Lock take(Locks.Claimant who) {
    return ((Locks.Acquired) locks.acquire("fleet", who, LEASE)).lock();
  }

  @Test
  void aHeldLockIsRefusedNamingItsHolder() {
    Locks.Lock mine = take(ALICE);

    var busy = assertInstanceOf(Locks.Busy.class, locks.acquire("fleet", BOB, LEASE));

    assertEquals(mine, busy.current());
    assertEquals("alice", busy.current().holder().user());
    assertEquals(101, busy.current().holder().pid());
    assertEquals("rollout r-1", busy.current().holder().purpose());
    Fault refused = LockWaiter.busy(busy.current());
    assertTrue(refused.getMessage().contains("alice@laptop (pid 101) for rollout r-1 since"), refused.getMessage());
  }

  @Test
  void onlyTheHolderOfTheCurrentEpochReleasesAndEpochsOnlyGrow() {
    Locks.Lock first = take(ALICE);
    assertTrue(locks.release(first));
    assertFalse(locks.release(first), "released twice");
    Locks.Lock second = take(BOB);

    assertEquals(first.epoch() + 1, second.epoch());
    assertFalse(locks.release(first), "an old epoch cannot release the new holder's lock");
    assertEquals(Optional.of(second), new FileStateStore(dir, store.scope()).locks().current("fleet"));
  }

  @Test
  void renewalBumpsTheVersionAndFailsOnceTheLockIsLost() {
    Locks.Lock mine = take(ALICE);
    Locks.Lock renewed = locks.renew(mine);
    assertEquals(mine.version() + 1, renewed.version());
    assertEquals(mine.epoch(), renewed.epoch());

    locks.breakLock("fleet", BOB, "alice's laptop is gone");

    LockLost lost = assertThrows(LockLost.class, () -> locks.renew(renewed));
    assertTrue(lost.getMessage().contains("no longer held"), lost.getMessage());
  }

  @Test
  void breakingALockIsRecorded() {
    Locks.Lock mine = take(ALICE);

    assertEquals(Optional.of(mine), locks.breakLock("fleet", BOB, "the rollout host was decommissioned"));

    assertEquals(Optional.empty(), locks.current("fleet"));
    var events = store.journal("locks", LockEvent.class).entries();
    assertEquals(1, events.size());
    assertEquals(new LockEvent.Broken("fleet", mine.holder(), BOB, "the rollout host was decommissioned"),
        events.get(0).event());
    assertEquals(Optional.empty(), locks.breakLock("fleet", BOB, "again"), "nothing to break, nothing recorded");
    assertEquals(1, store.journal("locks", LockEvent.class).entries().size());
  }

  @Test
  void aTakeOverIsConditionalOnTheRecordTheWaiterSaw() {
    Locks.Lock seen = take(ALICE);
    locks.renew(seen);

    assertInstanceOf(Locks.Busy.class, locks.takeOver(seen, BOB, LEASE), "alice renewed: she is alive");
  }

  /** A clock that only moves when the waiter sleeps, while the holder may act in between. */
  static final class FakeTicker implements LockWaiter.Ticker {
    long nanos;
    final List<Runnable> duringSleep = new ArrayList<>();

    @Override
    public long nanos() {
      return nanos;
    }

    @Override
    public void sleep(Duration d) {
      nanos += d.toNanos();
      duringSleep.forEach(Runnable::run);
    }
  }

  @Test
  void aWaiterTakesOverOnlyAfterTheRecordStayedUnchangedForAWholeLeaseOnItsOwnClock() {
    Locks.Lock alices = take(ALICE);
    var ticker = new FakeTicker();

    Locks.Lock bobs = new LockWaiter(locks, ticker).acquire("fleet", BOB, LEASE, Duration.ofMinutes(5));

    assertEquals(alices.epoch() + 1, bobs.epoch());
    assertEquals("bob", bobs.holder().user());
    assertTrue(ticker.nanos >= LEASE.toNanos(), "waited a whole lease: " + Duration.ofNanos(ticker.nanos));
    assertTrue(ticker.nanos < LEASE.toNanos() * 2, "but not much more: " + Duration.ofNanos(ticker.nanos));
    var events = store.journal("locks", LockEvent.class).entries();
    assertEquals(new LockEvent.TakenOver("fleet", alices.holder(), bobs.holder()), events.get(0).event());
    assertThrows(LockLost.class, () -> locks.renew(alices));
  }

  @Test
  void aHolderThatKeepsRenewingIsNeverTakenOverAndTheWaiterGivesUpNamingIt() {
    Locks.Lock[] alices = {take(ALICE)};
    var ticker = new FakeTicker();
    ticker.duringSleep.add(() -> alices[0] = locks.renew(alices[0]));

    Fault f = assertThrows(Fault.class,
        () -> new LockWaiter(locks, ticker).acquire("fleet", BOB, LEASE, Duration.ofMinutes(3)));

    assertTrue(f.getMessage().contains("held by alice@laptop"), f.getMessage());
    assertEquals("alice", locks.current("fleet").orElseThrow().holder().user());
    assertTrue(ticker.nanos >= Duration.ofMinutes(3).toNanos());
  }

  @Test
  void aWaiterTakesALockReleasedMeanwhile() {
    Locks.Lock alices = take(ALICE);
    var ticker = new FakeTicker();
    ticker.duringSleep.add(() -> locks.release(alices));

    Locks.Lock bobs = new LockWaiter(locks, ticker).acquire("fleet", BOB, LEASE, Duration.ofMinutes(5));

    assertEquals("bob", bobs.holder().user());
    assertTrue(ticker.nanos < LEASE.toNanos());
    assertEquals(List.of(), store.journal("locks", LockEvent.class).entries(), "a release is no take-over");
  }

  @Test
  void noPatienceRefusesAtOnce() {
    take(ALICE);
    var ticker = new FakeTicker();

    assertThrows(Fault.class, () -> new LockWaiter(locks, ticker).acquire("fleet", BOB, LEASE, Duration.ZERO));
    assertEquals(0, ticker.nanos);
  }

  @Test
  void ofManyAtOnceExactlyOneAcquires() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Locks.Acquisition>> tries = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        var claimant = new Locks.Claimant("u" + i, "h", i, "test");
        // a fresh store per thread, as separate runs would open it
        tries.add(() -> new FileStateStore(dir, store.scope()).locks().acquire("fleet", claimant, LEASE));
      }
      long acquired = 0;
      for (Future<Locks.Acquisition> f : pool.invokeAll(tries)) {
        acquired += f.get() instanceof Locks.Acquired ? 1 : 0;
      }
      assertEquals(1, acquired);
    } finally {
      pool.shutdownNow();
    }
  }
}
