package io.tenantctl.state;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose state it is: the organization and the endpoint it was written against, so that a trial on the local
 * emulator is never replayed against a real organization, nor one organization's entries against another's.
 *
 * @param endpoint {@code host-port} of an endpoint override (an emulator), or {@code aws}
 */
public record StateScope(String organizationId, String endpoint) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public StateScope {
    if (!SAFE.matcher(organizationId).matches() || !SAFE.matcher(endpoint).matches()) {
      throw new IllegalArgumentException("not a state scope: " + organizationId + "@" + endpoint);
    }
  }

  /** The scope of {@code organizationId} as reached through {@code endpoint} (none: AWS itself). */
  public static StateScope of(String organizationId, Optional<URI> endpoint) {
    return new StateScope(organizationId, endpoint.map(StateScope::hostPort).orElse("aws"));
  }

  /** {@code <organization>@<endpoint>}: a file or key prefix that one scope never shares with another. */
  public String key() {
    return organizationId + "@" + endpoint;
  }

  private static String hostPort(URI uri) {
    String host = uri.getHost() == null ? uri.toString().replaceAll("[^A-Za-z0-9.-]", "_") : uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return host + "-" + port;
  }
}
