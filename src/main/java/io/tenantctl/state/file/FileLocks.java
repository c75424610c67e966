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
import java.util.regex.Pattern;

/**
 * {@link Locks} as one JSON file per lock ({@code <name>.json}), each read-modify-write done while holding a
 * {@code FileChannel} lock on {@code <name>.lock}. A released lock keeps its last epoch, so epochs only grow.
 */
final class FileLocks implements Locks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
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
      Lock mine = new Lock(name, Holder.of(claimant, Instant.now(), stored.epoch() + 1), lease, 1);
      return new Change(new Stored(mine.epoch(), mine), new Acquired(mine));
    });
  }

  @Override
  public Acquisition takeOver(Lock seen, Claimant claimant, Duration lease) {
    Acquisition result = update(seen.name(), stored -> {
      if (stored.held().isPresent() && !stored.lock().equals(seen)) {
        return new Change(stored, new Busy(stored.lock()));
      }
      Lock mine = new Lock(seen.name(), Holder.of(claimant, Instant.now(), stored.epoch() + 1), lease, 1);
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
      Lock renewed = new Lock(mine.name(), mine.holder(), mine.lease(), stored.lock().version() + 1);
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
  public Optional<Lock> breakLock(String name, Claimant by, String why) {
    Optional<Lock> broken = update(name, stored -> new Change(new Stored(stored.epoch(), null), stored.held()));
    broken.ifPresent(l -> journal.append("lock:" + name, new LockEvent.Broken(name, l.holder(), by, why)));
    return broken;
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
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a lock name: " + name);
    }
    return dir.resolve(name + ".json");
  }

  private Path guard(String name) {
    return file(name).resolveSibling(name + ".lock");
  }
}
