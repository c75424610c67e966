package io.tenantctl.state;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * How state is written as JSON by every backend: times and durations as ISO-8601 text, and the events of a sealed
 * interface with a {@code type} property (a record's {@code @JsonTypeName}, else its simple name).
 */
public final class StateJson {
  private StateJson() {}

  private static final ObjectMapper PLAIN = create();
  private static final java.util.Map<Class<?>, ObjectMapper> FOR_EVENTS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The mapper for plain state documents (records, locks). Shared, as are those of {@link #mapperFor}: a mapper
   * learns how to write a type once, and every store of the process profits. Not to be configured further.
   */
  public static ObjectMapper mapper() {
    return PLAIN;
  }

  /** The mapper that reads and writes {@code events}, a sealed interface, with a {@code type} property. */
  public static ObjectMapper mapperFor(Class<?> events) {
    if (!events.isSealed()) {
      throw new IllegalArgumentException(events.getName() + " must be a sealed interface of event records");
    }
    return FOR_EVENTS.computeIfAbsent(events, e -> {
      ObjectMapper mapper = create().addMixIn(e, TypeProperty.class);
      for (Class<?> type : e.getPermittedSubclasses()) {
        mapper.registerSubtypes(new NamedType(type, typeName(type)));
      }
      return mapper;
    });
  }

  private static ObjectMapper create() {
    return new ObjectMapper()
        .registerModule(new SimpleModule("iso-times")
            .addSerializer(Instant.class, text(Instant::toString))
            .addDeserializer(Instant.class, parsed(Instant::parse))
            .addSerializer(Duration.class, text(Duration::toString))
            .addDeserializer(Duration.class, parsed(Duration::parse)))
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  static String typeName(Class<?> type) {
    JsonTypeName name = type.getAnnotation(JsonTypeName.class);
    return name != null ? name.value() : type.getSimpleName();
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface TypeProperty {}

  private static <T> JsonSerializer<T> text(Function<T, String> format) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(format.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> parsed(Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return parse.apply(p.getValueAsString());
      }
    };
  }
}
