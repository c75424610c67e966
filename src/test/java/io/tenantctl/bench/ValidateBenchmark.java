package io.tenantctl.bench;

import io.tenantctl.testing.Cli;
import io.tenantctl.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code validate} of many tenants (no AWS call) with a secret stack parameter against the same without one: a
 * secret enters each stack's fingerprint only through a slow key derivation, done once per value in a run.
 */
public final class ValidateBenchmark {
  static final String SECRET = "bench-Pa55word-91c2";

  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 35;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf("validate: %d tenants, best of %d runs each (after a warm-up)%n", tenants, runs);
    long plain = best(repo(Files.createTempDirectory("tenantctl-bench"), tenants, false), runs);
    long secret = best(repo(Files.createTempDirectory("tenantctl-bench"), tenants, true), runs);
    System.out.printf("  without a secret parameter  %6d ms%n  with one                    %6d ms%n"
        + "  ratio                         %.2f (at most 1.5 expected)%n", plain, secret, (double) secret / plain);
  }

  /** Each run is a fresh launch, as a user's command is; the JVM is warm. */
  private static long best(Cli cli, int runs) {
    cli.run("validate");
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      var r = cli.run("validate");
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (r.exitCode() != 0) {
        throw new IllegalStateException("validate failed: " + r);
      }
      best = Math.min(best, ms);
    }
    return best;
  }

  /**
   * The sample fleet with {@code tenants} tenants; with {@code secret}, the app stack takes a secret parameter
   * DbPassword from {@code ${env:APP_DB_PASSWORD}}, set in the CLI's environment.
   */
  public static Cli repo(Path dir, int tenants, boolean secret) throws IOException {
    Cli.copy(Samples.fleet(), dir.resolve("fleet.yaml"));
    Cli.copyTree(Samples.templates(), dir.resolve("templates"));
    for (int i = 0; i < tenants; i++) {
      Cli.write(dir.resolve(String.format("tenants/bench%04d.yaml", i)),
          String.format("name: bench%04d%naccount:%n  ou: /Tenants/Bench%nwave: general%n", i));
    }
    if (!secret) {
      return Cli.in(dir);
    }
    Path fleet = dir.resolve("fleet.yaml");
    Files.writeString(fleet, Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:APP_DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = dir.resolve("templates/app.yaml");
    Files.writeString(app, Files.readString(app).replace("  AppVersion:\n",
        "  DbPassword:\n    Type: String\n    NoEcho: true\n  AppVersion:\n"));
    return Cli.in(dir).withEnv(Map.of("APP_DB_PASSWORD", SECRET));
  }
}
