package io.tenantctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void columnsArePaddedToTheWidestCellAndTheLastIsNot() {
    List<String> lines = TextTable.lines(List.of("TENANT", "ACCOUNT", "STATUS"), List.of(
        List.of("acme", "111122223333", "CREATE_COMPLETE"),
        List.of("globex-international", "", "-")));
    assertEquals(List.of(
        "TENANT                ACCOUNT       STATUS",
        "acme                  111122223333  CREATE_COMPLETE",
        "globex-international                -"), lines);
  }

  @Test
  void anEmptyLastCellLeavesNoTrailingSpaces() {
    assertEquals(List.of("A    B", "xyz"), TextTable.lines(List.of("A", "B"), List.of(List.of("xyz", ""))));
  }

  @Test
  void noRowsIsJustTheHeader() {
    assertEquals(List.of("NAME  VALUE"), TextTable.lines(List.of("NAME", "VALUE"), List.of()));
  }

  @Test
  void thePrinterWritesTablesLinesAndJson() {
    StringWriter text = new StringWriter();
    ResultPrinter printer = new ResultPrinter(new PrintWriter(text), new Json(new Secrets()));
    printer.table(List.of("A", "B"), List.of(List.of("1", "2")));
    printer.line("done");
    printer.jsonLine(List.of(1, 2));
    String nl = System.lineSeparator();
    assertEquals("A  B" + nl + "1  2" + nl + "done" + nl + "[1,2]" + nl, text.toString());
  }
}
