package io.tenantctl.app;

import java.io.Console;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Where a yes-or-no before an irreversible change comes from: a person at a terminal, or nobody (CI, a pipe),
 * or, in tests, answers given in advance.
 */
public interface Confirmation {

  /** Whether there is someone to ask. */
  boolean interactive();

  /** Asks {@code question}; true only for an explicit yes. */
  boolean confirm(String question);

  /** Nobody to ask: a change that needs a yes needs {@code --yes}. */
  static Confirmation none() {
    return new Confirmation() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public boolean confirm(String question) {
        return false;
      }
    };
  }

  /** The person at the process's terminal, who types {@code yes} (or {@code y}). */
  static Confirmation terminal(Console console) {
    return new Confirmation() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public boolean confirm(String question) {
        String line = console.readLine("%s [y/N] ", question);
        return yes(line);
      }
    };
  }

  /** Answers given in advance, one per question, as a person would type them; no answer left is a no. */
  static Confirmation answers(String... answers) {
    Deque<String> left = new ArrayDeque<>(List.of(answers));
    return new Confirmation() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public synchronized boolean confirm(String question) {
        return yes(left.poll());
      }
    };
  }

  private static boolean yes(String line) {
    String a = line == null ? "" : line.trim().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
