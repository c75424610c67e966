package io.tenantctl.state.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** Writes that survive a crash (forced to disk before they return), and read-modify-writes one at a time. */
final class DurableFiles {
  // FileChannel locks are held per process: threads of this process are kept apart by the guards' locks
  private static final ConcurrentHashMap<Path, Guard> GUARDS = new ConcurrentHashMap<>();
  // guard files kept open, oldest first: a journal appended to often opens its guard once, not once a write
  private static final ConcurrentLinkedQueue<Guard> OPEN = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger OPEN_COUNT = new AtomicInteger();
  static final int KEEP_OPEN = 32;

  private DurableFiles() {}

  interface Body<T> {
    T run() throws IOException;
  }

  /** A guard file and the one channel of this process on it: open while {@code channel} is not null. */
  private static final class Guard {
    final ReentrantLock lock = new ReentrantLock();
    final Path file;
    FileChannel channel;

    Guard(Path file) {
      this.file = file;
    }
  }

  /**
   * Runs {@code body} holding the guard file's lock, against this process's threads and other processes. The
   * guard file is never read elsewhere, and its one channel is closed only while nobody here holds its lock:
   * closing any channel of a file drops the process's POSIX locks on it.
   */
  static <T> T exclusively(Path guard, Body<T> body) {
    Guard g = GUARDS.computeIfAbsent(guard.toAbsolutePath().normalize(), Guard::new);
    g.lock.lock();
    try {
      if (g.channel != null && !g.channel.isOpen()) {
        // closed by an interrupt of a thread that used it
        OPEN.remove(g);
        OPEN_COUNT.decrementAndGet();
        g.channel = null;
      }
      if (g.channel == null) {
        directory(g.file.getParent());
        g.channel = FileChannel.open(g.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        OPEN.add(g);
        if (OPEN_COUNT.incrementAndGet() > KEEP_OPEN) {
          closeIdle(g);
        }
      }
      try (FileLock held = g.channel.lock()) {
        return body.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + guard.getParent(), e);
    } finally {
      g.lock.unlock();
    }
  }

  /** Closes the oldest guard channels nobody holds until at most {@link #KEEP_OPEN} are open. */
  private static void closeIdle(Guard mine) {
    for (int tries = OPEN_COUNT.get(); tries > 0 && OPEN_COUNT.get() > KEEP_OPEN; tries--) {
      Guard oldest = OPEN.poll();
      if (oldest == null) {
        return;
      }
      if (oldest == mine || !oldest.lock.tryLock()) {
        // in use: stays open, behind the others
        OPEN.add(oldest);
        continue;
      }
      if (oldest.channel == null) {
        // a stale place in the queue: closed already (by an interrupt) and counted then
        oldest.lock.unlock();
        continue;
      }
      try {
        oldest.channel.close();
      } catch (IOException ignored) {
        // a guard holds no data: nothing is lost
      } finally {
        oldest.channel = null;
        OPEN_COUNT.decrementAndGet();
        oldest.lock.unlock();
      }
    }
  }

  /** How many guard files this process has open: at most {@link #KEEP_OPEN} and those in use. */
  static int openGuards() {
    return OPEN_COUNT.get();
  }

  /** Makes {@code dir} if it is not there: a stat, where createDirectories throws and catches an exception. */
  static void directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }

  /** Replaces {@code target} with {@code bytes}: a temporary file, forced, moved over it, the directory forced. */
  static void replace(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    directory(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
  }

  static boolean delete(Path target) throws IOException {
    boolean deleted = Files.deleteIfExists(target);
    if (deleted) {
      forceDirectory(target.getParent());
    }
    return deleted;
  }

  /** Makes a new or renamed entry of {@code dir} durable; not every platform can open a directory. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its moves are durable once the file is
    }
  }
}
