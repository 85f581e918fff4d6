package org.erpcampaigns.mailings.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text alternative of an HTML body, for messages whose template has none: paragraphs and
 * line breaks kept, links written as "text (url)", list items as bullets, tags and the content of
 * head, style, script and title dropped, entities decoded, runs of white space made one space.
 *
 * <p>One pass over the HTML, without regular expressions over the whole body: it runs once per
 * message sent (a version made of seven regular-expression passes took a quarter of the sender's
 * time).
 */
public final class HtmlToText {
  private static final Set<String> DROPPED = Set.of("head", "style", "script", "title");
  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "blockquote");
  // the href of one <a> start tag, quoted either way
  private static final Pattern HREF =
      Pattern.compile("\\bhref\\s*=\\s*([\"'])(.*?)\\1", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private HtmlToText() {}

  public static String convert(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int n = html.length();
    int i = 0;
    while (i < n) {
      char ch = html.charAt(i);
      if (ch == '<') {
        i = tag(html, i, out);
      } else if (ch == '&') {
        i = entity(html, i, out);
      } else if (Character.isWhitespace(ch)) {
        space(out);
        i++;
      } else {
        out.append(ch);
        i++;
      }
    }
    return tidy(out);
  }

  /** Handles the tag starting at {@code start}; returns where the text goes on. */
  private static int tag(String html, int start, StringBuilder out) {
    int end = html.indexOf('>', start + 1);
    if (end < 0 || end == start + 1) {
      out.append('<'); // not a tag: a lone "<" (or "<>") is text
      return start + 1;
    }
    int j = start + 1;
    boolean closing = html.charAt(j) == '/';
    if (closing) {
      j++;
    }
    int nameStart = j;
    while (j < end && Character.isLetterOrDigit(html.charAt(j))) {
      j++;
    }
    String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
    if (closing) {
      if (BLOCKS.contains(name)) {
        out.append("\n\n");
      }
      return end + 1;
    }
    switch (name) {
      case "br" -> out.append('\n');
      case "li" -> out.append("\n- ");
      case "a" -> {
        int after = link(html, start, end, out);
        if (after > 0) {
          return after;
        }
      }
      default -> {
        if (DROPPED.contains(name)) {
          int after = afterClosing(html, name, end + 1);
          if (after > 0) {
            return after;
          }
        }
      }
    }
    return end + 1;
  }

  /**
   * Writes a link as "text (url)" (only the text when it is the url or a mailto, only the url when
   * there is no text); returns the position after its end tag, or -1 when it is not a complete link
   * with an href (then only its start tag is dropped).
   */
  private static int link(String html, int start, int end, StringBuilder out) {
    Matcher href = HREF.matcher(html).region(start, end);
    if (!href.find()) {
      return -1;
    }
    int close = indexOfClosing(html, "a", end + 1);
    if (close < 0) {
      return -1;
    }
    String url = decode(href.group(2)).strip();
    StringBuilder inner = new StringBuilder();
    String content = html.substring(end + 1, close);
    for (int k = 0; k < content.length(); ) {
      char ch = content.charAt(k);
      if (ch == '<' && content.indexOf('>', k + 1) > k + 1) {
        k = content.indexOf('>', k + 1) + 1;
      } else if (ch == '&') {
        k = entity(content, k, inner);
      } else {
        if (Character.isWhitespace(ch)) {
          space(inner);
        } else {
          inner.append(ch);
        }
        k++;
      }
    }
    String text = inner.toString().strip();
    if (text.isEmpty()) {
      out.append(url);
    } else if (text.equals(url) || url.startsWith("mailto:")) {
      out.append(text);
    } else {
      out.append(text).append(" (").append(url).append(')');
    }
    return html.indexOf('>', close) + 1;
  }

  /** Where "</name ...>" starts from {@code from} on, ignoring case; -1 when there is none. */
  private static int indexOfClosing(String html, String name, int from) {
    int n = html.length();
    for (int k = html.indexOf("</", from); k >= 0 && k < n; k = html.indexOf("</", k + 2)) {
      int e = k + 2 + name.length();
      if (e <= n
          && html.regionMatches(true, k + 2, name, 0, name.length())
          && (e == n || !Character.isLetterOrDigit(html.charAt(e)))) {
        int j = e;
        while (j < n && Character.isWhitespace(html.charAt(j))) {
          j++;
        }
        if (j < n && html.charAt(j) == '>') {
          return k;
        }
      }
    }
    return -1;
  }

  private static int afterClosing(String html, String name, int from) {
    int close = indexOfClosing(html, name, from);
    return close < 0 ? -1 : html.indexOf('>', close) + 1;
  }

  /**
   * Decodes the entity at {@code start} (or writes the "&" as text); returns where text goes on.
   */
  private static int entity(String html, int start, StringBuilder out) {
    int semi = html.indexOf(';', start + 1);
    if (semi < 0 || semi - start > 10) {
      out.append('&');
      return start + 1;
    }
    String name = html.substring(start + 1, semi);
    String decoded =
        switch (name) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos", "#39" -> "'";
          case "nbsp" -> " ";
          case "euro" -> "\u20ac";
          default -> numeric(name);
        };
    if (decoded == null) {
      out.append('&');
      return start + 1;
    }
    out.append(decoded);
    return semi + 1;
  }

  private static String numeric(String name) {
    if (name.length() < 2 || name.charAt(0) != '#') {
      return null;
    }
    boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
    try {
      int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); ) {
      if (s.charAt(k) == '&') {
        k = entity(s, k, out);
      } else {
        out.append(s.charAt(k++));
      }
    }
    return out.toString();
  }

  private static void space(StringBuilder out) {
    int last = out.length() - 1;
    if (last >= 0 && out.charAt(last) != ' ' && out.charAt(last) != '\n') {
      out.append(' ');
    }
  }

  /** Each line stripped, at most one blank line in a row, none at the ends, one final newline. */
  private static String tidy(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length() + 1);
    int blank = 0;
    int n = text.length();
    int lineStart = 0;
    while (lineStart <= n) {
      int lineEnd = lineStart;
      while (lineEnd < n && text.charAt(lineEnd) != '\n') {
        lineEnd++;
      }
      int a = lineStart;
      int b = lineEnd;
      while (a < b && Character.isWhitespace(text.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
        b--;
      }
      if (a == b) {
        blank++;
      } else {
        if (out.length() > 0) {
          out.append(blank > 0 ? "\n\n" : "\n");
        }
        out.append(text, a, b);
        blank = 0;
      }
      lineStart = lineEnd + 1;
    }
    return out.append('\n').toString();
  }
}
