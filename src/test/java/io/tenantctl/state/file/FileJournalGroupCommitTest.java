package io.tenantctl.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.state.Journal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads appending at once share forces to disk: no entry is lost, doubled or numbered twice. */
class FileJournalGroupCommitTest {
  sealed interface Step {
    record Done(String tenant, int n) implements Step {}
  }

  @TempDir Path dir;

  @Test
  void concurrentAppendsAreAllKeptInOneOrder() throws Exception {
    Path file = dir.resolve("journal").resolve("rollout.jsonl");
    Journal<Step> journal = new FileJournal<>(file, Step.class);
    int threads = 16;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Journal.Entry<Step>>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String tenant = "t" + t;
        futures.add(pool.submit(() -> {
          List<Journal.Entry<Step>> mine = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            mine.add(journal.append(tenant, new Step.Done(tenant, i)));
          }
          return mine;
        }));
      }
      List<Long> seqs = new ArrayList<>();
      for (var f : futures) {
        var mine = f.get();
        assertEquals(each, mine.size());
        for (int i = 0; i < each; i++) {
          assertEquals(i, ((Step.Done) mine.get(i).event()).n(), "each thread's entries in its own order");
        }
        mine.forEach(e -> seqs.add(e.seq()));
      }
      seqs.sort(null);
      assertEquals(LongStream.rangeClosed(1, (long) threads * each).boxed().toList(), seqs, "one number each");
    } finally {
      pool.shutdownNow();
    }
    var reopened = new FileJournal<>(file, Step.class);
    assertEquals(threads * each, reopened.entries().size(), "every line is on disk");
    assertEquals(each, reopened.entries("t7").size());
    var forced = ((FileJournal<Step>) journal).forces();
    assertTrue(forced >= 1 && forced <= (long) threads * each, "at most one force per append, got " + forced);
  }

  @Test
  void aLazyAppendIsWrittenAtOnceAndForcedWithTheNextAppend() {
    Path file = dir.resolve("journal").resolve("rollout.jsonl");
    var journal = new FileJournal<>(file, Step.class);
    journal.appendLazily("a", new Step.Done("a", 1));
    journal.appendLazily("b", new Step.Done("b", 1));
    assertEquals(0, journal.forces(), "a lazy append does not wait for the disk");
    assertEquals(2, new FileJournal<>(file, Step.class).entries().size(), "but its line is in the file at once");
    journal.append("c", new Step.Done("c", 1));
    assertEquals(1, journal.forces(), "one force makes all three durable");
    journal.appendLazily("c", new Step.Done("c", 1));
    assertEquals(3, new FileJournal<>(file, Step.class).entries().size(), "a repeated step is still appended once");
  }

  @Test
  void aLazyAppendThatCannotBeWrittenFailsTheNextAppendInsteadOfBeingLostSilently() throws Exception {
    Path notADirectory = dir.resolve("journal");
    java.nio.file.Files.writeString(notADirectory, "a file where the journal's directory should be");
    var journal = new FileJournal<>(notADirectory.resolve("rollout.jsonl"), Step.class);

    journal.appendLazily("a", new Step.Done("a", 1));

    var thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> journal.append("b", new Step.Done("b", 1)));
    assertTrue(thrown.getMessage().contains("an earlier step of journal"), thrown.getMessage());
  }
}
