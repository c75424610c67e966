package io.tenantctl;

import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The training run of the class-data archive ({@code -XX:ArchiveClassesAtExit}): in one JVM, the commands people
 * start most that make no AWS call — help, version, completion and {@code validate} of a fleet — so that the archive
 * holds the classes they load. {@code mvn package} runs it on the repository's sample fleet; the release archive on
 * the sample it ships. A command that would reach the cloud fails here instead of calling AWS.
 *
 * <p>Usage: {@code StartupTraining DIR}, DIR holding {@code fleet.yaml} and {@code tenants/}. Exit 0 when every
 * command answered as expected, 1 otherwise (the archive would then miss classes: the build says so).
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** The commands, each with the exit code it must give. */
  static List<Map.Entry<List<String>, Integer>> commands(Path dir) {
    String fleet = dir.resolve("fleet.yaml").toString();
    String tenants = dir.resolve("tenants").toString();
    return List.of(
        Map.entry(List.of("--help"), 0),
        Map.entry(List.of("--version"), 0),
        Map.entry(List.of("validate", "--help"), 0),
        Map.entry(List.of("rollout", "start", "--help"), 0),
        Map.entry(List.of("completion", "bash"), 0),
        Map.entry(List.of("validate", "--fleet", fleet, "--tenants", tenants), 0),
        Map.entry(List.of("validate", "--fleet", fleet, "--tenants", tenants, "--output", "json"), 0),
        // a usage error and a manifest error: the error paths load classes of their own
        Map.entry(List.of("validate", "--no-such-option"), 2),
        Map.entry(List.of("validate", "--fleet", dir.resolve("no-such-fleet.yaml").toString()), 2));
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: StartupTraining DIR (with fleet.yaml and tenants/)");
      System.exit(2);
    }
    Function<AwsSettings, Cloud> noCloud = aws -> {
      throw new IllegalStateException("the training run makes no AWS call");
    };
    var launch = new Launch(Map.of(), noCloud);
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int failed = 0;
    for (var command : commands(Path.of(args[0]))) {
      int code = TenantCtl.run(launch, discard, discard, command.getKey().toArray(String[]::new));
      if (code != command.getValue()) {
        System.err.println("training: tenantctl " + String.join(" ", command.getKey()) + " exited " + code
            + ", expected " + command.getValue());
        failed++;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
