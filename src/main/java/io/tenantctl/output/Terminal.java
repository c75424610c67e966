package io.tenantctl.output;

import java.util.Map;

/**
 * What stderr can show: {@code interactive} when it is a terminal that understands cursor movement (a live
 * footer), {@code colour} unless {@code NO_COLOR} is set, and the {@code width} lines are cut to.
 */
public record Terminal(boolean interactive, boolean colour, int width) {
  // the narrowest common terminal: a footer line wider than the screen would wrap and break the redraw
  static final int DEFAULT_WIDTH = 80;

  public Terminal {
    if (width < 20) {
      width = 20;
    }
  }

  /** Not a terminal: plain lines, no escape sequences at all (CI, pipes, files, tests). */
  public static Terminal none() {
    return new Terminal(false, false, DEFAULT_WIDTH);
  }

  /** This process's terminal, as the JVM and the environment tell it. */
  public static Terminal detect() {
    return detect(System.console() != null, System.getenv());
  }

  /**
   * @param console whether the JVM has a console ({@code System.console() != null})
   * @param env the environment: {@code TERM=dumb} means no cursor movement, {@code NO_COLOR} (any value,
   *     see no-color.org) means no colour, {@code COLUMNS} the width when the shell exports it
   */
  public static Terminal detect(boolean console, Map<String, String> env) {
    boolean interactive = console && !"dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    boolean colour = interactive && (noColor == null || noColor.isEmpty());
    return new Terminal(interactive, colour, width(env.get("COLUMNS")));
  }

  private static int width(String columns) {
    if (columns != null) {
      try {
        return Integer.parseInt(columns.trim());
      } catch (NumberFormatException e) {
        // not a number: fall through to the default
      }
    }
    return DEFAULT_WIDTH;
  }
}
