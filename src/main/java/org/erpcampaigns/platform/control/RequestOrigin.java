package org.erpcampaigns.platform.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a browser says a request comes from, judged against the address it was sent to (the Host
 * header): the rule that keeps other sites from making changes with a user's session cookie.
 *
 * @param host the request's Host header (host, or host:port)
 * @param origin the Origin header, or null
 * @param referer the Referer header, or null
 * @param fetchSite the Sec-Fetch-Site header, or null
 * @param ownCredential the request carries something a cross-site form cannot add: an Authorization
 *     header or X-Requested-With
 */
public record RequestOrigin(
    String host, String origin, String referer, String fetchSite, boolean ownCredential) {

  /**
   * True when the request may change data: the browser reports this application's own origin, or
   * reports nothing and the request carries its own credential (a script, not a browser).
   */
  public boolean isSameSite() {
    if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin")) {
      // "none" is a user typing an address; a change never comes that way
      return false;
    }
    if (origin != null) {
      return sameAuthority(origin);
    }
    if (referer != null) {
      return sameAuthority(referer);
    }
    return ownCredential;
  }

  /** What the browser claimed, for the log: the Origin, else the Referer's origin. */
  public String claimed() {
    String from = origin != null ? origin : referer;
    if (from == null) {
      return "none";
    }
    try {
      URI uri = new URI(from);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (URISyntaxException e) {
      return "invalid";
    }
  }

  private boolean sameAuthority(String address) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(address.strip());
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getRawUserInfo() != null) {
        return false;
      }
      return authority(uri.getHost(), uri.getPort(), scheme).equals(normalHost(host.strip()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** host[:port] as a Host header says it: the port only when it is not the scheme's default. */
  private static String authority(String hostName, int port, String scheme) {
    boolean defaultPort =
        port == -1
            || (port == 80 && scheme.equalsIgnoreCase("http"))
            || (port == 443 && scheme.equalsIgnoreCase("https"));
    String name = hostName.toLowerCase(Locale.ROOT);
    return defaultPort ? name : name + ":" + port;
  }

  private static String normalHost(String hostHeader) {
    String h = hostHeader.toLowerCase(Locale.ROOT);
    // a Host header may name the default port; the browser's Origin never does
    if (h.endsWith(":80") || h.endsWith(":443")) {
      return h.substring(0, h.lastIndexOf(':'));
    }
    return h;
  }
}
