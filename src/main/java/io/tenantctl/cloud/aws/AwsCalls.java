package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.EndpointRefused;
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
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  /** What a failure outside a service's answer means for the user: no credentials, nothing listening, or else. */
  static RuntimeException translate(String what, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EndpointRefused refused) {
        return new EndpointRefused(refused.endpoint(), what, e);
      }
    }
    if (e instanceof SdkException) {
      String text = String.valueOf(e.getMessage());
      if (text.startsWith("Unable to load credentials") || text.contains("contained no credentials for profile")
          || text.contains("Profile file contained no credentials") || text.contains("SSO")) {
        // the SDK's message lists every provider it tried (over a thousand characters): one line says it
        return new CloudException("NoCredentials", what + " failed: no AWS credentials were found"
            + (text.contains("profile") && !text.startsWith("Unable to load credentials from any") ? " for the profile"
                : ""), NO_CREDENTIALS, e);
      }
      return new CloudException("ClientError", what + " failed: " + e.getMessage(), e);
    }
    return e;
  }

  static final String NO_CREDENTIALS = "pass --profile NAME or set AWS_PROFILE (for the management account), run "
      + "`aws sso login --profile NAME` when the profile uses AWS SSO, or try tenantctl on the local emulator with"
      + " --local";

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
