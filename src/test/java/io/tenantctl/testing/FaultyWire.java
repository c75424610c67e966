package io.tenantctl.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;

/**
 * Fault injection at the SDK's HTTP client: answers a share of calls with a throttling error or a 500 in
 * the service's own wire format, or drops the connection before sending, so that the adapters' real
 * retry configuration is what copes. Seeded, so a failing run can be replayed.
 */
public final class FaultyWire {
  private final Random random;
  private final double throttle;
  private final double serverError;
  private final double drop;
  public final AtomicInteger throttled = new AtomicInteger();
  public final AtomicInteger failed = new AtomicInteger();
  public final AtomicInteger dropped = new AtomicInteger();
  public final AtomicInteger passed = new AtomicInteger();
  /** Operations whose first call's answer is lost after the server acted (e.g. {@code CreateStack}). */
  private final java.util.Set<String> loseAnswerOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
  public final java.util.List<String> answersLost = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FaultyWire(long seed, double throttle, double serverError, double drop) {
    this.random = new Random(seed);
    this.throttle = throttle;
    this.serverError = serverError;
    this.drop = drop;
  }

  /**
   * A wire that passes every call, except that the first call of each of {@code operations} reaches the server,
   * which acts, and then its answer is lost (the connection resets): the SDK retries a call that already worked.
   */
  public static FaultyWire losingAnswersOnce(String... operations) {
    FaultyWire wire = new FaultyWire(0, 0, 0, 0);
    wire.loseAnswerOnce.addAll(java.util.List.of(operations));
    return wire;
  }

  /** The operation a request calls: from {@code X-Amz-Target} (JSON protocols) or {@code Action=} (query). */
  private static String operation(HttpExecuteRequest request) {
    var target = request.httpRequest().firstMatchingHeader("X-Amz-Target");
    if (target.isPresent()) {
      return target.get().substring(target.get().lastIndexOf('.') + 1);
    }
    if (request.contentStreamProvider().isEmpty()) {
      return "";
    }
    try (var in = request.contentStreamProvider().get().newStream()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      var m = java.util.regex.Pattern.compile("(?:^|&)Action=([A-Za-z]+)").matcher(body);
      return m.find() ? m.group(1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  public SdkHttpClient wrap(SdkHttpClient inner) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        double roll;
        synchronized (random) {
          roll = random.nextDouble();
        }
        boolean json = request.httpRequest().firstMatchingHeader("X-Amz-Target").isPresent();
        if (!loseAnswerOnce.isEmpty()) {
          String op = operation(request);
          if (loseAnswerOnce.remove(op)) {
            answersLost.add(op);
            var real = inner.prepareRequest(request);
            return new ExecutableHttpRequest() {
              @Override
              public HttpExecuteResponse call() throws IOException {
                var answer = real.call();
                if (answer.responseBody().isPresent()) {
                  answer.responseBody().get().close();
                }
                throw new java.net.SocketException("Connection reset after the server acted (injected)");
              }

              @Override
              public void abort() {
                real.abort();
              }
            };
          }
        }
        if (roll < throttle) {
          throttled.incrementAndGet();
          return answer(400, json ? "{\"__type\":\"TooManyRequestsException\",\"message\":\"Rate exceeded\"}"
              : "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                  + "</Error><RequestId>fault</RequestId></ErrorResponse>", json);
        }
        if (roll < throttle + serverError) {
          failed.incrementAndGet();
          return answer(500, json ? "{\"__type\":\"ServiceException\",\"message\":\"injected\"}"
              : "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected</Message>"
                  + "</Error><RequestId>fault</RequestId></ErrorResponse>", json);
        }
        if (roll < throttle + serverError + drop) {
          dropped.incrementAndGet();
          return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
              throw new java.net.SocketException("Connection reset (injected)");
            }

            @Override
            public void abort() {}
          };
        }
        passed.incrementAndGet();
        return inner.prepareRequest(request);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private static ExecutableHttpRequest answer(int status, String body, boolean json) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(SdkHttpFullResponse.builder().statusCode(status)
                .putHeader("Content-Type", json ? "application/x-amz-json-1.1" : "text/xml")
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }
}
