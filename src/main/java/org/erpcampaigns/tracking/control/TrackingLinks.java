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

  private final String baseUrl;
  private final TrackingTokens tokens;

  /**
   * @param baseUrl the application's public address as recipients reach it, e.g.
   *     https://campaigns.example.com/ (a trailing slash is added when missing)
   */
  public TrackingLinks(String baseUrl, TrackingTokens tokens) {
    String base = baseUrl.strip();
    this.baseUrl = base.endsWith("/") ? base : base + '/';
    this.tokens = tokens;
  }

  public String openPixelUrl(long outboxId) {
    return baseUrl + OPEN_PATH + tokens.sign(outboxId, Purpose.OPEN);
  }

  public String clickUrl(long outboxId, String target) {
    return baseUrl
        + CLICK_PATH
        + tokens.signClick(outboxId, target)
        + "?u="
        + URLEncoder.encode(target, StandardCharsets.UTF_8);
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
    Matcher m = LINK.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 512);
    while (m.find()) {
      String target = unescapeAttribute(m.group(3));
      String replacement =
          target.startsWith(baseUrl + UNSUBSCRIBE_PATH)
              ? m.group()
              : m.group(1) + m.group(2) + escapeAttribute(clickUrl(outboxId, target)) + m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    String pixel =
        "<img src=\""
            + escapeAttribute(openPixelUrl(outboxId))
            + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
    Matcher end = BODY_END.matcher(out);
    if (end.find()) {
      out.insert(end.start(), pixel);
    } else {
      out.append(pixel);
    }
    return out.toString();
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
