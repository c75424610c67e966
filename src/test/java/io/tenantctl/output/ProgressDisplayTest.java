package io.tenantctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.core.ProgressEvent.StackEvent;
import io.tenantctl.core.ProgressEvent.Step;
import io.tenantctl.core.ProgressEvent.TenantDone;
import io.tenantctl.core.ProgressEvent.TenantStarted;
import io.tenantctl.core.ProgressEvent.WaveProgress;
import io.tenantctl.core.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter writer = new PrintWriter(text);
  private final TestClock clock = new TestClock("2026-11-23T10:42:07Z");

  private static final List<ProgressEvent> BATCH = List.of(
      new WaveProgress("canary", 2, 0, 0, 0),
      new TenantStarted("acme"),
      new TenantStarted("globex-international"),
      new Step("acme", "creating stack in eu-west-1"),
      new StackEvent("acme", "stack", "baseline", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", Optional.empty()),
      new StackEvent("globex-international", "stack", "Key", "AWS::KMS::Key", "CREATE_FAILED", Optional.of("denied")),
      new TenantDone("acme", "created", Optional.empty()),
      new TenantDone("globex-international", "", Optional.of("stack baseline: Key CREATE_FAILED: denied")),
      new WaveProgress("canary", 2, 1, 1, 0));

  private List<String> lines() {
    return text.toString().lines().toList();
  }

  // ---- the factory

  @Test
  void aConsoleWithAnOrdinaryTermIsLiveInColour() {
    assertEquals(new Terminal(true, true, 80), Terminal.detect(true, Map.of("TERM", "xterm-256color")));
    assertInstanceOf(LiveProgress.class, display(Terminal.detect(true, Map.of("TERM", "xterm"))));
  }

  @Test
  void noConsoleIsPlain() {
    Terminal t = Terminal.detect(false, Map.of("TERM", "xterm"));
    assertFalse(t.interactive());
    assertFalse(t.colour());
    assertInstanceOf(PlainProgress.class, display(t));
  }

  @Test
  void aDumbTerminalIsPlain() {
    Terminal t = Terminal.detect(true, Map.of("TERM", "dumb"));
    assertFalse(t.interactive());
    assertInstanceOf(PlainProgress.class, display(t));
  }

  @Test
  void noColorKeepsTheLiveFooterWithoutColour() {
    Terminal t = Terminal.detect(true, Map.of("TERM", "xterm", "NO_COLOR", "1"));
    assertTrue(t.interactive());
    assertFalse(t.colour());
    assertTrue(Terminal.detect(true, Map.of("NO_COLOR", "")).colour(), "an empty NO_COLOR does not count (no-color.org)");
  }

  @Test
  void columnsSetsTheWidth() {
    assertEquals(132, Terminal.detect(true, Map.of("COLUMNS", "132")).width());
    assertEquals(Terminal.DEFAULT_WIDTH, Terminal.detect(true, Map.of("COLUMNS", "wide")).width());
  }

  private ProgressDisplay display(Terminal t) {
    ProgressDisplay d = ProgressDisplay.forTerminal(t, writer, new Secrets(), clock);
    d.close();
    return d;
  }

  // ---- plain lines

  @Test
  void plainLinesAreTimestampedPaddedInOrderAndHaveNoEscapes() {
    ProgressDisplay plain = ProgressDisplay.forTerminal(Terminal.none(), writer, new Secrets(), clock);
    BATCH.forEach(plain::on);
    clock.advance(Duration.ofSeconds(63));
    plain.close();
    assertEquals(List.of(
        "10:42:07  acme      creating stack in eu-west-1",
        "10:42:07  acme      baseline AWS::CloudFormation::Stack CREATE_COMPLETE",
        "10:42:07  globex-international  Key AWS::KMS::Key CREATE_FAILED: denied",
        "10:42:07  acme                  done: created",
        "10:42:07  globex-international  FAILED: stack baseline: Key CREATE_FAILED: denied",
        "10:43:10  1 succeeded, 1 failed (globex-international) in 1m03s"), lines());
    assertFalse(text.toString().contains("\u001b"));
  }

  @Test
  void plainLinesMaskSecrets() {
    Secrets secrets = new Secrets();
    secrets.add("hunter2hunter2");
    ProgressDisplay plain = ProgressDisplay.forTerminal(Terminal.none(), writer, secrets, clock);
    plain.on(new Step("acme", "password hunter2hunter2 rejected"));
    plain.close();
    assertEquals(List.of("10:42:07  acme      password **** rejected"), lines());
  }

  @Test
  void plainWithoutABatchPrintsNoSummary() {
    ProgressDisplay plain = ProgressDisplay.forTerminal(Terminal.none(), writer, new Secrets(), clock);
    plain.step("guardrail", "attached policy");
    plain.close();
    plain.close();
    assertEquals(List.of("10:42:07  guardrail  attached policy"), lines());
  }

  // ---- JSON lines

  @Test
  void jsonLinesParseAndCarryTypeTimeAndFields() throws Exception {
    ProgressDisplay json = ProgressDisplay.jsonLines(writer, new Json(new Secrets()), clock);
    BATCH.forEach(json::on);
    json.close();
    List<String> lines = lines();
    assertEquals(BATCH.size(), lines.size());
    List<String> types = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = Json.reader().readTree(line);
      types.add(node.get("type").asText());
      assertEquals("2026-11-23T10:42:07Z", node.get("time").asText());
      assertTrue(node.has("subject"), line);
    }
    assertEquals(List.of("waveProgress", "tenantStarted", "tenantStarted", "step", "stackEvent", "stackEvent",
        "tenantDone", "tenantDone", "waveProgress"), types);
    JsonNode failed = Json.reader().readTree(lines.get(7));
    assertEquals("globex-international", failed.get("subject").asText());
    assertFalse(failed.get("succeeded").asBoolean());
    assertEquals("stack baseline: Key CREATE_FAILED: denied", failed.get("failure").asText());
    assertTrue(Json.reader().readTree(lines.get(6)).get("failure").isNull());
    JsonNode stack = Json.reader().readTree(lines.get(5));
    assertEquals("Key", stack.get("logicalId").asText());
    assertTrue(stack.get("failed").asBoolean());
    assertEquals(0, Json.reader().readTree(lines.get(8)).get("waiting").asInt());
    assertTrue(lines.get(0).startsWith("{\"type\":\"waveProgress\",\"time\":"), "type first: " + lines.get(0));
  }

  @Test
  void jsonLinesFromManyThreadsNeverInterleaveAndMaskSecrets() throws Exception {
    Secrets secrets = new Secrets();
    secrets.add("pa\"ss\\word");
    ProgressDisplay json = ProgressDisplay.jsonLines(writer, new Json(secrets), clock);
    int threads = 8;
    int each = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int n = t;
      pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          json.on(new Step("tenant-" + n, "step " + i + " with pa\"ss\\word and a long tail " + "x".repeat(200)));
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    json.close();
    List<String> lines = lines();
    assertEquals(threads * each, lines.size());
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      JsonNode node = Json.reader().readTree(line);
      assertEquals("step", node.get("type").asText());
      assertTrue(node.get("message").asText().contains("with **** and"), line);
      seen.add(node.get("subject").asText() + "/" + node.get("message").asText().split(" ")[1]);
    }
    assertEquals(threads * each, seen.size());
  }

  // ---- the live display

  @Test
  void liveLinesScrollAboveAFooterRedrawnInPlaceAndCloseClearsIt() {
    LiveProgress live = new LiveProgress(writer, new Terminal(true, false, 80), new Secrets(), clock);
    live.on(new WaveProgress("canary", 2, 0, 0, 1));
    live.on(new TenantStarted("acme"));
    live.on(new Step("acme", "creating stack"));
    assertEquals("", text.toString(), "events only queue: the ticker draws");
    live.tick();
    assertEquals("10:42:07  acme      creating stack\n"
        + "canary  [>>>>>>>>>>..........]  0/2 done  1 in flight  1 waiting\n"
        + "  acme      0s  creating stack\n", text.toString());
    int before = text.toString().length();
    live.tick();
    assertEquals(before, text.toString().length(), "nothing changed, nothing drawn");
    live.on(new TenantDone("acme", "created", Optional.empty()));
    live.on(new WaveProgress("canary", 2, 1, 0, 0));
    live.tick();
    assertEquals("\r\u001b[2A\u001b[J"
        + "10:42:07  acme      done: created\n"
        + "canary  [##########..........]  1/2 done  0 in flight  1 waiting\n", text.toString().substring(before));
    int drawn = text.toString().length();
    live.close();
    assertEquals("\r\u001b[1A\u001b[J" + "10:42:07  1 succeeded in 0s\n", text.toString().substring(drawn));
  }

  @Test
  void liveRedrawsOnceASecondWhileTenantsAreInFlight() {
    LiveProgress live = new LiveProgress(writer, new Terminal(true, false, 80), new Secrets(), clock);
    live.on(new TenantStarted("acme"));
    live.tick();
    int before = text.toString().length();
    clock.advance(Duration.ofMillis(500));
    live.tick();
    assertEquals(before, text.toString().length());
    clock.advance(Duration.ofMillis(600));
    live.tick();
    assertTrue(text.toString().substring(before).endsWith("  acme      1s  started\n"), text.toString());
    live.close();
  }

  @Test
  void liveInColourMarksFailuresAndWithNoColorHasOnlyCursorMovement() {
    LiveProgress colour = new LiveProgress(writer, new Terminal(true, true, 80), new Secrets(), clock);
    BATCH.forEach(colour::on);
    colour.tick();
    colour.close();
    assertTrue(text.toString().contains(Ansi.RED + "globex-international  FAILED"), text.toString());

    StringWriter plainText = new StringWriter();
    LiveProgress noColour = new LiveProgress(new PrintWriter(plainText), new Terminal(true, false, 80),
        new Secrets(), clock);
    BATCH.forEach(noColour::on);
    noColour.tick();
    noColour.close();
    String withoutCursor = plainText.toString().replace("\r", "").replaceAll("\u001b\\[[0-9]*A\u001b\\[J", "");
    assertFalse(withoutCursor.contains("\u001b"), withoutCursor);
  }

  @Test
  void aStartedLiveDisplayDrawsOnItsOwnAndStopsOnClose() throws Exception {
    ProgressDisplay live = ProgressDisplay.forTerminal(new Terminal(true, false, 80), writer, new Secrets(), clock);
    live.on(new TenantStarted("acme"));
    live.step("acme", "creating stack");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!text.toString().contains("creating stack") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(text.toString().contains("10:42:07  acme      creating stack\n"), text.toString());
    live.close();
    String closed = text.toString();
    assertTrue(closed.endsWith("10:42:07  0 succeeded, 1 unfinished in 0s\n"), closed);
    Thread.sleep(250);
    assertEquals(closed, text.toString(), "nothing drawn after close");
  }
}
