package io.tenantctl.output;

import java.util.ArrayList;
import java.util.List;

/** An aligned text table: columns padded to their widest cell plus two spaces; the last column is not padded. */
public final class TextTable {
  private TextTable() {}

  public static List<String> lines(List<String> header, List<? extends List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int columns = all.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    List<String> lines = new ArrayList<>(all.size());
    for (List<String> row : all) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = cell(row, i);
        b.append(cell);
        if (i < row.size() - 1) {
          b.append(" ".repeat(widths[i] + 2 - cell.length()));
        }
      }
      lines.add(b.toString().stripTrailing());
    }
    return lines;
  }

  private static String cell(List<String> row, int i) {
    String c = row.get(i);
    return c == null ? "" : c;
  }
}
