package io.tenantctl.output;

import java.io.PrintWriter;
import java.util.List;

/** Prints a command's result to stdout: JSON, or text as lines and aligned tables. Progress goes elsewhere (stderr). */
public final class ResultPrinter {
  private final PrintWriter out;
  private final Json json;

  public ResultPrinter(PrintWriter out, Json json) {
    this.out = out;
    this.json = json;
  }

  /** The result as one indented JSON document (records, Optional, Duration, enums; secrets masked). */
  public void json(Object result) {
    print(json.pretty(result));
  }

  /** The result as one compact JSON object on one line, for JSON-lines output. */
  public void jsonLine(Object result) {
    print(json.compact(result));
  }

  public void line(String text) {
    print(text);
  }

  public void table(List<String> header, List<? extends List<String>> rows) {
    print(String.join(System.lineSeparator(), TextTable.lines(header, rows)));
  }

  private void print(String text) {
    // one println under the writer's own lock, so a result never interleaves with JSON lines on the same stream
    out.println(text);
    out.flush();
  }
}
