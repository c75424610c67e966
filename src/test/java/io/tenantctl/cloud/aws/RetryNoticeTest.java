package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.testing.FaultyWire;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A retried call is told, with the attempt and why, through the SDK's real retry strategy. */
class RetryNoticeTest {

  @Test
  void eachRetryIsToldWithItsAttemptAndCause() {
    List<String> told = new CopyOnWriteArrayList<>();
    var wire = new FaultyWire(1, 0, 1.0, 0);
    var settings = AwsSettings.of("us-east-1", Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9")))
        .withHttp(wire::wrap).withMaxAttempts(3).withRetryLog(told::add);

    try (var cloud = new AwsCloud(settings)) {
      assertThrows(CloudException.class, cloud::caller);
    }

    assertEquals(List.of(
        "retrying Sts GetCallerIdentity (attempt 2 of 3) after a server error (HTTP 500)",
        "retrying Sts GetCallerIdentity (attempt 3 of 3) after a server error (HTTP 500)"), told);
  }

  @Test
  void aDroppedConnectionIsToldAsNoAnswer() {
    List<String> told = new CopyOnWriteArrayList<>();
    var wire = new FaultyWire(1, 0, 0, 1.0);
    var settings = AwsSettings.of("us-east-1", Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9")))
        .withHttp(wire::wrap).withMaxAttempts(2).withRetryLog(told::add);

    try (var cloud = new AwsCloud(settings)) {
      assertThrows(CloudException.class, cloud::caller);
    }

    assertEquals(List.of("retrying Sts GetCallerIdentity (attempt 2 of 2) after no answer (connection lost or timed out)"),
        told);
  }
}
