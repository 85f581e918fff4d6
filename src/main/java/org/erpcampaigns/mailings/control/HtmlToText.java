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

  // a Pebble tag, comment or print statement, kept whole while its template is converted
  private static final Pattern PEBBLE_TAG =
      Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);
  // output that would not be escaped: HTML from data, which only a per-message conversion reads
  private static final Pattern RAW = Pattern.compile("\\|\\s*raw\\b|autoescape");
  private static final char MARK_START = '\uE000';
  private static final char MARK_END = '\uE001';

  private HtmlToText() {}

  /**
   * The plain-text template of an HTML template: the same conversion applied to the template's
   * source once, its Pebble tags carried over unchanged, so each message's text is rendered rather
   * than converted from its HTML (a conversion per message took a sixth of the sender's time).
   * Rendered with an engine that does not escape HTML and then {@linkplain #tidy(CharSequence)
   * tidied}, it gives the text that converting the rendered HTML gives. Empty when the template
   * cannot be converted before rendering: it prints unescaped HTML ({@code raw}, {@code
   * autoescape}), or uses the private-use characters that mark tags here.
   */
  public static java.util.Optional<String> templateText(String htmlTemplate) {
    if (htmlTemplate.indexOf(MARK_START) >= 0
        || htmlTemplate.indexOf(MARK_END) >= 0
        || RAW.matcher(htmlTemplate).find()) {
      return java.util.Optional.empty();
    }
    // one mark per distinct tag, so equal tags stay equal (a link whose text is its url)
    java.util.Map<String, Integer> marks = new java.util.HashMap<>();
    java.util.List<String> tags = new java.util.ArrayList<>();
    int[] inSource = new int[64];
    Matcher m = PEBBLE_TAG.matcher(htmlTemplate);
    StringBuilder marked = new StringBuilder(htmlTemplate.length());
    int copied = 0;
    while (m.find()) {
      int mark =
          marks.computeIfAbsent(
              m.group(),
              tag -> {
                tags.add(tag);
                return tags.size() - 1;
              });
      if (mark >= inSource.length) {
        inSource = java.util.Arrays.copyOf(inSource, mark * 2);
      }
      if (m.group().startsWith("{%")) {
        inSource[mark]++; // blocks must survive whole; a print or comment may go with its markup
      }
      marked.append(htmlTemplate, copied, m.start());
      marked.append(MARK_START).append(mark).append(MARK_END);
      copied = m.end();
    }
    marked.append(htmlTemplate, copied, htmlTemplate.length());
    String text = convert(marked.toString());
    StringBuilder out = new StringBuilder(text.length() + htmlTemplate.length() / 8);
    int[] inText = new int[inSource.length];
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      int end = ch == MARK_START ? text.indexOf(MARK_END, i) : -1;
      if (end < 0) {
        out.append(ch);
        continue;
      }
      int mark = Integer.parseInt(text, i + 1, end, 10);
      out.append(tags.get(mark));
      if (tags.get(mark).startsWith("{%")) {
        inText[mark]++;
      }
      i = end;
    }
    // a tag inside dropped content (head, style, an attribute other than href) is lost: only a
    // conversion that kept every block tag ({% ... %}) is used, or the blocks could be broken
    return java.util.Arrays.equals(inSource, inText)
        ? java.util.Optional.of(out.toString())
        : java.util.Optional.empty();
  }

  public static String convert(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    text(html, 0, html.length(), out, true);
    return tidy(out);
  }

  /**
   * Writes the text of {@code html} from {@code from} to {@code to}: entities decoded, runs of
   * white space one space; tags handled as blocks, breaks, links and dropped content when {@code
   * markup}, else skipped (the inside of a link).
   */
  private static void text(String html, int from, int to, StringBuilder out, boolean markup) {
    int i = from;
    while (i < to) {
      char ch = html.charAt(i);
      if (ch == '<' && markup) {
        i = tag(html, i, out);
      } else if (ch == '<') {
        int end = html.indexOf('>', i + 1);
        if (end > i + 1 && end < to) {
          i = end + 1;
        } else {
          out.append('<');
          i++;
        }
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
    text(html, end + 1, close, inner, false);
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
  static String tidy(CharSequence text) {
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
