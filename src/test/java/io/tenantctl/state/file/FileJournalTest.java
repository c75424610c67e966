package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.tenantctl.state.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file journal: typed events, order, lookup by key, torn lines, and an index built when it is opened. */
class FileJournalTest {

  sealed interface Step {
    @JsonTypeName("started")
    record Started(String tenant, int wave) implements Step {}

    record Done(String tenant) implements Step {}
  }

  sealed interface Other {
    record Thing() implements Other {}
  }

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("journal").resolve("rollout.jsonl");
  }

  private Journal<Step> open() {
    return new FileJournal<>(file(), Step.class);
  }

  @Test
  void entriesAreReplayedInOrderAndByKeyWithTheirTypes() throws IOException {
    var journal = open();
    journal.append("acme", new Step.Started("acme", 1));
    journal.append("globex", new Step.Started("globex", 1));
    journal.append("acme", new Step.Done("acme"));

    var reopened = open();
    assertEquals(List.of(new Step.Started("acme", 1), new Step.Started("globex", 1), new Step.Done("acme")),
        reopened.entries().stream().map(Journal.Entry::event).toList());
    assertEquals(List.of(1L, 3L), reopened.entries("acme").stream().map(Journal.Entry::seq).toList());
    assertEquals(Optional.of(new Step.Done("acme")), reopened.latest("acme").map(Journal.Entry::event));
    assertEquals(List.of(), reopened.entries("initech"));
    String first = Files.readAllLines(file()).get(0);
    assertTrue(first.matches("\\{\"seq\":1,\"at\":\"[^\"]+\",\"key\":\"acme\",\"event\":\\{\"type\":\"started\","
        + "\"tenant\":\"acme\",\"wave\":1}}"), first);
    assertTrue(Files.readAllLines(file()).get(2).contains("\"type\":\"Done\""));
  }

  @Test
  void appendingTheStepsLatestEventAgainAppendsNothing() {
    var journal = open();
    var first = journal.append("acme", new Step.Started("acme", 1));

    assertEquals(first, journal.append("acme", new Step.Started("acme", 1)));
    assertEquals(1, open().entries().size());
    journal.append("acme", new Step.Done("acme"));
    journal.append("acme", new Step.Started("acme", 1));
    assertEquals(3, open().entries("acme").size(), "only a repeat of the latest is a no-op");
  }

  @Test
  void aTornLastLineIsIgnoredAndTheNextAppendStartsOnANewLine() throws IOException {
    open().append("acme", new Step.Started("acme", 1));
    Files.writeString(file(), "{\"seq\":2,\"at\":\"2026-01-01T00:00:00Z\",\"key\":\"acme\",\"ev",
        StandardOpenOption.APPEND);

    var journal = open();
    assertEquals(1, journal.entries().size());
    journal.append("acme", new Step.Done("acme"));

    var reopened = open();
    assertEquals(List.of(new Step.Started("acme", 1), new Step.Done("acme")),
        reopened.entries().stream().map(Journal.Entry::event).toList());
    assertEquals(List.of(1L, 2L), reopened.entries().stream().map(Journal.Entry::seq).toList());
  }

  @Test
  void lookupsAreServedFromTheIndexBuiltWhenTheJournalWasOpened() throws IOException {
    var journal = open();
    journal.append("acme", new Step.Started("acme", 1));
    // the same number of bytes, garbled in place: a journal that re-read its file would lose the entry
    String text = Files.readString(file());
    Files.writeString(file(), "x".repeat(text.length() - 1) + "\n");

    assertEquals(List.of(new Step.Started("acme", 1)), journal.entries("acme").stream().map(Journal.Entry::event)
        .toList());
    assertEquals(List.of(), open().entries(), "a fresh open reads the file");
  }

  @Test
  void whatAnotherProcessAppendedIsSeen() {
    var mine = open();
    mine.entries();
    open().append("globex", new Step.Started("globex", 2));

    assertEquals(Optional.of(new Step.Started("globex", 2)), mine.latest("globex").map(Journal.Entry::event),
        "the latest entry of a step, as another process appended it");
    assertEquals(List.of(new Step.Started("globex", 2)), mine.entries().stream().map(Journal.Entry::event).toList());
    assertEquals(2, mine.append("acme", new Step.Done("acme")).seq());
  }

  @Test
  void theLatestEntryOfAStepIncludesWhatAnotherProcessAppendedSince() {
    var mine = open();
    mine.append("abort", new Step.Done("nobody"));
    assertEquals(Optional.of(new Step.Done("nobody")), mine.latest("abort").map(Journal.Entry::event));
    open().append("abort", new Step.Done("ops"));

    assertEquals(Optional.of(new Step.Done("ops")), mine.latest("abort").map(Journal.Entry::event));
    assertEquals(Optional.empty(), mine.latest("globex"));
  }

  @Test
  void eventsMustComeFromASealedInterface() {
    assertThrows(IllegalArgumentException.class, () -> new FileJournal<>(file(), String.class));
  }

  @Test
  void aStoreRefusesToOpenAJournalForOtherEvents() {
    var store = new FileStateStore(dir, new io.tenantctl.state.StateScope("o-abc", "aws"));
    store.journal("rollout", Step.class);
    assertThrows(IllegalArgumentException.class, () -> store.journal("rollout", Other.class));
    assertThrows(IllegalArgumentException.class, () -> store.journal("../escape", Step.class));
  }

  @Test
  void concurrentAppendsGetDistinctSequenceNumbers() throws InterruptedException, IOException {
    var journal = open();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      String tenant = "t" + t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          journal.append(tenant, new Step.Started(tenant, i));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    var seqs = open().entries().stream().map(Journal.Entry::seq).toList();
    assertEquals(80, seqs.size());
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 80).boxed().toList(), seqs);
    assertTrue(Files.exists(file()) && new String(Files.readAllBytes(file()), StandardCharsets.UTF_8).endsWith("\n"));
  }

  @Test
  void twoProcessesAppendingAtOnceGetDistinctSequenceNumbers() throws Exception {
    var journal = open();
    journal.append("start", new Step.Done("start"));
    // the other process appends 500 lines while this one appends until it is done: its guard lock keeps the two
    // apart
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Appender.class.getName(), file().toString(), "other", "500")
        .redirectErrorStream(true).start();
    int mine = 0;
    while (other.isAlive() || mine < 100) {
      journal.append("mine", new Step.Started("mine", mine++));
    }
    String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, other.waitFor(), said);

    var entries = open().entries();
    var seqs = entries.stream().map(Journal.Entry::seq).toList();
    int wrong = java.util.stream.IntStream.range(0, seqs.size()).filter(i -> seqs.get(i) != i + 1).findFirst()
        .orElse(-1);
    assertEquals(-1, wrong, "no sequence number taken twice; at " + wrong);
    assertEquals(1 + mine + 500, entries.size(), "no line lost");
    assertEquals(500, entries.stream().filter(e -> e.key().equals("other")).count());
  }

  /** The other process of {@link #twoProcessesAppendingAtOnceGetDistinctSequenceNumbers}: FILE KEY COUNT. */
  public static final class Appender {
    public static void main(String[] args) {
      var journal = new FileJournal<>(Path.of(args[0]), Step.class);
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        journal.append(args[1], new Step.Started(args[1], i));
      }
    }
  }

  @Test
  void aJournalWritesOnAfterAnInterruptClosedItsFiles() throws Exception {
    var journal = open();
    journal.append("acme", new Step.Started("acme", 1));
    Thread interrupted = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        journal.append("acme", new Step.Done("acme"));
      } catch (RuntimeException expected) {
        // an interrupted thread's file operation closes the channel it used
      }
    });
    interrupted.start();
    interrupted.join();

    journal.append("globex", new Step.Started("globex", 1));
    assertEquals(Optional.of(new Step.Started("globex", 1)), open().latest("globex").map(Journal.Entry::event));
  }

  @Test
  void guardFilesKeptOpenAreBoundedWhateverTheNumberOfJournals() {
    for (int i = 0; i < 3 * DurableFiles.KEEP_OPEN; i++) {
      new FileJournal<>(dir.resolve("j" + i + ".jsonl"), Step.class).append("acme", new Step.Done("acme"));
    }
    assertTrue(DurableFiles.openGuards() <= DurableFiles.KEEP_OPEN, "open guards: " + DurableFiles.openGuards());
    // a guard closed to keep the bound is opened again when needed
    var first = new FileJournal<>(dir.resolve("j0.jsonl"), Step.class);
    first.append("globex", new Step.Done("globex"));
    assertEquals(2, first.entries().size());
  }
}
