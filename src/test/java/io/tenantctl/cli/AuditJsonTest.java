package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.core.Secrets;
import io.tenantctl.isolation.live.LiveAudit;
import io.tenantctl.output.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code audit --output json} is one object: what was found, and also what was not judged or not audited. */
class AuditJsonTest {

  @Test
  void notJudgedAndNotOnboardedAreInTheJson() throws Exception {
    var report = new LiveAudit.Report(List.of(), 3, 12, Duration.ofMillis(1500), List.of("hooli"),
        List.of("account 111122223333, AWS::KMS::Key 1234abcd"), List.of());

    var json = new ObjectMapper().readTree(new Json(new Secrets()).compact(AuditCommand.AuditJson.of(report)));

    assertEquals("HOLDS", json.get("result").asText());
    assertEquals(0, json.get("breaches").size());
    assertEquals(0, json.get("acceptedExceptions").size());
    assertEquals("account 111122223333, AWS::KMS::Key 1234abcd", json.get("notJudged").get(0).get("resource").asText());
    assertEquals("NO_POLICY_RETURNED", json.get("notJudged").get(0).get("reason").asText());
    assertEquals("hooli", json.get("notOnboarded").get(0).asText());
    assertEquals(3, json.get("accounts").asInt());
    assertEquals(12, json.get("policies").asInt());
    assertEquals(1500, json.get("tookMillis").asInt());
  }
}
