package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Progress;
import io.tenantctl.state.Lease;
import io.tenantctl.state.Leases;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.LockWaiter;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one lease holder every flow uses: renewal, the check before a write, release, refusal naming the holder. */
class LeasesTest {
  private static final Locks.Claimant BOB = new Locks.Claimant("bob", "ci-7", 202, "rollout r-2");

  @TempDir Path dir;
  FileStateStore store;

  @BeforeEach
  void setUp() {
    store = new FileStateStore(dir, new StateScope("o-abc", "aws"));
  }

  private Leases leases(Duration lease) {
    return new Leases(store, LockWaiter.Ticker.SYSTEM, lease, Duration.ZERO);
  }

  @Test
  void aLeaseTakenFromItsHolderFailsTheHoldersNextCheckAndIsNotReleasedByIt() throws Exception {
    Lease mine = leases(Duration.ofMillis(200)).take("tenant-acme", "deploy acme", "acme", Progress.NONE);
    store.locks().breakLock("tenant-acme", BOB, "test");
    var bobs = assertInstanceOf(Locks.Acquired.class, store.locks().acquire("tenant-acme", BOB,
        Duration.ofMinutes(1))).lock();
    Thread.sleep(30); // past a tenth of the lease: the check asks the store

    assertThrows(LockLost.class, mine::check);
    assertThrows(LockLost.class, mine::check, "lost for good");
    mine.close();

    assertEquals(bobs.epoch(), store.locks().current("tenant-acme").orElseThrow().epoch(), "bob keeps it");
  }

  @Test
  void confirmAsksTheStoreAtOnce() {
    Lease mine = leases(Duration.ofMinutes(2)).take("pool-claim", "claim", "pool", Progress.NONE);
    store.locks().breakLock("pool-claim", BOB, "test");

    mine.check(); // renewed a moment ago: a holder that recent cannot have been taken over by the lease rule
    assertThrows(LockLost.class, mine::confirm);
  }

  @Test
  void aLeaseIsRenewedInTheBackgroundWhileItsHolderWorks() throws Exception {
    try (Lease mine = leases(Duration.ofMillis(400)).take("rollout", "rollout r-1", "fleet", Progress.NONE)) {
      long version = mine.lock().version();
      for (int i = 0; i < 100 && store.locks().current("rollout").orElseThrow().version() == version; i++) {
        Thread.sleep(20);
      }
      assertTrue(store.locks().current("rollout").orElseThrow().version() > version, "the version moved");
    }
    assertTrue(store.locks().current("rollout").isEmpty(), "released when closed");
  }

  @Test
  void takeIfFreeRefusesABusyLockNamingItsHolder() {
    store.locks().acquire("rollout", BOB, Duration.ofMinutes(1));
    List<Locks.Lock> seen = new ArrayList<>();

    assertTrue(leases(Duration.ofMinutes(1)).takeIfFree("rollout", "rollout r-1", seen::add).isEmpty());
    assertEquals("bob", seen.get(0).holder().user());
  }

  @Test
  void runReleasesTheLeaseWhateverTheStepsOutcome() {
    Leases leases = leases(Duration.ofMinutes(1));
    assertThrows(IllegalStateException.class, () -> leases.run("tenant-acme", "deploy acme", "acme", Progress.NONE,
        held -> {
          throw new IllegalStateException("the step failed");
        }));
    assertTrue(store.locks().current("tenant-acme").isEmpty());
    assertEquals("done", leases.run("tenant-acme", "deploy acme", "acme", Progress.NONE, held -> "done"));
    assertTrue(store.locks().current("tenant-acme").isEmpty());
  }
}
