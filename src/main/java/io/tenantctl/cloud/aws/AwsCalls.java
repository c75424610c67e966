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
      if (unreachable(e)) {
        throw new CloudException(CloudException.UNREACHABLE, what + " failed: the endpoint cannot be reached: "
            + e.getMessage(), e);
      }
      throw new CloudException("ClientError", what + " failed: " + e.getMessage(), e);
    }
  }

  static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  /** A connection that was refused, timed out or never found its host: no answer from the service at all. */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.http.HttpConnectTimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
    }
    return false;
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
