package org.erpcampaigns.mailings.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text alternative of an HTML body, for messages whose template has none: paragraphs and
 * line breaks kept, links written as "text (url)", list items as bullets, tags and scripts dropped,
 * entities decoded.
 */
public final class HtmlToText {
  private static final Pattern DROPPED =
      Pattern.compile(
          "<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LINK =
      Pattern.compile(
          "<a\\b[^>]*?\\bhref\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BLOCK_END =
      Pattern.compile("</(p|div|h[1-6]|tr|table|ul|ol|blockquote)\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

  private HtmlToText() {}

  public static String convert(String html) {
    String s = DROPPED.matcher(html).replaceAll("");
    Matcher links = LINK.matcher(s);
    StringBuilder withLinks = new StringBuilder(s.length());
    while (links.find()) {
      String url = links.group(2).strip();
      String text = TAG.matcher(links.group(3)).replaceAll("").strip();
      String replacement =
          text.isEmpty() || text.equals(url) || url.startsWith("mailto:")
              ? (text.isEmpty() ? url : text)
              : text + " (" + url + ")";
      links.appendReplacement(withLinks, Matcher.quoteReplacement(replacement));
    }
    links.appendTail(withLinks);
    s = withLinks.toString().replaceAll("\\s+", " ");
    s = BREAK.matcher(s).replaceAll("\n");
    s = BLOCK_END.matcher(s).replaceAll("\n\n");
    s = ITEM.matcher(s).replaceAll("\n- ");
    s = TAG.matcher(s).replaceAll("");
    s = decode(s);
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      out.append(line.strip()).append('\n');
    }
    return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
  }

  private static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = NUMERIC_ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
      m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(cp))));
    }
    m.appendTail(out);
    return out.toString()
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&euro;", "\u20ac")
        .replace("&amp;", "&");
  }
}
