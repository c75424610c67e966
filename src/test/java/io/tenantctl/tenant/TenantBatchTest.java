package io.tenantctl.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.core.ProgressEvent;
import io.tenantctl.manifest.Source;
import io.tenantctl.manifest.Tenant;
import io.tenantctl.sim.Steps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantBatchTest {

  static Tenant tenant(String name) {
    return new Tenant(name, Map.of(), new Tenant.TenantAccount(name + "@example.com", "/Tenants", Optional.empty()),
        "canary", List.of("us-east-1"), Map.of(), Map.of(), Source.of(Path.of("tenants", name + ".yaml")));
  }

  static List<Tenant> tenants(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> tenant(String.format("t%03d", i))).toList();
  }

  @ParameterizedTest(name = "{0} tenants, concurrency {1}")
  @CsvSource({"20, 8", "20, 1", "3, 8", "50, 50", "7, 3"})
  void neverMoreInFlightThanTheConcurrencyAndEveryTenantGetsItsOutcomeInOrder(int n, int concurrency)
      throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    var steps = new Steps();
    var result = new TenantBatch(concurrency).run("create", tenants(n), t -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return t.name().toUpperCase();
    }, r -> "did " + r, steps);

    assertTrue(peak.get() <= concurrency, "peak " + peak.get() + " > concurrency " + concurrency);
    assertEquals(tenants(n).stream().map(Tenant::name).toList(),
        result.outcomes().stream().map(TenantBatch.Outcome::tenant).toList(), "outcomes in the order given");
    assertEquals(tenants(n).stream().map(t -> t.name().toUpperCase()).toList(), result.succeeded());
    assertEquals(ExitCode.OK, result.exitCode());
    assertEquals(n, steps.events.stream().filter(e -> e instanceof ProgressEvent.TenantStarted).count());
    assertEquals(n, steps.events.stream().filter(e -> e instanceof ProgressEvent.TenantDone d && d.succeeded()).count());
    var last = steps.events.stream().filter(e -> e instanceof ProgressEvent.WaveProgress).map(e -> (ProgressEvent.WaveProgress) e)
        .filter(w -> w.inFlight() == 0 && w.done() == n).count();
    assertEquals(1, last, "exactly one progress report says the batch is finished");
  }

  @Test
  void theConcurrencyIsReallyUsed() throws Exception {
    // four tenants that each wait for all four to have started: only a batch that runs them at once finishes
    CountDownLatch allStarted = new CountDownLatch(4);
    var result = new TenantBatch(4).run("create", tenants(4), t -> {
      allStarted.countDown();
      try {
        return allStarted.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, String::valueOf, e -> { });
    assertEquals(List.of(true, true, true, true), result.succeeded());
  }

  @Test
  void oneTenantsFailureDoesNotStopTheOthersAndTheMostSevereExitCodeWins() {
    var steps = new Steps();
    var result = new TenantBatch(2).run("create", tenants(5), t -> {
      switch (t.name()) {
        case "t002" -> throw Fault.failed("t002 broke", "fix it");
        case "t004" -> throw new Fault(ExitCode.ISOLATION, "t004 breaks the one-way rule", null);
        default -> { }
      }
      return t.name();
    }, r -> r, steps);

    assertEquals(List.of("t001", "t003", "t005"), result.succeeded());
    assertEquals(List.of("t002", "t004"), result.failed().stream().map(TenantBatch.Outcome::tenant).toList());
    assertEquals(ExitCode.ISOLATION, result.exitCode());
    assertTrue(steps.events.stream().anyMatch(e -> e instanceof ProgressEvent.TenantDone d && d.subject().equals("t002")
        && d.failure().orElse("").contains("t002 broke")), steps::toString);
  }

  @Test
  void anUnexpectedExceptionIsAnInternalError() {
    var result = new TenantBatch(3).run("create", tenants(2), t -> {
      if (t.name().equals("t001")) {
        throw new IllegalStateException("bug");
      }
      return t.name();
    }, r -> r, e -> { });
    assertEquals(ExitCode.INTERNAL, result.exitCode());
    assertEquals(4, result.exitCode().code());
  }

  @Test
  void aConcurrencyBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TenantBatch(0));
  }

  @Test
  void anUnreachableEndpointStopsTheBatchSayingWhichInsteadOfRetryingTenantByTenant() {
    AtomicInteger attempted = new AtomicInteger();
    String refused = "Organizations ListAccounts failed: the endpoint cannot be reached: Unable to execute HTTP"
        + " request: Connect to 127.0.0.1:4566 failed: Connection refused";

    var result = new TenantBatch(1).run("create", tenants(10), t -> {
      attempted.incrementAndGet();
      throw new io.tenantctl.cloud.CloudException(io.tenantctl.cloud.CloudException.UNREACHABLE, refused, null);
    }, r -> "", new Steps());

    assertEquals(1, attempted.get(), "the first tenant's failure stops the rest");
    assertEquals(10, result.failed().size());
    String rest = result.outcomes().get(9).failure().orElseThrow().getMessage();
    assertTrue(rest.startsWith("not started: the batch stopped, ") && rest.contains("127.0.0.1:4566"), rest);
    assertEquals(ExitCode.FAILED, result.exitCode());
  }
}
