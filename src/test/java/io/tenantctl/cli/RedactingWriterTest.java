package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactingWriterTest {
  @Test
  void aSecretIsMaskedWhereverItAppearsInALineEvenWrittenInPieces() {
    Secrets secrets = new Secrets();
    secrets.add("hunter2-long");
    secrets.add("hunter2-long-and-longer");
    StringWriter sink = new StringWriter();
    PrintWriter out = new PrintWriter(new RedactingWriter(sink, secrets), true);

    out.println("error: parameter value hunter2-long-and-longer is invalid");
    out.print("split: hunt");
    out.print("er2-long");
    out.println(" (done)");

    assertEquals("error: parameter value **** is invalid\nsplit: **** (done)\n",
        sink.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void shortValuesAreNotMaskedSoOrdinaryWordsSurvive() {
    Secrets secrets = new Secrets();
    secrets.add("abc");
    assertEquals("abc", secrets.redact("abc"));
  }
}
