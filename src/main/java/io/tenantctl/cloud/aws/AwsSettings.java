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
 * @param stuckAfter    on the local emulator only: how long a stack may stay in progress with no new event before
 *                      it is taken for failed (the emulator can leave a failed create in progress for good)
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
    Optional<Consumer<String>> retryLog,
    Optional<Duration> stuckAfter) {

  /** What the emulator gets to move a stack in progress before it is taken for failed. */
  public static final Duration EMULATOR_STUCK_AFTER = Duration.ofSeconds(60);

  public static AwsSettings of(String region, Optional<String> profile, Optional<URI> endpoint) {
    Optional<StaticKeys> keys = endpoint.isPresent() && profile.isEmpty() ? Optional.of(StaticKeys.EMULATOR) : Optional.empty();
    return new AwsSettings(region, profile, endpoint, keys, UnaryOperator.identity(),
        Duration.ofMinutes(2), Duration.ofSeconds(30), 10,
        endpoint.isPresent() ? Duration.ofMillis(100) : Duration.ofSeconds(2), Duration.ofMinutes(60), Optional.empty(),
        Optional.empty(), keys.map(k -> EMULATOR_STUCK_AFTER));
  }

  /**
   * Whether this is the local emulator: an endpoint reached with its dummy keys (no profile). An endpoint given
   * with a profile (a VPC endpoint, say) is AWS.
   */
  public boolean emulator() {
    return staticKeys.filter(StaticKeys.EMULATOR::equals).isPresent();
  }

  /** On the emulator, a stack unmoved this long is taken for failed (tests shorten it); elsewhere nothing changes. */
  public AwsSettings withStuckAfter(Duration after) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, callLog, retryLog, emulator() ? Optional.of(after) : Optional.empty());
  }

  public AwsSettings withHttp(UnaryOperator<SdkHttpClient> wrapper) {
    return new AwsSettings(region, profile, endpoint, staticKeys, wrapper, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, callLog, retryLog, stuckAfter);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        attempts, pollDelay, pollTimeout, callLog, retryLog, stuckAfter);
  }

  /** Every AWS call is told to {@code sink} once it has ended (names and status only, never a body). */
  public AwsSettings withCallLog(Consumer<String> sink) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, Optional.of(sink), retryLog, stuckAfter);
  }

  /** Every retry of an AWS call is told to {@code sink}: which call, which attempt, after what. */
  public AwsSettings withRetryLog(Consumer<String> sink) {
    return new AwsSettings(region, profile, endpoint, staticKeys, http, apiCallTimeout, apiCallAttemptTimeout,
        maxAttempts, pollDelay, pollTimeout, callLog, Optional.of(sink), stuckAfter);
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
