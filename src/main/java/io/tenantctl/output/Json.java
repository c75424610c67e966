package io.tenantctl.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tenantctl.core.Secrets;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Results as JSON: records in component order, an empty {@code Optional} as null, {@code Duration} and
 * {@code Instant} as ISO-8601 strings, enums by name. Every string value and map key is passed through
 * {@link Secrets#redact} while it is written, before JSON escaping could disguise a secret.
 */
public final class Json {
  /** Built on first use, not when a command that may print JSON starts: text output never needs it. */
  private static final class Mapper {
    private Mapper() {}

    static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      // a Path as the user typed it, not as a file: URI
      .addModule(new SimpleModule("tenantctl-output").addSerializer(Path.class, ToStringSerializer.instance))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();
  }

  private final Secrets secrets;

  public Json(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A command's result: indented, for people and for {@code jq}. */
  public String pretty(Object value) {
    return write(value, true);
  }

  /** One object on one line, for JSON lines. */
  public String compact(Object value) {
    return write(value, false);
  }

  /** The value as a tree, to add fields to before writing it; redaction happens when the tree is written. */
  JsonNode tree(Object value) {
    return Mapper.MAPPER.valueToTree(value);
  }

  /** Reads what this class wrote (tests, tools); writing goes through this class, so it is redacted. */
  public static ObjectReader reader() {
    return Mapper.MAPPER.reader();
  }

  private String write(Object value, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator raw = Mapper.MAPPER.createGenerator(text)) {
      if (pretty) {
        raw.useDefaultPrettyPrinter();
      }
      Mapper.MAPPER.writeValue(new RedactingGenerator(raw, secrets), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
