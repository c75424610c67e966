package io.tenantctl.cloud.aws;

import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * With {@code --verbose}: one line per AWS call, after the SDK's retries — service, operation, HTTP status and
 * time. Names only: no request or response body, so no parameter value, is ever looked at.
 */
final class CallLog implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tenantctl.started");
  private final Consumer<String> sink;

  CallLog(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    sink.accept(line(attributes, String.valueOf(context.httpResponse().statusCode())));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    sink.accept(line(attributes, "failed: " + context.exception().getClass().getSimpleName()));
  }

  private static String line(ExecutionAttributes attributes, String outcome) {
    Long started = attributes.getAttribute(STARTED);
    long ms = started == null ? 0 : Duration.ofNanos(System.nanoTime() - started).toMillis();
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + outcome + " in " + ms + " ms";
  }
}
