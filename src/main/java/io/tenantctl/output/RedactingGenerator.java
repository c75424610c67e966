package io.tenantctl.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.tenantctl.core.Secrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Masks secrets in every string value and field name before JSON escapes it: once escaped, a secret
 * containing {@code "} or {@code \} no longer appears verbatim, and a line-based redactor would miss it.
 */
final class RedactingGenerator extends JsonGeneratorDelegate {
  private final Secrets secrets;

  RedactingGenerator(JsonGenerator target, Secrets secrets) {
    // false: copyCurrentEvent and friends go through this class too, so nothing bypasses the masking
    super(target, false);
    this.secrets = secrets;
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    super.writeFieldName(secrets.redact(name));
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    writeFieldName(name.getValue());
  }

  @Override
  public void writeString(String text) throws IOException {
    super.writeString(secrets.redact(text));
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    writeString(text.getValue());
  }

  @Override
  public void writeString(Reader reader, int len) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[4096];
    int remaining = len < 0 ? Integer.MAX_VALUE : len;
    int n;
    while (remaining > 0 && (n = reader.read(buf, 0, Math.min(buf.length, remaining))) > 0) {
      b.append(buf, 0, n);
      remaining -= n;
    }
    writeString(b.toString());
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, StandardCharsets.UTF_8));
  }
}
