package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.EndpointRefused;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions (after the SDK's own retries) into {@link CloudException}s naming the call. */
final class AwsCalls {
  private AwsCalls() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (e.statusCode() == EmulatorGaps.NOT_IMPLEMENTED && e.awsErrorDetails() != null
          && e.awsErrorDetails().errorCode() == null) {
        throw new CloudException(NOT_IMPLEMENTED, what + " failed: the emulator does not implement it (HTTP 500 with no"
            + " AWS error; not retried, and not called again in this run)", e);
      }
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
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EmulatorGaps.Lacking lacking) {
        return new CloudException(NOT_IMPLEMENTED, what + " failed: " + lacking.getMessage(), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.contains("SSO session") || text.contains("/sso/cache/") || text.contains("\\sso\\cache\\")) {
        return new CloudException("NoCredentials", what + " failed: the AWS SSO session of the profile has expired"
            + " or was never started", "run `aws sso login --profile NAME`, then run the command again", e);
      }
    }
    if (e instanceof SdkException) {
      String text = String.valueOf(e.getMessage());
      Matcher profile = PROFILE.matcher(text);
      if (text.startsWith("Unable to load credentials") || profile.find()) {
        // the SDK's message lists every provider it tried (over a thousand characters): one line says it
        return new CloudException("NoCredentials", what + " failed: no AWS credentials were found"
            + (profile.find(0) ? " for the profile " + profile.group(1) : ""), NO_CREDENTIALS, e);
      }
      if (unreachable(e)) {
        return new CloudException(CloudException.UNREACHABLE, what + " failed: the endpoint cannot be reached: "
            + e.getMessage(), e);
      }
      return new CloudException("ClientError", what + " failed: " + e.getMessage(), e);
    }
    return e;
  }

  /** The error code of a call the emulator does not implement. */
  static final String NOT_IMPLEMENTED = "NotImplemented";

  private static final Pattern PROFILE = Pattern.compile("no credentials for profile '([^']*)'");

  static final String NO_CREDENTIALS = "pass --profile NAME or set AWS_PROFILE (for the management account), run "
      + "`aws sso login --profile NAME` when the profile uses AWS SSO, or try tenantctl on the local emulator with"
      + " --local";

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
