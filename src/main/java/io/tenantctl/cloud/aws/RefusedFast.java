package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.EndpointRefused;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * A refused connection is not retried: nothing listens there (a stopped emulator, a wrong endpoint), and the
 * SDK's ten attempts with backoff would only add half a minute of silence before the same answer.
 */
final class RefusedFast implements SdkHttpClient {
  private final SdkHttpClient inner;

  RefusedFast(SdkHttpClient inner) {
    this.inner = inner;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest call = inner.prepareRequest(request);
    var http = request.httpRequest();
    URI endpoint = URI.create(http.protocol() + "://" + http.host() + (http.port() > 0 ? ":" + http.port() : ""));
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          return call.call();
        } catch (ConnectException e) {
          if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            // not an IOException, so the SDK does not retry it
            throw new EndpointRefused(endpoint, null, e);
          }
          throw e;
        }
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return inner.clientName();
  }

  @Override
  public void close() {
    inner.close();
  }
}
