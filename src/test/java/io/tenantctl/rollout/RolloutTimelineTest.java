package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.state.Journal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rollout's picture, read as a DOM: a 40-tenant rollout whose second wave halts on a failure and is rolled back
 * shows every tenant with its outcome, the failure's reason, the halt and the rollback; 1,000 tenants are shown by
 * outcome per wave; the file fetches nothing and runs no script.
 */
class RolloutTimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-08T01:00:00Z");
  private static final String SVG = "http://www.w3.org/2000/svg";
  private final List<Journal.Entry<RolloutEvent>> entries = new ArrayList<>();
  private long clock;

  private void step(long seconds, String key, RolloutEvent event) {
    clock += seconds;
    entries.add(new Journal.Entry<>(entries.size() + 1, T0.plusSeconds(clock), key, event));
  }

  private static RolloutEvent.PlannedWave wave(String name, List<String> tenants, Duration bake) {
    return new RolloutEvent.PlannedWave(name, tenants, 5, "0", 0, bake, !bake.isZero(), List.of("app-5xx"), "",
        false, false);
  }

  /** canary t01..t02 deployed and baked; early t03..t12 with t07 failing: halt, then t01..t12 but t07 put back. */
  List<Journal.Entry<RolloutEvent>> haltedAndRolledBack(int count) {
    List<String> all = IntStream.rangeClosed(1, count).mapToObj(i -> String.format("t%02d", i)).toList();
    var canary = wave("canary", all.subList(0, 2), Duration.ofMinutes(10));
    var early = wave("early", all.subList(2, 12), Duration.ZERO);
    var general = wave("general", all.subList(12, count), Duration.ZERO);
    step(0, "plan", new RolloutEvent.Planned("r-1", "app", "all tenants", List.of(canary, early, general), true, T0));
    step(1, "wave:canary", new RolloutEvent.WaveStarted("canary"));
    for (String t : canary.tenants()) {
      step(1, "tenant:" + t, new RolloutEvent.TenantStarted("canary", t));
      step(0, "tenant:" + t, new RolloutEvent.PreviousRecorded(t, "tenantctl-" + t + "-app", "us-east-1", true, "k",
          Map.of()));
      step(40, "tenant:" + t, new RolloutEvent.TenantDeployed(t, "deployed"));
    }
    step(1, "wave:canary", new RolloutEvent.WaveDeployed("canary", 0));
    step(1, "bake:canary", new RolloutEvent.BakeStarted("canary", T0.plusSeconds(clock + 600)));
    step(300, "gate:canary", new RolloutEvent.GateVerdict("canary", "green", List.of(), ""));
    step(300, "bake:canary", new RolloutEvent.WaveBaked("canary"));
    step(1, "wave:early", new RolloutEvent.WaveStarted("early"));
    for (String t : early.tenants()) {
      step(1, "tenant:" + t, new RolloutEvent.TenantStarted("early", t));
      step(0, "tenant:" + t, new RolloutEvent.PreviousRecorded(t, "tenantctl-" + t + "-app", "us-east-1", true, "k",
          Map.of()));
      step(30, "tenant:" + t, t.equals("t07") ? new RolloutEvent.TenantFailed(t, "UPDATE_ROLLBACK_COMPLETE: Queue"
          + " <AppQueue> already exists") : new RolloutEvent.TenantDeployed(t, "deployed"));
    }
    step(1, "wave:early", new RolloutEvent.WaveDeployed("early", 1));
    step(1, "halt", new RolloutEvent.Halted("early", "1 failure(s), tolerance 0"));
    List<String> changed = all.subList(0, 12).stream().filter(t -> !t.equals("t07")).toList();
    step(1, "rollback", new RolloutEvent.RollbackStarted(changed));
    for (String t : changed) {
      step(1, "restore:" + t, new RolloutEvent.TenantRestoring(t));
      step(20, "restore:" + t, new RolloutEvent.TenantRestored(t));
    }
    step(1, "finish", new RolloutEvent.Finished(RolloutState.of("rolled-back")));
    return entries;
  }

  private static Document dom(String html) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document doc, String name) {
    NodeList list = doc.getElementsByTagNameNS(SVG, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static String title(Element e) {
    return e.getElementsByTagNameNS(SVG, "title").item(0).getTextContent();
  }

  @Test
  void everyTenantShowsItsOutcomeTheFailureItsReasonAndTheHaltAndRollbackAreMarked() throws Exception {
    String html = RolloutTimeline.html(haltedAndRolledBack(40));
    Document doc = dom(html);

    Map<String, Element> tenants = new HashMap<>();
    elements(doc, "g").stream().filter(g -> g.hasAttribute("data-tenant"))
        .forEach(g -> tenants.put(g.getAttribute("data-tenant"), g));
    assertEquals(40, tenants.size());
    assertEquals("failed", tenants.get("t07").getAttribute("data-state"));
    assertEquals("early", tenants.get("t07").getAttribute("data-wave"));
    String failed = title((Element) tenants.get("t07").getElementsByTagNameNS(SVG, "rect").item(0));
    assertTrue(failed.contains("t07, stack tenantctl-t07-app, wave early: failed in 30s: UPDATE_ROLLBACK_COMPLETE:"
        + " Queue <AppQueue> already exists"), failed);
    // a rolled-back tenant: its deploy and its restore, two bars on its row
    assertEquals("restored", tenants.get("t03").getAttribute("data-state"));
    var t03 = tenants.get("t03").getElementsByTagNameNS(SVG, "rect");
    assertEquals(2, t03.getLength());
    assertTrue(title((Element) t03.item(1)).contains("restored in 20s"), title((Element) t03.item(1)));
    // never started: a row without a bar
    assertEquals("waiting", tenants.get("t40").getAttribute("data-state"));
    assertEquals(0, tenants.get("t40").getElementsByTagNameNS(SVG, "rect").getLength());

    var halt = elements(doc, "line").stream().filter(l -> l.getAttribute("class").equals("halt")).toList();
    assertEquals(1, halt.size());
    assertEquals("halted at wave early: 1 failure(s), tolerance 0", title(halt.get(0)));
    var rollback = elements(doc, "line").stream().filter(l -> l.getAttribute("class").equals("rollback")).toList();
    assertTrue(title(rollback.get(0)).startsWith("rollback of 11 tenant(s): t01, t02, t03"), title(rollback.get(0)));
    assertTrue(Double.parseDouble(rollback.get(0).getAttribute("x1")) > Double.parseDouble(halt.get(0)
        .getAttribute("x1")));
    assertTrue(elements(doc, "rect").stream().anyMatch(r -> r.getAttribute("class").equals("bake")
        && title(r).equals("bake of wave canary (10m00s)")));
    assertTrue(elements(doc, "line").stream().anyMatch(l -> l.getAttribute("class").equals("gate green")));
    assertTrue(html.contains("halted at wave <b>early</b>"), html);

    // self-contained: no script, nothing fetched
    assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href="), html);
    assertFalse(html.replace("http://www.w3.org/1999/xhtml", "").replace(SVG, "").contains("http"), html);
  }

  @Test
  void aThousandTenantsAreShownByOutcomePerWave() throws Exception {
    Document doc = dom(RolloutTimeline.html(haltedAndRolledBack(1000)));

    assertTrue(elements(doc, "g").stream().noneMatch(g -> g.hasAttribute("data-tenant")));
    var counts = elements(doc, "rect").stream().filter(r -> r.hasAttribute("data-count")).toList();
    assertEquals(1000, counts.stream().mapToInt(r -> Integer.parseInt(r.getAttribute("data-count"))).sum());
    assertTrue(counts.stream().anyMatch(r -> r.getAttribute("data-state").equals("failed")
        && r.getAttribute("data-count").equals("1") && title(r).equals("1 failed in wave early")));
    assertTrue(counts.stream().anyMatch(r -> r.getAttribute("data-state").equals("waiting")
        && r.getAttribute("data-count").equals("988")));
  }

  @Test
  void textFromTheJournalIsEscaped() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", RolloutTimeline.esc("a <b> & \"c\"\u0001"));
  }
}
