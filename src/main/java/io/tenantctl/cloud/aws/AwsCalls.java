package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions (after the SDK's own retries) into {@link CloudException}s naming the call. */
final class AwsCalls {
  private AwsCalls() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw new CloudException(errorCode(e), what + " failed: " + message(e), e);
    } catch (SdkException e) {
      throw new CloudException("ClientError", what + " failed: " + e.getMessage(), e);
    }
  }

  static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "Unknown" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  static String message(AwsServiceException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorMessage() + " (" + errorCode(e) + ")";
    }
    return e.getMessage();
  }
}
