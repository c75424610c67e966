package io.tenantctl.state.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.state.Records;
import io.tenantctl.state.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link Records} as one JSON file per key under a directory ({@code a/b} is {@code a/b.json}). */
final class FileRecords implements Records {
  private static final String SUFFIX = ".json";
  private final Path dir;
  private final ObjectMapper json = StateJson.mapper();

  FileRecords(Path dir) {
    this.dir = dir;
  }

  @Override
  public void put(String key, Object document) {
    try {
      DurableFiles.replace(file(key), json.writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write record " + key, e);
    }
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    Path file = file(key);
    try {
      return Files.exists(file) ? Optional.of(json.readValue(file.toFile(), type)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read record " + key + " (" + file + ")", e);
    }
  }

  @Override
  public List<String> keys(String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
          .filter(k -> k.endsWith(SUFFIX) && !k.substring(k.lastIndexOf('/') + 1).startsWith("."))
          .map(k -> k.substring(0, k.length() - SUFFIX.length()))
          .filter(k -> k.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list records under " + dir, e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      return DurableFiles.delete(file(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete record " + key, e);
    }
  }

  private Path file(String key) {
    return dir.resolve(io.tenantctl.state.StateNames.record(key) + SUFFIX);
  }
}
