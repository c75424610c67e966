package io.tenantctl.testing;

import io.tenantctl.TenantCtl;
import io.tenantctl.app.Confirmation;
import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.cloud.aws.AwsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** Runs the CLI in-process on a copy of a manifest repository, with captured stdout and stderr. */
public final class Cli {
  private final Path repo;
  private final Map<String, String> env;
  private Function<AwsSettings, Cloud> clouds = AwsCloud::new;
  private Confirmation confirmation = Confirmation.none();

  private Cli(Path repo, Map<String, String> env) {
    this.repo = repo;
    this.env = env;
  }

  /** A CLI over {@code repo} with an empty environment: nothing of the developer's leaks in. */
  public static Cli in(Path repo) {
    return new Cli(repo, Map.of());
  }

  /** The tests' copy of the sample fleet, tenants and templates ({@link Samples}), copied into {@code dir}. */
  public static Cli onSamples(Path dir) {
    Path samples = projectRoot().resolve(Samples.DIR);
    copy(samples.resolve("fleet.yaml"), dir.resolve("fleet.yaml"));
    copyTree(samples.resolve("tenants"), dir.resolve("tenants"));
    copyTree(samples.resolve("templates"), dir.resolve("templates"));
    return in(dir);
  }

  /** The same CLI with {@code env} as its whole environment. */
  public Cli withEnv(Map<String, String> env) {
    Cli cli = new Cli(repo, Map.copyOf(env));
    cli.clouds = clouds;
    return cli;
  }

  public Cli withClouds(Function<AwsSettings, Cloud> clouds) {
    this.clouds = clouds;
    return this;
  }

  /** A person at a terminal who gives these answers, one per question asked (none left: no). */
  public Cli answering(String... answers) {
    this.confirmation = Confirmation.answers(answers);
    return this;
  }

  /** Every cloud this CLI makes sends its HTTP through {@code tap}. */
  public Cli tapped(WireTap tap) {
    return withClouds(s -> new AwsCloud(s.withHttp(tap::wrap)));
  }

  private final java.util.concurrent.atomic.AtomicInteger cloudsRequested = new java.util.concurrent.atomic.AtomicInteger();

  /** A CLI whose every attempt to reach the cloud fails the test: proves "no AWS call". */
  public Cli forbidCloud() {
    return withClouds(s -> {
      cloudsRequested.incrementAndGet();
      throw new AssertionError("an AWS client was created, but this command must make no AWS call");
    });
  }

  /** How many times a command asked for a cloud (with {@link #forbidCloud}, each is a failure). */
  public int cloudsRequested() {
    return cloudsRequested.get();
  }

  public Path repo() {
    return repo;
  }

  public Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--fleet", repo.resolve("fleet.yaml").toString(),
        "--tenants", repo.resolve("tenants").toString()));
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  /** Runs with the given arguments only (no --fleet/--tenants added). */
  public Result runRaw(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = TenantCtl.run(new Launch(env, clouds, confirmation), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs against the emulator at {@code endpoint}. */
  public Result run(URI endpoint, String... args) {
    List<String> all = new ArrayList<>(List.of("--endpoint-url", endpoint.toString()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  public static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("pom.xml"))) {
      p = p.getParent();
    }
    return p;
  }

  public static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      files.filter(Files::isRegularFile).forEach(f -> copy(f, to.resolve(from.relativize(f).toString())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI uri(String s) {
    return URI.create(s);
  }
}
