package io.tenantctl.core;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Polls an operation that has no SDK waiter of its own (account creation, a new account's role) with
 * the SDK's generic {@link Waiter}: exponential backoff with jitter, bounded by a timeout.
 */
public record Polling(Duration firstDelay, Duration maxDelay, Duration timeout) {

  public static Polling of(Duration firstDelay, Duration timeout) {
    return new Polling(firstDelay, firstDelay.multipliedBy(30), timeout);
  }

  /** Calls until {@code done} holds, retrying on exceptions {@code retryOn} accepts. */
  public <T> T until(Class<T> type, Supplier<T> call, Predicate<T> done, Predicate<Throwable> retryOn) {
    Waiter<T> waiter = Waiter.builder(type)
        .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(done))
        .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
        .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(retryOn))
        .overrideConfiguration(WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(firstDelay.isZero()
                ? BackoffStrategy.retryImmediately()
                : BackoffStrategy.exponentialDelay(firstDelay, maxDelay))
            .waitTimeout(timeout)
            .maxAttempts(Integer.MAX_VALUE)
            .build())
        .build();
    try {
      return waiter.run(call).matched().response().orElseThrow();
    } catch (SdkClientException e) {
      // the waiter wraps an exception no acceptor matched: that is the real failure
      if (e.getCause() instanceof RuntimeException cause && !retryOn.test(cause)) {
        throw cause;
      }
      throw new Fault(ExitCode.FAILED, "gave up waiting after " + timeout + ": " + e.getMessage(),
          "check the operation in the AWS console, then re-run: tenantctl resumes where it stopped", e);
    }
  }
}
