package io.tenantctl.cloud.aws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The calls an emulator does not implement, learnt once per run. moto answers such a call (UpdateTerminationProtection,
 * ServiceQuotas GetServiceQuota, …) with its web server's HTML page for HTTP 500, never an AWS error: that answer is
 * made a 501 (not implemented), which the SDK does not retry — ten attempts and 15 s per stack otherwise — and every
 * later call of that operation in the run fails at once, without a request. Only where an endpoint was given (an
 * emulator): AWS itself always answers with an AWS error, which is retried as ever.
 */
final class EmulatorGaps implements ExecutionInterceptor {
  /** HTTP 501: what the answer means, and what the SDK's retry policy does not retry. */
  static final int NOT_IMPLEMENTED = 501;
  private final Set<String> missing = ConcurrentHashMap.newKeySet();

  /** Thrown, before any request, for an operation the emulator was found to lack earlier in the run. */
  static final class Lacking extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lacking(String operation) {
      super(operation + " is not implemented by the emulator (learnt earlier in this run)");
    }
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = operation(attributes);
    if (missing.contains(operation)) {
      throw new Lacking(operation);
    }
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    SdkHttpResponse response = context.httpResponse();
    boolean page = response.statusCode() == 500 && response.firstMatchingHeader("Content-Type")
        .map(type -> type.startsWith("text/html")).orElse(false);
    if (!page) {
      return response;
    }
    missing.add(operation(attributes));
    return response.toBuilder().statusCode(NOT_IMPLEMENTED).build();
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  /** Whether {@code operation} ("CloudFormation UpdateTerminationProtection") was found missing (tests). */
  boolean lacks(String operation) {
    return missing.contains(operation);
  }
}
