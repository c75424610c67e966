package io.tenantctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A rollout's events on the live footer (a pure function of the state), as plain lines and as JSON lines. */
class RolloutProgressTest {
  private static final Instant T0 = Instant.parse("2026-11-23T14:12:00Z");

  private static final List<ProgressEvent> ROLLOUT = List.of(
      new ProgressEvent.WaveStarted("canary", 2, 1),
      new ProgressEvent.TenantStarted("acme"),
      new ProgressEvent.TenantDone("acme", "deployed", Optional.empty()),
      new ProgressEvent.WaveProgress("canary", 2, 2, 0, 0),
      new ProgressEvent.WaveBaking("canary", T0.plusSeconds(600)),
      new ProgressEvent.GateVerdict("canary", "red", List.of("111122223333/app-5xx"), ""),
      new ProgressEvent.Halted("canary", "alarm in ALARM during the bake of wave canary: 111122223333/app-5xx"),
      new ProgressEvent.RolledBack("acme", Optional.empty()),
      new ProgressEvent.RolloutSummary("r-20261123-1412-app", "app", "rolled-back", 2, 0, 0, 1));

  @Test
  void theFooterShowsTheBakeCountdownAndTheGate() {
    ProgressState state = new ProgressState();
    ROLLOUT.subList(0, 5).forEach(e -> state.apply(e, T0));
    List<String> footer = Footer.render(state, T0.plusSeconds(150), 100, false, 10);
    assertEquals(1, footer.size(), footer.toString());
    assertEquals("canary  [#########################]  2/2 done  0 in flight  0 waiting  baking 7:30 left",
        footer.get(0));
    state.apply(ROLLOUT.get(5), T0.plusSeconds(160));
    assertEquals("canary  [##############################]  2/2 done  0 in flight  0 waiting  baking 7:10 left, gate red"
        + " 111122223333/app-5xx", Footer.render(state, T0.plusSeconds(170), 200, false, 10).get(0));
    state.apply(ROLLOUT.get(6), T0.plusSeconds(170));
    assertEquals("canary  [##############################]  2/2 done  0 in flight  0 waiting  HALTED: alarm in ALARM during"
        + " the bake of wave canary: 111122223333/app-5xx", Footer.render(state, T0.plusSeconds(170), 200, false, 10)
        .get(0));
  }

  @Test
  void plainLinesSayWhatHappened() {
    ProgressLines lines = new ProgressLines(ZoneOffset.UTC, s -> s);
    List<String> shown = ROLLOUT.stream().map(e -> lines.line(e, T0)).flatMap(Optional::stream)
        .map(l -> l.text()).toList();
    assertEquals(List.of(
        "canary    wave started: 2 tenants, 1 at once",
        "acme      done: deployed",
        "canary    baking until 14:22:00 (10m00s left)",
        "canary    gate red: 111122223333/app-5xx",
        "canary    HALTED: alarm in ALARM during the bake of wave canary: 111122223333/app-5xx",
        "acme      rolled back",
        "r-20261123-1412-app  app rolled-back: 2 deployed, 0 already at the target, 0 failed, 1 rolled back"),
        shown);
    assertEquals("canary    baking until 14:42:00 (30m00s left)", new ProgressLines(ZoneOffset.UTC, s -> s)
        .line(new ProgressEvent.WaveBaking("canary", T0.plus(Duration.ofMinutes(30))), T0.plusMillis(3))
        .orElseThrow().text(), "a countdown rounds up: the event comes a moment after the deadline was set");
    assertEquals("general   wave started: 1 tenant, 20 at once", new ProgressLines(ZoneOffset.UTC, s -> s)
        .line(new ProgressEvent.WaveStarted("general", 1, 20), T0).orElseThrow().text());
  }

  @Test
  void jsonLinesNameEveryRolloutEvent() throws Exception {
    StringWriter text = new StringWriter();
    ProgressDisplay json = ProgressDisplay.jsonLines(new PrintWriter(text), new Json(new Secrets()),
        Clock.fixed(T0, ZoneOffset.UTC));
    ROLLOUT.forEach(json::on);
    List<String> types = text.toString().lines().map(l -> {
      try {
        JsonNode n = Json.reader().readTree(l);
        return n.get("type").asText();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertEquals(List.of("waveStarted", "tenantStarted", "tenantDone", "waveProgress", "waveBaking", "gateVerdict",
        "halt", "rollback", "summary"), types);
  }
}
