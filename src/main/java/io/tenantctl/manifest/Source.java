package io.tenantctl.manifest;

import java.nio.file.Path;

/** A place in a manifest file, for messages: {@code tenants/acme.yaml:4:3}. */
public record Source(Path file, int line, int column) {

  public static Source of(Path file) {
    return new Source(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
