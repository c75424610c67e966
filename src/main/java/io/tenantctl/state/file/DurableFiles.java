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
import java.util.concurrent.locks.ReentrantLock;

/** Writes that survive a crash (forced to disk before they return), and read-modify-writes one at a time. */
final class DurableFiles {
  // FileChannel locks are held per process: threads of this process are kept apart by these
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private DurableFiles() {}

  interface Body<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code body} holding the guard file's lock, against this process's threads and other processes. The
   * guard file is never read or closed elsewhere: closing any channel of a file drops its POSIX locks.
   */
  static <T> T exclusively(Path guard, Body<T> body) {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(guard.toAbsolutePath().normalize(), p -> new ReentrantLock());
    local.lock();
    try {
      directory(guard.getParent());
      try (FileChannel ch = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = ch.lock()) {
        return body.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + guard.getParent(), e);
    } finally {
      local.unlock();
    }
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
