package io.tenantctl.state.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantctl.state.Journal;
import io.tenantctl.state.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Journal} as a file of JSON lines, one entry a line:
 * {@code {"seq":1,"at":…,"key":…,"event":{"type":…}}}. It is read once when opened into an index by key; after that
 * only the bytes another process appended are read. A torn last line (a crash mid-write) is ignored, and the next
 * append starts on a new line.
 *
 * <p>Appends are committed in groups: an appender queues its event, and whichever appender comes first writes every
 * queued line with one write under one lock of the file; then the durable ones share forces to disk, so many tenants
 * journalling at once cost a few forces, not one each. A durable append is on disk before it returns; a lazy one
 * returns once queued, is written ahead of every later append, and is on disk when the next durable one returns.
 */
final class FileJournal<E> implements Journal<E> {
  private final Path file;
  private final Path guard;
  private final Class<E> events;
  private final ObjectMapper json;
  private final ObjectWriter eventWriter;
  // the index: guarded by this
  private final List<Entry<E>> all = new ArrayList<>();
  private final Map<String, List<Entry<E>>> byKey = new LinkedHashMap<>();
  private long indexedBytes;
  // appends waiting to be written, and the lock whose holder writes them
  private final ConcurrentLinkedQueue<Pending<E>> queued = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock();
  // how far the file is known to be on disk, and the force under way (guarded by forceState)
  private final Object forceState = new Object();
  private long forcedTo;
  private boolean forcingNow;
  private CompletableFuture<Void> nextForce;
  private final AtomicLong forces = new AtomicLong();
  // the file, kept open while the journal is: closed when the journal is no longer used (guarded by this)
  private FileChannel channel;
  private boolean channelWritable;
  private final Open open = new Open();

  /** The open file, closed by the cleaner once the journal is unreachable. */
  private static final class Open implements Runnable {
    volatile FileChannel channel;

    @Override
    public void run() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // closing a file read or forced already loses nothing
      }
    }
  }

  private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

  FileJournal(Path file, Class<E> events) {
    this.file = file;
    this.guard = file.resolveSibling(file.getFileName() + ".lock");
    this.events = events;
    this.json = StateJson.mapperFor(events);
    this.eventWriter = json.writerFor(events);
    CLEANER.register(this, open);
    synchronized (this) {
      catchUp();
    }
  }

  Class<E> events() {
    return events;
  }

  /** How many times the file was forced to disk by appends: fewer than the appends when they came together. */
  long forces() {
    return forces.get();
  }

  /** A queued append, its key and event already written as JSON (outside the writer's lock). */
  private record Pending<E>(String key, E event, byte[] keyJson, byte[] eventJson,
      CompletableFuture<Written<E>> done, boolean lazy) {}

  /** Why a lazy append's line was not written: the next append fails with it (nothing is lost silently). */
  private volatile RuntimeException lost;

  /** An appended entry and the file's length once its line was written. */
  private record Written<E>(Entry<E> entry, long end) {}

  @Override
  public Entry<E> append(String key, E event) {
    RuntimeException earlier = lost;
    if (earlier != null) {
      throw new IllegalStateException("an earlier step of journal " + file + " was not written", earlier);
    }
    Pending<E> mine = queue(key, event, false);
    Written<E> written;
    try {
      written = mine.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while journalling", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    durableTo(written.end());
    return written.entry();
  }

  @Override
  public void appendLazily(String key, E event) {
    // no wait: the line is written by this appender, or by the one writing now, ahead of any appended after it
    queue(key, event, true);
  }

  /** Queues the line and writes what is queued unless another appender is writing (it then writes this line too). */
  private Pending<E> queue(String key, E event, boolean lazy) {
    if (!events.isInstance(event)) {
      throw new IllegalArgumentException(event + " is not one of " + events.getSimpleName());
    }
    Pending<E> mine;
    try {
      mine = new Pending<>(key, event, json.writeValueAsBytes(key), eventWriter.writeValueAsBytes(event),
          new CompletableFuture<>(), lazy);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event + " as JSON", e);
    }
    queued.add(mine);
    // whoever takes the writer's lock writes what is queued, again while more came; the others wait for their line
    do {
      if (!writer.tryLock()) {
        // its holder looks at the queue again after it lets go, and finds this line
        break;
      }
      try {
        writeQueued();
      } finally {
        writer.unlock();
      }
    } while (!queued.isEmpty());
    return mine;
  }

  /** Writes every queued line with one write, under the file's lock; called holding {@code writer}. */
  private void writeQueued() {
    List<Pending<E>> batch = new ArrayList<>();
    for (Pending<E> p; (p = queued.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    List<Written<E>> written = new ArrayList<>(batch.size());
    try {
      DurableFiles.exclusively(guard, () -> {
        synchronized (this) {
          FileChannel ch = writable();
          if (ch.size() != indexedBytes) {
            // another writer's lines, or a torn last line: that becomes a line of its own, read here as a fresh
            // replay reads it, before ours are numbered
            endTornLine(ch);
            catchUp();
          }
          ByteArrayOutputStream lines = new ByteArrayOutputStream();
          List<Entry<E>> added = new ArrayList<>();
          List<Entry<E>> entries = new ArrayList<>(batch.size());
          long seq = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
          Instant at = Instant.now();
          byte[] atJson = (",\"at\":\"" + at + "\",\"key\":").getBytes(StandardCharsets.UTF_8);
          Map<String, Entry<E>> latest = new LinkedHashMap<>();
          for (Pending<E> p : batch) {
            Entry<E> was = latest.containsKey(p.key()) ? latest.get(p.key()) : last(p.key());
            if (was != null && was.event().equals(p.event())) {
              // a retried step: journalled once
              entries.add(was);
              continue;
            }
            Entry<E> entry = new Entry<>(++seq, at, p.key(), p.event());
            // {"seq":…,"at":…,"key":…,"event":{…}}
            lines.write(("{\"seq\":" + entry.seq()).getBytes(StandardCharsets.UTF_8));
            lines.write(atJson);
            lines.write(p.keyJson());
            lines.write(EVENT);
            lines.write(p.eventJson());
            lines.write(LINE_END);
            latest.put(p.key(), entry);
            added.add(entry);
            entries.add(entry);
          }
          ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
          while (buffer.hasRemaining()) {
            indexedBytes += ch.write(buffer, indexedBytes);
          }
          added.forEach(this::index);
          // a retried step's entry may still wait for its force: make it durable to the end of this write too
          entries.forEach(e -> written.add(new Written<>(e, indexedBytes)));
        }
        return null;
      });
    } catch (RuntimeException e) {
      // each appender of the batch throws it; a lazy one's next append does
      if (batch.stream().anyMatch(Pending::lazy)) {
        lost = e;
      }
      batch.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(written.get(i));
    }
  }

  /**
   * Returns once the file is on disk at least up to {@code end}. One appender forces at a time, everything written
   * so far; those that wrote meanwhile wait for it and then for the next force (group commit), which one of them leads.
   */
  private void durableTo(long end) {
    while (true) {
      CompletableFuture<Void> forced;
      synchronized (forceState) {
        if (forcedTo >= end) {
          return;
        }
        if (forcingNow) {
          if (nextForce == null) {
            nextForce = new CompletableFuture<>();
          }
          forced = nextForce;
        } else {
          forcingNow = true;
          forced = null;
        }
      }
      if (forced != null) {
        forced.join();
        continue;
      }
      long size = -1;
      try {
        FileChannel ch;
        synchronized (this) {
          ch = channel;
        }
        size = ch.size();
        // data and the size needed to read it back: what a replay needs
        ch.force(false);
        forces.incrementAndGet();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write journal " + file, e);
      } finally {
        CompletableFuture<Void> waiting;
        synchronized (forceState) {
          forcedTo = Math.max(forcedTo, size);
          forcingNow = false;
          waiting = nextForce;
          nextForce = null;
        }
        if (waiting != null) {
          // the waiters look again: covered, or one of them leads the next force
          waiting.complete(null);
        }
      }
    }
  }

  private static final byte[] EVENT = ",\"event\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LINE_END = {'}', '\n'};

  /** The latest indexed entry under {@code key}; called holding this journal's monitor, caught up. */
  private Entry<E> last(String key) {
    List<Entry<E>> of = byKey.get(key);
    return of == null || of.isEmpty() ? null : of.get(of.size() - 1);
  }

  @Override
  public synchronized List<Entry<E>> entries() {
    catchUp();
    return List.copyOf(all);
  }

  @Override
  public synchronized List<Entry<E>> entries(String key) {
    catchUp();
    return List.copyOf(byKey.getOrDefault(key, List.of()));
  }

  /** The journal's file, open for reading and appending: created with its directory on the first append. */
  private FileChannel writable() throws IOException {
    if (channel != null && channelWritable && channel.isOpen()) {
      return channel;
    }
    boolean created = !Files.exists(file);
    if (created) {
      DurableFiles.directory(file.getParent());
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (created) {
      ch.force(true);
      DurableFiles.forceDirectory(file.getParent());
    }
    use(ch, true);
    return ch;
  }

  /** The journal's file for reading, or null while there is none; a read-only state directory can be read. */
  private FileChannel readable() throws IOException {
    if ((channel == null || !channel.isOpen()) && Files.exists(file)) {
      try {
        use(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE), true);
      } catch (java.nio.file.FileSystemException readOnly) {
        use(FileChannel.open(file, StandardOpenOption.READ), false);
      }
    }
    return channel;
  }

  private void use(FileChannel ch, boolean writable) throws IOException {
    if (channel != null) {
      channel.close();
    }
    channel = ch;
    channelWritable = writable;
    open.channel = ch;
  }

  /** Ends a torn last line (a crash mid-write) with a newline, so that the next line starts on its own. */
  private static void endTornLine(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer last = ByteBuffer.allocate(1);
    if (size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n') {
      ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
    }
  }

  /**
   * Indexes the complete lines added since the last look; an unfinished last line waits. Called holding this
   * journal's monitor. The file is kept open: a journal replaced by another file while it is open is not seen.
   */
  private void catchUp() {
    try {
      FileChannel ch = readable();
      long size = ch == null ? 0 : ch.size();
      if (size < indexedBytes) {
        // truncated behind our back (restored from a backup): index it afresh
        all.clear();
        byKey.clear();
        indexedBytes = 0;
      }
      if (size == indexedBytes) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - indexedBytes));
      while (buffer.hasRemaining() && ch.read(buffer, indexedBytes + buffer.position()) > 0) {
        // read to the end
      }
      byte[] bytes = buffer.array();
      int start = 0;
      for (int i = 0; i < buffer.position(); i++) {
        if (bytes[i] == '\n') {
          index(new String(bytes, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      indexedBytes += start;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    }
  }

  private void index(String line) {
    if (line.isBlank()) {
      return;
    }
    Entry<E> entry;
    try {
      JsonNode node = json.readTree(line);
      entry = new Entry<>(node.get("seq").asLong(), Instant.parse(node.get("at").asText()), node.get("key").asText(),
          json.treeToValue(node.get("event"), events));
    } catch (IOException | RuntimeException torn) {
      // a line cut short by a crash: what it said did not happen as far as anyone knows
      return;
    }
    index(entry);
  }

  private void index(Entry<E> entry) {
    all.add(entry);
    byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
  }
}
