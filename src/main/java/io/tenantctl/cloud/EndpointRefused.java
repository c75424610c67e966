package io.tenantctl.cloud;

import java.net.URI;

/**
 * Nothing listens where AWS calls go: a stopped emulator or a wrong endpoint. Not retried, and not an
 * internal error: the run stops with what to do, and a re-run resumes where it stopped.
 */
public final class EndpointRefused extends CloudException {
  private static final long serialVersionUID = 1L;
  private final URI endpoint;

  public EndpointRefused(URI endpoint, String what, Throwable cause) {
    super("EndpointRefused", (what == null ? "" : what + " failed: ") + "nothing answers at " + endpoint
        + " (connection refused)", fix(endpoint), cause);
    this.endpoint = endpoint;
  }

  /** Every tenant of a batch shares the endpoint: nothing more is started (see {@code TenantBatch}). */
  @Override
  public boolean unreachable() {
    return true;
  }

  public URI endpoint() {
    return endpoint;
  }

  private static String fix(URI endpoint) {
    String host = String.valueOf(endpoint.getHost());
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    return loopback
        ? "is the emulator stopped? `tenantctl emulator start` starts the one --local uses again (--local starts it"
            + " too), empty: moto keeps nothing, so begin again with `tenantctl up --create-organization`; with"
            + " --endpoint-url, start the emulator that listens there and run the command again"
        : "check --endpoint-url or AWS_ENDPOINT_URL, and that the endpoint is reachable from here";
  }
}
