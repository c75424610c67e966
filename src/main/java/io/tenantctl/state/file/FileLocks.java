package io.tenantctl.state.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.state.Journal;
import io.tenantctl.state.LockEvent;
import io.tenantctl.state.LockLost;
import io.tenantctl.state.Locks;
import io.tenantctl.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link Locks} as one JSON file per lock ({@code <name>.json}), each read-modify-write done while holding a
 * {@code FileChannel} lock on {@code <name>.lock}. A released lock keeps its last epoch, so epochs only grow.
 */
final class FileLocks implements Locks {
  private final Path dir;
  private final Journal<LockEvent> journal;
  private final ObjectMapper json = StateJson.mapper();

  FileLocks(Path dir, Journal<LockEvent> journal) {
    this.dir = dir;
    this.journal = journal;
  }

  /** What the file holds: the last epoch handed out, and the lock when someone holds it. */
  record Stored(long epoch, Lock lock) {
    static final Stored NONE = new Stored(0, null);

    Optional<Lock> held() {
      return Optional.ofNullable(lock);
    }
  }

  @Override
  public Acquisition acquire(String name, Claimant claimant, Duration lease) {
    return update(name, stored -> {
      if (stored.held().isPresent()) {
        return new Change(stored, new Busy(stored.lock()));
      }
      Instant now = Instant.now();
      Lock mine = new Lock(name, Holder.of(claimant, now, stored.epoch() + 1), lease, 1, now);
      return new Change(new Stored(mine.epoch(), mine), new Acquired(mine));
    });
  }

  @Override
  public Acquisition takeOver(Lock seen, Claimant claimant, Duration lease) {
    Acquisition result = update(seen.name(), stored -> {
      if (stored.held().isPresent() && !same(stored.lock(), seen)) {
        return new Change(stored, new Busy(stored.lock()));
      }
      Instant now = Instant.now();
      Lock mine = new Lock(seen.name(), Holder.of(claimant, now, stored.epoch() + 1), lease, 1, now);
      return new Change(new Stored(mine.epoch(), mine), new Acquired(mine));
    });
    if (result instanceof Acquired a) {
      journal.append("lock:" + seen.name(), new LockEvent.TakenOver(seen.name(), seen.holder(), a.lock().holder()));
    }
    return result;
  }

  @Override
  public Lock renew(Lock mine) {
    Acquisition result = update(mine.name(), stored -> {
      if (stored.held().isEmpty() || stored.lock().epoch() != mine.epoch()) {
        return new Change(stored, new Busy(stored.lock()));
      }
      Lock renewed = new Lock(mine.name(), mine.holder(), mine.lease(), stored.lock().version() + 1, Instant.now());
      return new Change(new Stored(stored.epoch(), renewed), new Acquired(renewed));
    });
    if (result instanceof Acquired a) {
      return a.lock();
    }
    Lock now = ((Busy) result).current();
    throw new LockLost(mine.name(), mine.epoch(), now == null ? "it is free" : "held by " + now.holder().describe());
  }

  @Override
  public boolean release(Lock mine) {
    return update(mine.name(), stored -> {
      boolean own = stored.held().isPresent() && stored.lock().epoch() == mine.epoch();
      return new Change(own ? new Stored(stored.epoch(), null) : stored, own);
    });
  }

  @Override
  public Optional<Lock> breakLock(Lock seen, Claimant by, String why) {
    Optional<Lock> broken = update(seen.name(), stored -> stored.held().filter(l -> same(l, seen)).isPresent()
        ? new Change(new Stored(stored.epoch(), null), stored.held())
        : new Change(stored, Optional.empty()));
    broken.ifPresent(l -> journal.append("lock:" + seen.name(), new LockEvent.Broken(seen.name(), l.holder(), by,
        why)));
    return broken;
  }

  /** The same holding of the lock: epoch and version, which every change moves. */
  private static boolean same(Lock a, Lock b) {
    return a.epoch() == b.epoch() && a.version() == b.version();
  }

  /**
   * Runs {@code write} while {@code mine}'s epoch still holds the lock, under the lock's guard: no take-over,
   * break or release can come between the check and the write. Otherwise {@link LockLost}, nothing written.
   */
  <T> T whileHeld(Lock mine, DurableFiles.Body<T> write) {
    return DurableFiles.exclusively(guard(mine.name()), () -> {
      Stored stored = read(mine.name());
      if (stored.held().isEmpty() || stored.lock().epoch() != mine.epoch()) {
        throw new LockLost(mine.name(), mine.epoch(), stored.held().isEmpty() ? "it is free"
            : "held by " + stored.lock().holder().describe() + " (epoch " + stored.lock().epoch() + ")");
      }
      return write.run();
    });
  }

  /** Every lock held now, by name. */
  java.util.List<Lock> held() {
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .filter(n -> !n.startsWith(".")).map(n -> n.substring(0, n.length() - ".json".length())).sorted()
          .flatMap(n -> current(n).stream()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list the locks in " + dir, e);
    }
  }

  @Override
  public Optional<Lock> current(String name) {
    return DurableFiles.exclusively(guard(name), () -> read(name)).held();
  }

  private record Change(Stored next, Object result) {}

  private interface Decision {
    Change decide(Stored stored);
  }

  @SuppressWarnings("unchecked")
  private <T> T update(String name, Decision decision) {
    return (T) DurableFiles.exclusively(guard(name), () -> {
      Stored stored = read(name);
      Change change = decision.decide(stored);
      if (!change.next().equals(stored)) {
        DurableFiles.replace(file(name), json.writeValueAsBytes(change.next()));
      }
      return change.result();
    });
  }

  private Stored read(String name) throws IOException {
    Path file = file(name);
    return Files.exists(file) ? json.readValue(file.toFile(), Stored.class) : Stored.NONE;
  }

  private Path file(String name) {
    return dir.resolve(io.tenantctl.state.StateNames.lock(name) + ".json");
  }

  private Path guard(String name) {
    return file(name).resolveSibling(name + ".lock");
  }
}
