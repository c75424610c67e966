package io.tenantctl.cloud.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * How to reach AWS.
 *
 * @param endpoint      an emulator or a VPC endpoint; S3 then uses path-style addressing
 * @param staticKeys    access key id and secret for an emulator; otherwise the profile or default chain
 * @param http          wraps the HTTP client, e.g. to count calls or inject faults in tests
 * @param pollDelay     first delay between polls of slow operations (account creation, stacks)
 * @param callLog       where to tell of each AWS call (service, operation, status, time), with --verbose
 * @param retryLog      where to tell that the SDK retries a call, and why
 */
public record AwsSettings(
    String region,
    Optional<String> profile,
    Optional<URI> endpoint,
    Optional<StaticKeys> staticKeys,
    UnaryOperator<SdkHttpClient> http,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout,
    int maxAttempts,
    Duration pollDelay,
    Duration pollTimeout,
    Optional<Consumer<String>> callLog,
    Optional<Consumer<String>> retryLog) {

  public static AwsSettings of(String region, Optional<String> profile, Optional<URI> endpoint) {
    Optional<StaticKeys> keys = endpoint.isPresent() && profile.isEmpty() ? Optional.of(StaticKeys.EMULATOR) : Optional.empty();
    return new AwsSettings(region, profile, endpoint, keys, UnaryOperator.identity(),
        Duration.ofMinutes(2), Duration.ofSeconds(30), 10,
        endpoint.isPresent() ? Duration.ofMillis(100) : Duration.ofSeconds(2), Duration.ofMinutes(60), Optional.empty(),
        Optional.empty());
  }

  public AwsSettings withHttp(UnaryOperator<SdkHttpClient> wrapper) {
    return new AwsSettings(region, profile, endpoint, staticKeys, wrapper, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, callLog, retryLog);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        attempts, pollDelay, pollTimeout, callLog, retryLog);
  }

  /** Every AWS call is told to {@code sink} once it has ended (names and status only, never a body). */
  public AwsSettings withCallLog(Consumer<String> sink) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, Optional.of(sink), retryLog);
  }

  /** Every retry of an AWS call is told to {@code sink}: which call, which attempt, after what. */
  public AwsSettings withRetryLog(Consumer<String> sink) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, callLog, Optional.of(sink));
  }

  /** Dummy keys: an emulator accepts any. */
  public record StaticKeys(String accessKeyId, String secretAccessKey) {
    public static final StaticKeys EMULATOR = new StaticKeys("testing", "testing");

    @Override
    public String toString() {
      return "StaticKeys[" + accessKeyId + ", ****]";
    }
  }
}
