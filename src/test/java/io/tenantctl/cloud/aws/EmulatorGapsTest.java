package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.CloudException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;

/**
 * moto answers a call it does not implement (UpdateTerminationProtection, ServiceQuotas GetServiceQuota) with its
 * web server's HTML page for HTTP 500: not retried (it was, ten times, 15 s a stack), and not sent again in the run.
 */
class EmulatorGapsTest {
  /** The page moto's web server answers with when an action raises NotImplementedError. */
  private static final String PAGE = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
      + "<h1>Internal Server Error</h1>\n";

  @Test
  void anEmulatorsPageFor500IsNotRetriedAndTheCallIsNotMadeAgainInTheRun() {
    AtomicInteger requests = new AtomicInteger();
    List<String> retries = new CopyOnWriteArrayList<>();
    var settings = AwsSettings.of("us-east-1", Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9")))
        .withHttp(inner -> answering(requests)).withMaxAttempts(10).withRetryLog(retries::add);

    try (var cloud = new AwsCloud(settings)) {
      var first = assertThrows(CloudException.class, cloud::caller);
      assertEquals("NotImplemented", first.errorCode());
      assertTrue(first.getMessage().startsWith("STS GetCallerIdentity failed: the emulator does not implement it"),
          first.getMessage());
      assertEquals(1, requests.get(), "one attempt, no retry");

      var again = assertThrows(CloudException.class, cloud::caller);
      assertEquals("NotImplemented", again.errorCode());
      assertTrue(again.getMessage().contains("not implemented by the emulator (learnt earlier in this run)"),
          again.getMessage());
      assertEquals(1, requests.get(), "learnt: no second request");
    }
    assertEquals(List.of(), retries, "no retry shown");
  }

  /** Every request answered with moto's HTML page and HTTP 500. */
  private static SdkHttpClient answering(AtomicInteger requests) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            requests.incrementAndGet();
            byte[] bytes = PAGE.getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                .response(SdkHttpFullResponse.builder().statusCode(500)
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Content-Length", String.valueOf(bytes.length)).build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public void close() {}
    };
  }
}
