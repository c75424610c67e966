package io.tenantctl.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.manifest.TenantUniqueness.TenantFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the fleet file and every tenant manifest, checks them strictly, and returns them as records
 * with the fleet's defaults applied. It reads files only: no AWS call is made.
 *
 * <p>Every problem found is reported at once, in a {@link ManifestException}. The files are opened as
 * given (relative paths against the working directory); problems show their paths relative to the base
 * directory the loader was made with.
 */
public final class ManifestLoader {

  private static final ObjectMapper RECORDS = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path baseDir;

  /** A loader that shows paths relative to the current working directory. */
  public ManifestLoader() {
    this(Path.of(""));
  }

  /** A loader that shows paths relative to {@code baseDir}, e.g. the repository the manifests live in. */
  public ManifestLoader(Path baseDir) {
    this.baseDir = baseDir;
  }

  /**
   * Loads {@code fleetFile} and the {@code *.yaml}/{@code *.yml} files directly in {@code tenantsDir}.
   *
   * @throws ManifestException with every problem found, when there is any
   */
  public FleetManifests load(Path fleetFile, Path tenantsDir) {
    List<ManifestProblem> problems = new ArrayList<>();
    FleetDoc fleet = readFleet(fleetFile, problems).orElse(null);
    List<Path> files = tenantFiles(tenantsDir, problems);
    List<TenantFile> tenants = new ArrayList<>();
    for (Path file : files) {
      readTenant(file, fleet, problems).ifPresent(tenants::add);
    }
    TenantUniqueness.check(tenants, fleet, baseDir, problems);
    if (!problems.isEmpty()) {
      throw new ManifestException(inFileOrder(problems, fleetFile, files), baseDir);
    }
    Fleet built = fleet.toFleet(fleetFile);
    return new FleetManifests(built, tenants.stream().map(t -> t.doc().toTenant(built, t.yaml().file())).toList());
  }

  private Optional<FleetDoc> readFleet(Path file, List<ManifestProblem> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(new ManifestProblem(Source.of(file), Files.isDirectory(file)
          ? "the fleet file is a directory" : "fleet file not found",
          "create it (start from the sample fleet.yaml in the README), or give the path of your fleet file"));
      return Optional.empty();
    }
    return LocatedYaml.read(file, problems)
        .filter(yaml -> SchemaCheck.fleet().check(yaml, problems))
        .flatMap(yaml -> convert(yaml, FleetDoc.class, problems).map(doc -> {
          FleetRules.check(yaml, doc, baseDir, problems);
          return doc;
        }));
  }

  private Optional<TenantFile> readTenant(Path file, FleetDoc fleet, List<ManifestProblem> problems) {
    return LocatedYaml.read(file, problems)
        .filter(yaml -> SchemaCheck.tenant().check(yaml, problems))
        .flatMap(yaml -> convert(yaml, TenantDoc.class, problems).map(doc -> {
          TenantRules.check(yaml, doc, fleet, baseDir, problems);
          return new TenantFile(yaml, doc);
        }));
  }

  private static <T> Optional<T> convert(LocatedYaml yaml, Class<T> type, List<ManifestProblem> problems) {
    try {
      return Optional.of(RECORDS.treeToValue(yaml.root(), type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(new ManifestProblem(Source.of(yaml.file()), "cannot read the manifest: " + e.getMessage(),
          "check its values against the schema in schema/"));
      return Optional.empty();
    }
  }

  private List<Path> tenantFiles(Path dir, List<ManifestProblem> problems) {
    if (!Files.isDirectory(dir)) {
      problems.add(new ManifestProblem(Source.of(dir), Files.exists(dir)
          ? "the tenants directory is a file" : "tenants directory not found",
          "create the directory and put one <name>.yaml file per tenant in it"));
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> manifests = entries.filter(ManifestLoader::isManifest)
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      for (Path entry : manifests) {
        if (!Files.isRegularFile(entry)) {
          // never dropped in silence: --all would leave the tenant out
          problems.add(new ManifestProblem(Source.of(entry), "this tenant manifest is " + notAFile(entry)
              + ", so it cannot be read", "make it a regular file (or a link to one), or remove it"));
        }
      }
      return manifests.stream().filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      problems.add(new ManifestProblem(Source.of(dir), "cannot list the tenants directory: " + e.getMessage(),
          "check that it is readable"));
      return List.of();
    }
  }

  private static String notAFile(Path entry) {
    if (Files.isSymbolicLink(entry)) {
      try {
        entry.toRealPath();
        return "a symbolic link to something that is not a file";
      } catch (java.nio.file.FileSystemException e) {
        return e.getReason() != null && e.getReason().contains("many levels") ? "a symbolic link loop"
            : "a dangling symbolic link (its target does not exist)";
      } catch (IOException e) {
        return "a dangling symbolic link (its target does not exist)";
      }
    }
    return Files.isDirectory(entry) ? "a directory" : "not a regular file (a device or a pipe)";
  }

  /** Editors' hidden temporary files are skipped along with anything that is not YAML. */
  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static List<ManifestProblem> inFileOrder(List<ManifestProblem> problems, Path fleetFile,
      List<Path> tenantFiles) {
    Map<Path, Integer> rank = new HashMap<>();
    rank.put(fleetFile, 0);
    for (int i = 0; i < tenantFiles.size(); i++) {
      rank.put(tenantFiles.get(i), i + 1);
    }
    return problems.stream().sorted(Comparator
            .comparing((ManifestProblem p) -> rank.getOrDefault(p.where().file(), tenantFiles.size() + 1))
            .thenComparingInt(p -> p.where().line())
            .thenComparingInt(p -> p.where().column()))
        .toList();
  }
}
