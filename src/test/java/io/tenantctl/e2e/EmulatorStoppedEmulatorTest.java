package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The emulator goes away in the middle of {@code create}: the wire refuses every connection from the 25th call on,
 * as a stopped moto does. The run stops at once with exit 1 and what to do; once the emulator is back, the same
 * command converges on one account.
 */
@EmulatorTest
class EmulatorStoppedEmulatorTest {
  @TempDir Path repo;

  @Test
  void anEmulatorStoppedMidRunIsExitOneWithWhatToDoAndARerunConverges(URI aws) throws Exception {
    var cli = Cli.onSamples(repo);
    var boot = cli.run(aws, "bootstrap", "--create-organization");
    assertEquals(0, boot.exitCode(), boot::toString);

    AtomicBoolean stopped = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    var stopping = Cli.in(repo).withClouds(s -> new AwsCloud(s.withHttp(inner -> new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (calls.incrementAndGet() >= 25) {
          stopped.set(true);
        }
        ExecutableHttpRequest real = inner.prepareRequest(request);
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() throws IOException {
            if (stopped.get()) {
              throw new ConnectException("Connection refused");
            }
            return real.call();
          }

          @Override
          public void abort() {
            real.abort();
          }
        };
      }

      @Override
      public void close() {
        inner.close();
      }
    })));

    var r = stopping.run(aws, "create", "acme", "--yes");

    assertTrue(stopped.get(), "the wire stopped answering during the run: " + calls);
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("nothing answers at " + aws + " (connection refused)"), r::toString);
    assertTrue(r.err().contains("fix: is the emulator stopped? `tenantctl emulator start`"), r::toString);
    assertFalse(r.err().contains("internal error"), r::toString);

    var again = Cli.in(repo).run(aws, "create", "acme", "--yes");
    assertEquals(0, again.exitCode(), again::toString);
    try (var raw = new RawAws(aws)) {
      assertEquals(1, raw.accountsWithEmail("aws+acme@example.com").size(), "one account after the re-run");
    }
  }
}
