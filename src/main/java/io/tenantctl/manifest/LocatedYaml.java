package io.tenantctl.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML file read into a JSON tree that remembers, for every JSON pointer, where its key and its
 * value were written, and the text of every non-string scalar as it stood in the file.
 */
final class LocatedYaml {

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Path file;
  private final Map<String, Source> keys = new HashMap<>();
  private final Map<String, Source> values = new HashMap<>();
  private final Map<String, String> rawScalars = new HashMap<>();
  private final List<ManifestProblem> problems;
  private JsonNode root = MissingNode.getInstance();

  private LocatedYaml(Path file, List<ManifestProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Reads {@code file}; adds syntax errors, duplicate keys and aliases to {@code problems}. Empty when
   * the file cannot be read or is not valid YAML; an empty file gives a tree whose root is missing.
   */
  static Optional<LocatedYaml> read(Path file, List<ManifestProblem> problems) {
    LocatedYaml yaml = new LocatedYaml(file, problems);
    String text;
    try {
      text = text(file, problems).orElse(null);
    } catch (IOException | UncheckedIOException e) {
      problems.add(new ManifestProblem(Source.of(file), "cannot read the file: " + e.getMessage(),
          "check that it exists and is readable"));
      return Optional.empty();
    }
    if (text == null) {
      return Optional.empty();
    }
    try (YAMLParser parser = YAML.createParser(text)) {
      if (parser.nextToken() != null) {
        yaml.root = yaml.readValue(parser, "");
        if (parser.nextToken() != null) {
          problems.add(new ManifestProblem(yaml.here(parser), "the file holds more than one YAML document",
              "keep one document per file: remove the \"---\" line and everything after it"));
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(YamlSyntax.problem(file, e));
      return Optional.empty();
    } catch (MalformedInputException e) {
      problems.add(new ManifestProblem(Source.of(file), "the file is not valid UTF-8 text",
          "save it as UTF-8"));
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      problems.add(new ManifestProblem(Source.of(file), "cannot read the file: " + e.getMessage(),
          "check that it exists and is readable"));
      return Optional.empty();
    }
    return Optional.of(yaml);
  }

  /** A manifest is a few hundred lines; anything much larger is refused before it is parsed. */
  static final long MAX_BYTES = 1024 * 1024;

  /** The file's text: refused unread when over {@link #MAX_BYTES}, and when not valid UTF-8 (naming the line). */
  private static Optional<String> text(Path file, List<ManifestProblem> problems) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      problems.add(new ManifestProblem(Source.of(file), "the file is " + size + " bytes; a manifest may have at most "
          + MAX_BYTES + " (1 MiB), so it was not read", "check that this is the manifest meant; a tenant manifest"
          + " is a few dozen lines"));
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > MAX_BYTES) {
      problems.add(new ManifestProblem(Source.of(file), "the file is larger than " + MAX_BYTES + " bytes",
          "check that this is the manifest meant"));
      return Optional.empty();
    }
    var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    var in = java.nio.ByteBuffer.wrap(bytes);
    try {
      return Optional.of(decoder.decode(in).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position() && i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      problems.add(new ManifestProblem(new Source(file, line, 1), "the file is not valid UTF-8 text",
          "save it as UTF-8"));
      return Optional.empty();
    }
  }

  Path file() {
    return file;
  }

  /** The document's top-level node; {@link MissingNode} for an empty file. */
  JsonNode root() {
    return root;
  }

  /** Where the key of {@code pointer} was written; for a list item or the root, where its value starts. */
  Source keyAt(String pointer) {
    Source key = keys.get(pointer);
    return key != null ? key : valueAt(pointer);
  }

  /** Whether {@code pointer}'s key was written, even when its value was invalid and pruned. */
  boolean written(String pointer) {
    return keys.containsKey(pointer);
  }

  /** Where the value of {@code pointer} starts; falls back to the nearest written ancestor. */
  Source valueAt(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Source value = values.get(p);
      if (value != null) {
        return value;
      }
      if (p.isEmpty()) {
        return Source.of(file);
      }
    }
  }

  /** The scalar at {@code pointer} as written, for numbers, booleans and nulls. */
  Optional<String> raw(String pointer) {
    return Optional.ofNullable(rawScalars.get(pointer));
  }

  static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  private JsonNode readValue(YAMLParser parser, String pointer) throws IOException {
    values.put(pointer, here(parser));
    if (parser.isCurrentAlias()) {
      problems.add(new ManifestProblem(here(parser), "YAML aliases (*name) are not supported",
          "write the value out in full"));
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readMapping(parser, pointer);
      case START_ARRAY:
        ArrayNode list = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(parser, child(pointer, list.size())));
        }
        return list;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      default:
        rawScalars.put(pointer, parser.getText());
        return scalar(parser, token);
    }
  }

  private ObjectNode readMapping(YAMLParser parser, String pointer) throws IOException {
    ObjectNode mapping = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String child = child(pointer, key);
      Source at = here(parser);
      parser.nextToken();
      if (mapping.has(key)) {
        // Jackson's STRICT_DUPLICATE_DETECTION would stop at the first one with a less precise location.
        problems.add(new ManifestProblem(at, "duplicate key \"" + key + "\": it is already set on line "
            + keys.get(child).line(), "keep one \"" + key + ":\" line in this mapping and remove the other"));
        parser.skipChildren();
        continue;
      }
      keys.put(child, at);
      mapping.set(key, readValue(parser, child));
    }
    return mapping;
  }

  private static JsonNode scalar(YAMLParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_NUMBER_INT:
        return NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return NODES.textNode(parser.getText());
    }
  }

  private Source here(YAMLParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return new Source(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }
}
