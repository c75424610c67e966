package io.tenantctl.output;

import java.util.ArrayList;
import java.util.List;

/** Text in pieces with an optional colour each, cut to a width by its visible characters. */
final class Ansi {
  static final String RESET = "\u001b[0m";
  static final String DIM = "\u001b[2m";
  static final String BOLD = "\u001b[1m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String CYAN = "\u001b[36m";

  /** Cursor to the start of the line {@code lines} up, then clear from there to the end of the screen. */
  static String eraseUp(int lines) {
    return lines == 0 ? "\r\u001b[J" : "\r\u001b[" + lines + "A\u001b[J";
  }

  private record Piece(String text, String style) {}

  private final List<Piece> pieces = new ArrayList<>();

  Ansi add(String text) {
    return add(text, null);
  }

  Ansi add(String text, String style) {
    pieces.add(new Piece(text, style));
    return this;
  }

  /** At most {@code width} visible characters, ending in an ellipsis when cut; escapes only when {@code colour}. */
  String render(int width, boolean colour) {
    int length = pieces.stream().mapToInt(p -> p.text().length()).sum();
    int budget = length <= width ? length : Math.max(0, width - 1);
    StringBuilder b = new StringBuilder();
    for (Piece p : pieces) {
      if (budget <= 0) {
        break;
      }
      String text = p.text().length() <= budget ? p.text() : p.text().substring(0, budget);
      budget -= text.length();
      if (colour && p.style() != null && !text.isEmpty()) {
        b.append(p.style()).append(text).append(RESET);
      } else {
        b.append(text);
      }
    }
    if (length > width && width > 0) {
      b.append('…');
    }
    return b.toString();
  }
}
