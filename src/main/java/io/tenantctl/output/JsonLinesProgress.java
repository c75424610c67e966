package io.tenantctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantctl.core.ProgressEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Each event as one compact JSON object on its own line: {@code type}, {@code time} (ISO-8601, UTC), then
 * the event's fields in order. One lock around format-and-print, so lines from many threads never interleave.
 */
final class JsonLinesProgress implements ProgressDisplay {
  private final PrintWriter out;
  private final Json json;
  private final Clock clock;

  JsonLinesProgress(PrintWriter out, Json json, Clock clock) {
    this.out = out;
    this.json = json;
    this.clock = clock;
  }

  /** The name of the event's {@code type} field: stable, it is part of the documented output. */
  static String type(ProgressEvent event) {
    if (event instanceof ProgressEvent.Step) {
      return "step";
    } else if (event instanceof ProgressEvent.StackEvent) {
      return "stackEvent";
    } else if (event instanceof ProgressEvent.TenantStarted) {
      return "tenantStarted";
    } else if (event instanceof ProgressEvent.TenantDone) {
      return "tenantDone";
    } else if (event instanceof ProgressEvent.WaveProgress) {
      return "waveProgress";
    } else if (event instanceof ProgressEvent.WaveStarted) {
      return "waveStarted";
    } else if (event instanceof ProgressEvent.WaveBaking) {
      return "waveBaking";
    } else if (event instanceof ProgressEvent.WaveBaked) {
      return "waveBaked";
    } else if (event instanceof ProgressEvent.GateVerdict) {
      return "gateVerdict";
    } else if (event instanceof ProgressEvent.Halted) {
      return "halt";
    } else if (event instanceof ProgressEvent.RolledBack) {
      return "rollback";
    } else if (event instanceof ProgressEvent.RolloutSummary) {
      return "summary";
    }
    throw new IllegalArgumentException("no JSON type for " + event.getClass().getName());
  }

  /** The line for one event, without its line break. */
  String line(ProgressEvent event) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", type(event));
    node.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    JsonNode fields = json.tree(event);
    node.setAll((ObjectNode) fields);
    // derived facts a consumer would otherwise have to recompute
    if (event instanceof ProgressEvent.StackEvent e) {
      node.put("failed", e.failed());
    } else if (event instanceof ProgressEvent.TenantDone d) {
      node.put("succeeded", d.succeeded());
    } else if (event instanceof ProgressEvent.WaveProgress w) {
      node.put("waiting", w.waiting());
    }
    return json.compact(node);
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    out.println(line(event));
    out.flush();
  }

  @Override
  public synchronized void close() {
    out.flush();
  }
}
