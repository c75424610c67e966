package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small helpers: problem rendering, durations, "did you mean", hints. */
class SmallPartsTest {

  @Test
  void problemRendering() {
    ManifestProblem problem = new ManifestProblem(new Source(Path.of("tenants/acme.yaml"), 4, 3), "bad", "good");
    assertEquals("tenants/acme.yaml:4:3: bad\n  fix: good", problem.render());
    assertEquals("tenants/acme.yaml:4:3: bad\n  fix: good", problem.toString());
    assertEquals("acme.yaml:4:3: bad\n  fix: good", problem.render(Path.of("tenants")));
    assertEquals("/elsewhere/acme.yaml:1:1: bad\n  fix: good",
        new ManifestProblem(Source.of(Path.of("/elsewhere/acme.yaml")), "bad", "good").render(Path.of("/repo")));
  }

  @Test
  void anExceptionNeedsAProblem() {
    assertThrows(IllegalArgumentException.class, () -> new ManifestException(List.of(), Path.of("")));
  }

  @Test
  void durations() {
    assertEquals(Optional.of(Duration.ofSeconds(5400)), DurationText.parse("1h30m"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), DurationText.parse("30s"));
    assertEquals(Optional.empty(), DurationText.parse(""));
    assertEquals(Optional.empty(), DurationText.parse("h"));
    assertEquals(Optional.empty(), DurationText.parse("30"));
    assertEquals(Optional.empty(), DurationText.parse("1d"));
    assertEquals(Optional.empty(), DurationText.parse("30s10m"));
  }

  @Test
  void closestNames() {
    List<String> keys = List.of("name", "labels", "account", "wave", "regions", "parameters", "tags");
    assertEquals(Optional.of("wave"), ClosestName.among("wav", keys));
    assertEquals(Optional.of("account"), ClosestName.among("acount", keys));
    assertEquals(Optional.of("labels"), ClosestName.among("lables", keys));
    assertEquals(Optional.of("parameters"), ClosestName.among("Parameter", keys));
    assertEquals(Optional.empty(), ClosestName.among("owner", keys));
    assertEquals(1, ClosestName.distance("ab", "ba"));
  }

  @Test
  void hints() {
    assertEquals("did you mean \"canary\"? use one of: canary, general",
        Hints.oneOf("canery", List.of("canary", "general"), "use one of"));
    assertEquals("use one of: canary, general", Hints.oneOf("late", List.of("canary", "general"), "use one of"));
  }
}
