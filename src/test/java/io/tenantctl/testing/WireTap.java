package io.tenantctl.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every AWS operation sent over HTTP, by name (e.g. {@code CreateAccount}, {@code DescribeStacks}),
 * at the SDK's HTTP client: what really goes on the wire, retries included.
 */
public final class WireTap {
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  public SdkHttpClient wrap(SdkHttpClient inner) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        byte[] body = request.contentStreamProvider().map(p -> {
          try (var in = p.newStream()) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).orElse(new byte[0]);
        calls.add(operation(request.httpRequest(), body));
        var copy = HttpExecuteRequest.builder().request(request.httpRequest())
            .contentStreamProvider(body.length == 0 && request.contentStreamProvider().isEmpty() ? null
                : () -> new ByteArrayInputStream(body))
            .build();
        return inner.prepareRequest(copy);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  static String operation(SdkHttpRequest req, byte[] body) {
    Optional<String> target = req.firstMatchingHeader("X-Amz-Target");
    if (target.isPresent()) {
      String t = target.get();
      return t.substring(t.indexOf('.') + 1);
    }
    String form = URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    Matcher m = ACTION.matcher(form);
    if (m.find()) {
      return m.group(1);
    }
    return req.method() + " " + req.encodedPath();
  }

  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public void clear() {
    calls.clear();
  }

  /** Calls that change something: by AWS's naming, everything but Describe/List/Get and STS's. */
  public List<String> writes() {
    return calls().stream()
        .filter(c -> !c.startsWith("Describe") && !c.startsWith("List") && !c.startsWith("Get")
            && !c.startsWith("GET ") && !c.startsWith("HEAD ") && !c.equals("AssumeRole"))
        .toList();
  }

}
