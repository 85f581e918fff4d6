package org.erpcampaigns.tracking.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;

/**
 * The public addresses of a message's tracking: the open pixel, a click redirect for every web link
 * in its HTML, and the unsubscribe page (also the RFC 8058 one-click POST target). Made at render
 * time from the message's outbox id; the tracking resources verify them.
 */
public final class TrackingLinks {
  /** Path of the tracking resources below the application's public base URL. */
  public static final String OPEN_PATH = "t/o/";

  public static final String CLICK_PATH = "t/c/";
  public static final String UNSUBSCRIBE_PATH = "t/u/";

  // An <a> start tag's href with an absolute web address, quoted either way.
  private static final Pattern LINK =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(https?://[^\"'<>\\s]+)\\2",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

  private static final int ENCODED_TARGETS = 4096;

  private final String baseUrl;
  private final String unsubscribePrefix;
  private final TrackingTokens tokens;
  // the few targets of a mailing's links, URL-encoded once rather than for every message
  private final java.util.Map<String, String> encodedTargets =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param baseUrl the application's public address as recipients reach it, e.g.
   *     https://campaigns.example.com/ (a trailing slash is added when missing)
   */
  public TrackingLinks(String baseUrl, TrackingTokens tokens) {
    String base = baseUrl.strip();
    this.baseUrl = base.endsWith("/") ? base : base + '/';
    this.unsubscribePrefix = this.baseUrl + UNSUBSCRIBE_PATH;
    this.tokens = tokens;
  }

  public String openPixelUrl(long outboxId) {
    return baseUrl + OPEN_PATH + tokens.sign(outboxId, Purpose.OPEN);
  }

  public String clickUrl(long outboxId, String target) {
    return baseUrl + CLICK_PATH + tokens.signClick(outboxId, target) + "?u=" + encoded(target);
  }

  private String encoded(String target) {
    String e = encodedTargets.get(target);
    if (e == null) {
      e = URLEncoder.encode(target, StandardCharsets.UTF_8);
      if (encodedTargets.size() >= ENCODED_TARGETS) {
        encodedTargets.clear(); // a mailing uses a handful: many mean many mailings over time
      }
      encodedTargets.put(target, e);
    }
    return e;
  }

  public String unsubscribeUrl(long outboxId) {
    return baseUrl + UNSUBSCRIBE_PATH + tokens.sign(outboxId, Purpose.UNSUBSCRIBE);
  }

  /**
   * The unsubscribe page in the language the message was written in (the page falls back to the
   * browser's language without it). The language is not signed: changing it changes only the page's
   * language.
   */
  public String unsubscribeUrl(long outboxId, Locale language) {
    return unsubscribeUrl(outboxId)
        + (language == null || language.getLanguage().isEmpty()
            ? ""
            : "?lang=" + language.getLanguage());
  }

  /**
   * The HTML with every http(s) link replaced by its click redirect and the open pixel added at the
   * end of the body. Links to this application's own unsubscribe page are left as they are.
   */
  public String rewrite(long outboxId, String html) {
    // the pattern is tried only where an <a tag starts: searching it from every position of the
    // body took an eighth of the sender's time
    Matcher m = LINK.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 512);
    int copied = 0;
    int n = html.length();
    for (int i = html.indexOf('<'); i >= 0 && i + 1 < n; i = html.indexOf('<', i + 1)) {
      char a = html.charAt(i + 1);
      if ((a != 'a' && a != 'A') || !m.region(i, n).lookingAt()) {
        continue;
      }
      String target = unescapeAttribute(m.group(3));
      if (!target.startsWith(unsubscribePrefix)) {
        out.append(html, copied, m.start(3)).append(escapeAttribute(clickUrl(outboxId, target)));
        copied = m.end(3);
      }
      i = m.end() - 1;
    }
    out.append(html, copied, n);
    String pixel =
        "<img src=\""
            + escapeAttribute(openPixelUrl(outboxId))
            + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
    int end = bodyEnd(out);
    if (end >= 0) {
      out.insert(end, pixel);
    } else {
      out.append(pixel);
    }
    return out.toString();
  }

  /** Where the last "</body" end tag starts, or -1. */
  private static int bodyEnd(StringBuilder html) {
    for (int i = html.lastIndexOf("</"); i >= 0; i = i == 0 ? -1 : html.lastIndexOf("</", i - 1)) {
      if (BODY_END.matcher(html).region(i, html.length()).lookingAt()) {
        return i;
      }
    }
    return -1;
  }

  private static String unescapeAttribute(String value) {
    return value.indexOf('&') < 0
        ? value
        : value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
  }

  private static String escapeAttribute(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }
}
