package io.tenantctl.app;

import io.tenantctl.core.Fault;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An endpoint URL as the AWS SDK takes it: {@code http} or {@code https}, with a host. */
public final class Endpoints {
  private Endpoints() {}

  /** The URL, or a usage fault (exit 2) naming {@code where} it came from and the fix. */
  public static URI parse(String text, String where) {
    String fix = "give an http(s) URL with a host, e.g. http://127.0.0.1:5000 for a local emulator, or leave "
        + where + " out to call AWS";
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw Fault.invalid(where + " " + text + " is not a URL: " + e.getReason(), fix);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Fault.invalid(where + " " + text + (scheme.isEmpty() ? " has no scheme" : " uses " + scheme + ":")
          + "; AWS endpoints are http or https", fix);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw Fault.invalid(where + " " + text + " has no host", fix);
    }
    return uri;
  }
}
