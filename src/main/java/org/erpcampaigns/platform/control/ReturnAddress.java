package org.erpcampaigns.platform.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The page a user asked for before logging in, to be sent back to afterwards: only a path inside
 * this application. A browser reads {@code //evil.example/x} (and {@code /\evil.example}) in a
 * Location header as another site, so such addresses, anything with a scheme or an authority,
 * backslashes, control characters, or dot segments that could climb out of the application are not
 * returned to; after login the user then lands on the home page.
 */
public final class ReturnAddress {
  private ReturnAddress() {}

  /**
   * The address to return to, or empty when it may not be.
   *
   * @param contextPath the application's context path ("" at the root)
   * @param target the saved request URI with its query, as the browser sent it
   */
  public static Optional<String> inApplication(String contextPath, String target) {
    if (target == null || contextPath == null || !target.startsWith(contextPath + "/")) {
      return Optional.empty();
    }
    String path = target.substring(contextPath.length());
    String decoded;
    try {
      decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return Optional.empty();
    }
    if (!isPlainPath(path) || !isPlainPath(decoded)) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(path);
      if (uri.getScheme() != null || uri.getRawAuthority() != null) {
        return Optional.empty();
      }
    } catch (URISyntaxException notAnAddress) {
      return Optional.empty();
    }
    return Optional.of(contextPath + path);
  }

  private static boolean isPlainPath(String path) {
    if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('\\') >= 0) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    int query = path.indexOf('?');
    String pathPart = query < 0 ? path : path.substring(0, query);
    for (String segment : pathPart.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
