package io.tenantctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.ProgressEvent.StackEvent;
import io.tenantctl.core.ProgressEvent.Step;
import io.tenantctl.core.ProgressEvent.TenantDone;
import io.tenantctl.core.ProgressEvent.TenantStarted;
import io.tenantctl.core.ProgressEvent.WaveProgress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FooterTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:42:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void nothingHappenedIsNoFooter() {
    assertEquals(List.of(), Footer.render(new ProgressState(), T0, 80, false, 10));
    ProgressState steps = new ProgressState().apply(new Step("guardrail", "attached policy"), T0);
    assertEquals(List.of(), Footer.render(steps, T0, 80, false, 10), "steps outside a batch only scroll");
  }

  @Test
  void aWaveWithTenantsInFlight() {
    ProgressState state = new ProgressState()
        .apply(new WaveProgress("canary", 4, 0, 0, 0), at(0))
        .apply(new TenantStarted("acme"), at(0))
        .apply(new TenantStarted("globex"), at(2))
        .apply(new WaveProgress("canary", 4, 0, 0, 2), at(2))
        .apply(new StackEvent("acme", "baseline", "baseline", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS",
            Optional.empty()), at(3))
        .apply(new Step("globex", "creating stack in eu-west-1"), at(4));
    assertEquals(List.of(
        "canary  [>>>>>>>>>>..........]  0/4 done  2 in flight  2 waiting",
        "  acme     1m05s  baseline  UPDATE_IN_PROGRESS",
        "  globex   1m03s  creating stack in eu-west-1"), Footer.render(state, at(65), 80, false, 10));
  }

  @Test
  void theBarShowsDoneFailedInFlightAndWaitingAndFillsItsWidth() {
    ProgressState state = new ProgressState()
        .apply(new WaveProgress("wave-2", 20, 10, 2, 4), T0);
    String line = Footer.render(state, T0, 80, false, 10).get(0);
    assertEquals("wave-2  [##########xx>>>>....]  10/20 done  2 failed  4 in flight  4 waiting", line);
    for (int total : List.of(1, 3, 7, 19, 1000)) {
      String bar = Footer.render(new ProgressState().apply(new WaveProgress("w", total, total / 3, 1, 1), T0),
          T0, 80, false, 10).get(0);
      assertEquals(20, bar.substring(bar.indexOf('[') + 1, bar.indexOf(']')).length(), bar);
    }
  }

  @Test
  void failuresAreRedWithColourAndTheTroubledTenantToo() {
    ProgressState state = new ProgressState()
        .apply(new WaveProgress("canary", 2, 0, 1, 1), T0)
        .apply(new TenantStarted("acme"), T0)
        .apply(new StackEvent("acme", "stack", "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", Optional.of("denied")), T0);
    List<String> lines = Footer.render(state, T0, 80, true, 10);
    assertTrue(lines.get(0).contains(Ansi.RED + "1 failed" + Ansi.RESET), lines.get(0));
    assertTrue(lines.get(0).contains(Ansi.GREEN) || lines.get(0).contains(Ansi.RED + "█"), lines.get(0));
    assertTrue(lines.get(1).contains(Ansi.RED + "stack Bucket  CREATE_FAILED" + Ansi.RESET), lines.get(1));
  }

  @Test
  void withoutColourThereIsNoEscapeAtAll() {
    ProgressState state = new ProgressState()
        .apply(new WaveProgress("canary", 2, 0, 1, 1), T0)
        .apply(new TenantStarted("acme"), T0)
        .apply(new StackEvent("acme", "stack", "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", Optional.of("denied")), T0);
    for (String line : Footer.render(state, T0, 80, false, 10)) {
      assertFalse(line.contains("\u001b"), line);
    }
  }

  @Test
  void manyTenantsInFlightAreCountedAndEveryLineFitsTheWidth() {
    ProgressState state = new ProgressState().apply(new WaveProgress("the-very-large-main-wave", 900, 120, 3, 50), T0);
    for (int i = 0; i < 50; i++) {
      state.apply(new TenantStarted("tenant-with-a-long-name-" + i), T0.plusSeconds(i));
      state.apply(new StackEvent("tenant-with-a-long-name-" + i, "stack", "application-stack-with-long-name",
          "AWS::CloudFormation::Stack", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", Optional.empty()), T0);
    }
    for (boolean colour : List.of(false, true)) {
      List<String> lines = Footer.render(state, T0.plusSeconds(100), 60, colour, 10);
      assertEquals(1 + 10, lines.size(), "one wave, nine tenants and the rest counted");
      assertTrue(lines.get(1).startsWith("  " + (colour ? Ansi.BOLD : "") + "tenant-with-a-long-name-0 "), lines.get(1));
      assertEquals("  … and 41 more in flight", visible(lines.get(10)));
      for (String line : lines) {
        assertTrue(visible(line).length() <= 59, "cut to width - 1: " + visible(line));
      }
      assertTrue(visible(lines.get(0)).endsWith("…"), lines.get(0));
    }
  }

  @Test
  void aBatchWithoutWavesShowsItsTotals() {
    ProgressState state = new ProgressState()
        .apply(new TenantStarted("acme"), T0)
        .apply(new TenantStarted("globex"), T0)
        .apply(new TenantStarted("initech"), T0)
        .apply(new TenantDone("acme", "created", Optional.empty()), T0)
        .apply(new TenantDone("globex", "", Optional.of("account limit reached")), T0);
    assertEquals(List.of("1 done  1 failed  1 in flight", "  initech      0s  started"),
        Footer.render(state, T0, 80, false, 10));
  }

  @Test
  void theLatestWavesAreShown() {
    ProgressState state = new ProgressState();
    for (int i = 1; i <= 6; i++) {
      state.apply(new WaveProgress("w" + i, 10, 10, 0, 0), T0);
    }
    List<String> lines = Footer.render(state, T0, 80, false, 10);
    assertEquals(Footer.MAX_WAVES, lines.size());
    assertTrue(lines.get(0).startsWith("w3 "), lines.get(0));
  }

  @Test
  void elapsedTimes() {
    assertEquals("0s", Footer.elapsed(java.time.Duration.ZERO));
    assertEquals("59s", Footer.elapsed(java.time.Duration.ofSeconds(59)));
    assertEquals("3m05s", Footer.elapsed(java.time.Duration.ofSeconds(185)));
    assertEquals("1h02m", Footer.elapsed(java.time.Duration.ofMinutes(62)));
  }

  static String visible(String line) {
    return line.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
  }
}
