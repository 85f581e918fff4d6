package org.erpcampaigns.tracking.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

  private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

  private static final int ENCODED_TARGETS = 4096;

  private final String baseUrl;
  private final String unsubscribePrefix;
  private final boolean safeBase;
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
    this.safeBase = escapeAttribute(this.baseUrl).equals(this.baseUrl);
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
    // one hand-written pass: a regular expression tried at every "<a" took an eighth of the
    // sender's time
    StringBuilder out = new StringBuilder(html.length() + 1024);
    int copied = 0;
    int n = html.length();
    int[] value = new int[2];
    for (int i = html.indexOf('<'); i >= 0 && i + 2 < n; i = html.indexOf('<', i + 1)) {
      char a = html.charAt(i + 1);
      if ((a != 'a' && a != 'A') || !webHref(html, i + 2, value)) {
        continue;
      }
      String target = unescapeAttribute(html.substring(value[0], value[1]));
      if (!target.startsWith(unsubscribePrefix)) {
        out.append(html, copied, value[0]);
        // the click URL needs no escaping: base URL checked, token and encoded target are safe
        appendClickUrl(out, outboxId, target);
        copied = value[1];
      }
      i = value[1];
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

  private void appendClickUrl(StringBuilder out, long outboxId, String target) {
    if (safeBase) {
      out.append(baseUrl)
          .append(CLICK_PATH)
          .append(tokens.signClick(outboxId, target))
          .append("?u=")
          .append(encoded(target));
    } else {
      out.append(escapeAttribute(clickUrl(outboxId, target)));
    }
  }

  /**
   * Whether the {@code <a} start tag whose name ends at {@code from} has an href (an attribute name
   * ending in "href", as {@code \\bhref}) whose quoted value is an absolute web address without
   * white space or markup characters; if so, the value's bounds go to {@code value}.
   */
  static boolean webHref(String html, int from, int[] value) {
    int n = html.length();
    if (from >= n || !isSpace(html.charAt(from))) {
      return false; // <abbr>, <address>, <a> without attributes
    }
    int close = html.indexOf('>', from);
    if (close < 0) {
      return false;
    }
    for (int h = indexOfIgnoreCase(html, "href", from, close);
        h >= 0;
        h = indexOfIgnoreCase(html, "href", h + 4, close)) {
      if (isWordChar(html.charAt(h - 1))) {
        continue;
      }
      int j = h + 4;
      while (j < close && isSpace(html.charAt(j))) {
        j++;
      }
      if (j >= close || html.charAt(j) != '=') {
        continue;
      }
      j++;
      while (j < close && isSpace(html.charAt(j))) {
        j++;
      }
      if (j >= close || (html.charAt(j) != '"' && html.charAt(j) != '\'')) {
        continue;
      }
      char quote = html.charAt(j);
      int start = j + 1;
      int end = start;
      while (end < close && !stopsUrl(html.charAt(end))) {
        end++;
      }
      if (end < close
          && html.charAt(end) == quote
          && (html.regionMatches(true, start, "http://", 0, 7) && end > start + 7
              || html.regionMatches(true, start, "https://", 0, 8) && end > start + 8)) {
        value[0] = start;
        value[1] = end;
        return true;
      }
    }
    return false;
  }

  private static boolean stopsUrl(char c) {
    return c == '"' || c == '\'' || c == '<' || c == '>' || isSpace(c);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
  }

  private static int indexOfIgnoreCase(String s, String word, int from, int to) {
    for (int i = from; i + word.length() <= to; i++) {
      if (s.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
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
