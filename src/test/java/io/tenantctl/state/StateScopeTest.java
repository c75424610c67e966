package io.tenantctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.state.file.FileStateStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State belongs to an organization and the endpoint it was written against. */
class StateScopeTest {

  sealed interface Note {
    record Said(String what) implements Note {}
  }

  @TempDir Path dir;

  @Test
  void aScopeIsTheOrganizationAndTheEndpoint() {
    assertEquals("o-abc123@aws", StateScope.of("o-abc123", Optional.empty()).key());
    assertEquals("o-abc123@localhost-4566", StateScope.of("o-abc123", Optional.of(URI.create("http://localhost:4566")))
        .key());
    assertEquals("o-abc123@emulator.internal-443",
        StateScope.of("o-abc123", Optional.of(URI.create("https://emulator.internal"))).key());
    assertThrows(IllegalArgumentException.class, () -> new StateScope("../o", "aws"));
  }

  @Test
  void aScopeNeverSeesAnotherScopesEntries() {
    var stores = new FileStateStores(dir);
    var emulator = stores.open(StateScope.of("o-abc123", Optional.of(URI.create("http://127.0.0.1:5000"))));
    var real = stores.open(StateScope.of("o-abc123", Optional.empty()));
    var other = stores.open(StateScope.of("o-zzz999", Optional.empty()));

    emulator.journal("notes", Note.class).append("k", new Note.Said("on the emulator"));
    emulator.records().put("pool/claims/1", new Note.Said("claimed"));
    emulator.locks().acquire("fleet", Locks.Claimant.current("test"), java.time.Duration.ofSeconds(5));

    for (var store : List.of(real, other)) {
      assertEquals(List.of(), store.journal("notes", Note.class).entries());
      assertEquals(List.of(), store.records().keys(""));
      assertEquals(Optional.empty(), store.locks().current("fleet"));
    }
    assertTrue(Files.isDirectory(dir.resolve("state").resolve("o-abc123@127.0.0.1-5000").resolve("journal")));
  }

  @Test
  void aDeferredStoreAsksForItsScopeOnFirstUseOnly() {
    AtomicInteger asked = new AtomicInteger();
    var store = new FileStateStores(dir).deferred(() -> {
      asked.incrementAndGet();
      return new StateScope("o-late", "aws");
    });
    assertEquals(0, asked.get());

    store.journal("notes", Note.class).append("k", new Note.Said("x"));
    store.records().keys("");

    assertEquals(1, asked.get());
    assertEquals("o-late", store.scope().organizationId());
  }
}
