package io.tenantctl.cli;

import io.tenantctl.core.Secrets;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Masks this run's secret values in everything the CLI prints, line by line. */
public final class RedactingWriter extends FilterWriter {
  private final Secrets secrets;
  private final StringBuilder line = new StringBuilder();

  public RedactingWriter(Writer out, Secrets secrets) {
    super(out);
    this.secrets = secrets;
  }

  @Override
  public synchronized void write(int c) throws IOException {
    line.append((char) c);
    if (c == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void write(char[] cbuf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(cbuf[i]);
    }
  }

  @Override
  public synchronized void write(String str, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(str.charAt(i));
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    flushLine();
    super.flush();
  }

  private void flushLine() throws IOException {
    if (line.length() > 0) {
      out.write(secrets.redact(line.toString()));
      line.setLength(0);
    }
  }
}
