package io.tenantctl.cloud.aws;

import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Tells when the SDK retries a call, and why (its HTTP status, or no answer), so that a slow or failing AWS is
 * not half a minute of silence. Names and status only: no request or response body is looked at.
 */
final class RetryNotice implements ExecutionInterceptor {
  private static final ExecutionAttribute<Integer> ATTEMPT = new ExecutionAttribute<>("tenantctl.attempt");
  private static final ExecutionAttribute<String> LAST = new ExecutionAttribute<>("tenantctl.lastOutcome");
  private final Consumer<String> sink;
  private final int maxAttempts;

  RetryNotice(Consumer<String> sink, int maxAttempts) {
    this.sink = sink;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Integer before = attributes.getAttribute(ATTEMPT);
    int attempt = before == null ? 1 : before + 1;
    attributes.putAttribute(ATTEMPT, attempt);
    if (attempt > 1) {
      String last = attributes.getAttribute(LAST);
      sink.accept("retrying " + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
          + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " (attempt " + attempt + " of "
          + maxAttempts + ") after " + (last == null ? "no answer (connection lost or timed out)" : last));
    }
    attributes.putAttribute(LAST, null);
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    int status = context.httpResponse().statusCode();
    // the SDK retries a 4xx only when it is throttling (or a clock skew)
    attributes.putAttribute(LAST, status >= 500 ? "a server error (HTTP " + status + ")"
        : status >= 400 ? "throttling (HTTP " + status + ")" : "HTTP " + status);
  }
}
