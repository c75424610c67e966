package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.core.Progress;
import io.tenantctl.manifest.DurationText;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet file's numbers and durations, fuzzed (huge, negative, zero, fractional, overflowing, of the wrong type),
 * through the real CLI: {@code validate} answers 0 or 2 (with file and line), and what it accepts runs — rollout
 * start, pool fill, dev up, create on the simulated cloud — without an internal error (exit 4), ever.
 */
class FleetNumbersFuzzTest {
  @TempDir Path repo;

  /** Values of the wrong kind for any of the fields. */
  private static final List<String> ANY_BAD = List.of("1.5", "0.1", "1e3", "-0.0", "\"7\"", "true", "null", "[]",
      "{}", "\"\"", "1.5h", "1d", "0x10", "1_000", ".5", "+3", "~", "-1h", "10%");
  private static final List<String> COUNTS = List.of("0", "1", "2", "5", "99", "100", "101", "500", "501", "1000",
      "1001", "10000", "10001", "100000", "100001", "2147483647", "2147483648", "-1");
  private static final List<String> TOLERANCES = List.of("0", "1", "10000", "10001", "\"0%\"", "\"10%\"",
      "\"100%\"", "\"101%\"", "\"-5%\"", "\"1.5%\"", "\"%\"", "\"10\"");
  private static final List<String> DURATIONS = List.of("0s", "1s", "59s", "1h30m", "168h", "168h1s", "10080m",
      "10081m", "604800s", "8760h", "8761h", "525600m", "0h", "0m", "72h", "8h");

  private enum Kind { COUNT, TOLERANCE, DURATION }

  private record Field(String key, String sampleValue, Kind kind) {}

  // the canary's bake and the dev TTL (default and maximum alike) are what a rollout and dev up compute deadlines
  // from: listed more than once, they are fuzzed more often
  private static final List<Field> FIELDS = List.of(
      new Field("concurrency", "1", Kind.COUNT), new Field("concurrency", "5", Kind.COUNT),
      new Field("concurrency", "20", Kind.COUNT), new Field("tolerance", "0", Kind.TOLERANCE),
      new Field("tolerance", "0", Kind.TOLERANCE), new Field("tolerance", "2", Kind.TOLERANCE),
      new Field("bake", "0s", Kind.DURATION), new Field("bake", "0s", Kind.DURATION),
      new Field("bake", "0s", Kind.DURATION),
      new Field("target", "3", Kind.COUNT), new Field("maxCreatesPerRun", "3", Kind.COUNT),
      new Field("accountQuota", "10", Kind.COUNT), new Field("default", "8h", Kind.DURATION),
      new Field("max", "72h", Kind.DURATION), new Field("ttl", null, Kind.DURATION),
      new Field("ttl", null, Kind.DURATION), new Field("ttl", null, Kind.DURATION),
      new Field("fleetConcurrency", null, Kind.COUNT));

  /** A value for a field of {@code kind}: an edge, a huge or overflowing magnitude, a fraction, or the wrong kind. */
  private static String value(Kind kind, Random random) {
    int how = random.nextInt(6);
    if (how == 0) {
      return pick(random, ANY_BAD);
    }
    if (how >= 4) {
      return pick(random, kind == Kind.COUNT ? COUNTS : kind == Kind.TOLERANCE ? TOLERANCES : DURATIONS);
    }
    String huge = digits(random, 10 + random.nextInt(12));
    return switch (kind) {
      case COUNT -> how == 2 ? "-" + huge : huge + "." + digits(random, 2);
      case TOLERANCE -> how == 2 ? "\"" + digits(random, 1 + random.nextInt(4)) + "%\"" : "-" + huge;
      case DURATION -> huge + pick(random, List.of("h", "m", "s", "h0m", "h59m59s"));
    };
  }

  private static String digits(Random random, int n) {
    StringBuilder out = new StringBuilder().append(1 + random.nextInt(9));
    for (int i = 1; i < n; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  @Test
  void noValueOfTheFleetFilesNumbersAndDurationsEndsInAnInternalError() throws Exception {
    Cli.onSamples(repo);
    // no bake unless fuzzed: a bake the file allows waits on the wall clock
    String sample = Files.readString(repo.resolve("fleet.yaml")).replaceAll("bake: \\w+", "bake: 0s");
    SimCloud cloud = new SimCloud(SimConfig.seeded(23).accountCreationPolls(1).roleNotAssumableFor(1));
    SimFleet fleet = new SimFleet(cloud, repo.resolve(".tenantctl"));
    for (String t : new String[] {"acme", "globex", "initech"}) {
      fleet.onboarding().onboard(fleet.tenant(t), Progress.NONE);
    }
    Random random = new Random(20261208L);
    int accepted = 0;
    int refused = 0;
    for (int round = 0; round < 30; round++) {
      List<String> values = new ArrayList<>();
      String text = fuzzed(sample, random, values);
      Files.writeString(repo.resolve("fleet.yaml"), text);
      String context = "round " + round + " with " + values;

      Cli offline = Cli.in(repo).forbidCloud();
      var validate = offline.run("validate");
      assertTrue(Set.of(0, 2).contains(validate.exitCode()), context + "\n" + validate);
      assertEquals(0, offline.cloudsRequested(), context);
      if (validate.exitCode() == 2) {
        refused++;
        assertTrue(validate.err().contains("fleet.yaml:"), "names the file and line: " + context + "\n" + validate);
        if (round % 4 == 0) {
          // a command that reads the fleet file refuses it the same way, before any AWS call
          var start = offline.run("rollout", "start", "--stack", "app", "--yes");
          assertEquals(2, start.exitCode(), context + "\n" + start);
        }
        continue;
      }
      accepted++;
      Cli sim = Cli.in(repo).withClouds(s -> cloud);
      // what validate accepts is within the bounds: no bake longer than a week, no TTL longer than a year
      List<java.time.Duration> bakes = Pattern.compile("bake: (\\S+)").matcher(text).results()
          .flatMap(m -> DurationText.parse(m.group(1)).stream()).toList();
      assertTrue(bakes.stream().allMatch(d -> d.compareTo(DurationText.MAX_BAKE) <= 0), context);
      // the rollout itself when no bake would wait on the wall clock; else its plan, with each wave's bake
      boolean waits = bakes.stream().anyMatch(d -> !d.isZero());
      for (String[] command : List.of(
          new String[] {"rollout", "start", "--stack", "app", waits ? "--dry-run" : "--yes"},
          new String[] {"rollout", "status"},
          new String[] {"dev", "up", "--owner", "fuzz"},
          new String[] {"create", "--all", "--yes"})) {
        var r = sim.run(command);
        assertTrue(r.exitCode() != 4, String.join(" ", command) + ", " + context + "\n" + r);
      }
    }
    assertTrue(accepted >= 4 && refused >= 8, "the fuzz should both pass and fail validate: " + accepted + " accepted, "
        + refused + " refused");
  }

  /** The sample fleet with one or two of its numbers and durations replaced; {@code values} tells which. */
  private static String fuzzed(String sample, Random random, List<String> values) {
    String text = sample;
    StringBuilder extra = new StringBuilder();
    List<Field> fields = new ArrayList<>(FIELDS);
    java.util.Collections.shuffle(fields, random);
    for (Field field : fields.subList(0, 1 + random.nextInt(2))) {
      String value = value(field.kind(), random);
      values.add(field.key() + ": " + value);
      if (field.key().equals("fleetConcurrency")) {
        extra.append("concurrency: ").append(value).append('\n');
      } else if (field.key().equals("ttl")) {
        // the same for both: a default as long as the maximum is allowed, however long that is
        text = text.replaceFirst("(?m)^(\\s+default: )8h$", "$1" + Matcher.quoteReplacement(value))
            .replaceFirst("(?m)^(\\s+max: )72h$", "$1" + Matcher.quoteReplacement(value));
      } else {
        // the field's first occurrence that still holds the sample's value
        text = text.replaceFirst("(?m)^(\\s*-?\\s*" + Pattern.quote(field.key()) + ": )" + Pattern.quote(
            field.sampleValue()) + "$", "$1" + Matcher.quoteReplacement(value));
      }
    }
    return text + extra;
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
