package io.tenantctl.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small valid manifest repository in a temporary directory, for tests to break one thing in. */
final class MiniRepo {

  static final String FLEET = """
      managementAccountId: "999999999999"
      production:
        accountId: "111111111111"
        email: aws+production@example.com
      deployRole:
        name: OrganizationAccountAccessRole
      accountEmail: "aws+{tenant}@example.com"
      accountName: "tenant-{tenant}"
      organizationalUnits:
        tenants: /Tenants
        pool: /Pool
        dev: /Dev
        quarantine: /Quarantine
      region: us-east-1
      stacks:
        baseline:
          template: templates/baseline.yaml
        app:
          template: templates/app.yaml
          parameters:
            AppVersion: "1.0.0"
      baselineStack: baseline
      waves:
        - name: canary
          concurrency: 1
          tolerance: 0
          bake: 10m
        - name: general
          concurrency: 20
          tolerance: 2
      """;

  static final String ACME = """
      name: acme
      wave: canary
      """;

  final Path dir;

  MiniRepo(Path dir) {
    this.dir = dir;
    write("fleet.yaml", FLEET);
    write("templates/baseline.yaml", "Resources: {}\n");
    write("templates/app.yaml", "Resources: {}\n");
    write("tenants/acme.yaml", ACME);
  }

  MiniRepo fleet(String text) {
    return write("fleet.yaml", text);
  }

  /** The fleet file with one line replaced. */
  MiniRepo fleetReplacing(String line, String replacement) {
    if (!FLEET.contains(line)) {
      throw new IllegalArgumentException("no such line in the fleet file: " + line);
    }
    return fleet(FLEET.replace(line, replacement));
  }

  MiniRepo tenant(String fileName, String text) {
    return write("tenants/" + fileName, text);
  }

  MiniRepo write(String relative, String text) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MiniRepo delete(String relative) {
    try {
      Files.delete(dir.resolve(relative));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FleetManifests load() {
    return new ManifestLoader(dir).load(dir.resolve("fleet.yaml"), dir.resolve("tenants"));
  }

  /** All problems, rendered relative to the repository; fails when the manifests load. */
  String problems() {
    try {
      load();
    } catch (ManifestException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected the manifests to be rejected, but they loaded");
  }
}
