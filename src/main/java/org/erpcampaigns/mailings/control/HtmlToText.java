package org.erpcampaigns.mailings.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The plain-text alternative of an HTML body, for messages whose template has none: paragraphs and
 * line breaks kept, links written as "text (url)", list items as bullets, the content of head,
 * style, script and title dropped, runs of white space made one space.
 *
 * <p>The HTML is read by jsoup as a browser reads it (HTML5 parsing, every named and numeric
 * entity), so the text says what the HTML part shows. The sender converts a template once rather
 * than each message (see {@link #templateText(String)}), so the parser's cost is paid per template.
 */
public final class HtmlToText {
  private static final Set<String> DROPPED = Set.of("head", "style", "script", "title");
  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "blockquote");

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
   * autoescape}), uses the private-use characters that mark tags here, or the parser dropped a
   * block tag ({@code {% ... %}}) or moved text (as it does with text in a table outside cells).
   */
  public static Optional<String> templateText(String htmlTemplate) {
    if (htmlTemplate.indexOf(MARK_START) >= 0
        || htmlTemplate.indexOf(MARK_END) >= 0
        || RAW.matcher(htmlTemplate).find()) {
      return Optional.empty();
    }
    // one mark per distinct tag, so equal tags stay equal (a link whose text is its url)
    Map<String, Integer> marks = new HashMap<>();
    List<String> tags = new ArrayList<>();
    List<Integer> blocksInSource = new ArrayList<>();
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
      if (m.group().startsWith("{%")) {
        blocksInSource.add(mark); // blocks must survive whole; a print or comment may go
      }
      marked.append(htmlTemplate, copied, m.start());
      marked.append(MARK_START).append(mark).append(MARK_END);
      copied = m.end();
    }
    marked.append(htmlTemplate, copied, htmlTemplate.length());
    Document source = Parser.htmlParser().setTrackPosition(true).parseInput(marked.toString(), "");
    if (!inSourceOrder(source)) {
      return Optional.empty();
    }
    String text = text(source);
    StringBuilder out = new StringBuilder(text.length() + htmlTemplate.length() / 8);
    List<Integer> blocksInText = new ArrayList<>(blocksInSource.size());
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
        blocksInText.add(mark);
      }
      i = end;
    }
    // a tag inside dropped content (head, style, an attribute other than href) is lost: only a
    // conversion that kept every block tag is used, or the blocks could be broken
    return blocksInSource.equals(blocksInText) ? Optional.of(out.toString()) : Optional.empty();
  }

  /**
   * Whether the parser left all text where the source has it: text in a table outside its cells is
   * moved before the table, which would take a tag there out of the loop or condition around it.
   */
  private static boolean inSourceOrder(Document document) {
    int[] last = {-1};
    boolean[] ordered = {true};
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode t && t.sourceRange().isTracked()) {
            ordered[0] &= t.sourceRange().startPos() > last[0];
            last[0] = t.sourceRange().startPos();
          }
        },
        document);
    return ordered[0];
  }

  public static String convert(String html) {
    return text(Jsoup.parse(html));
  }

  private static String text(Document document) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.filter(new Writer(out), document);
    return tidy(out);
  }

  /** Writes the text of a document: blocks, breaks, bullets and links; dropped content skipped. */
  private record Writer(StringBuilder out) implements NodeFilter {
    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText(), out);
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE; // the document; comments and data have no children
      }
      String name = e.normalName();
      if (DROPPED.contains(name)) {
        return FilterResult.SKIP_ENTIRELY;
      }
      switch (name) {
        case "br" -> out.append('\n');
        case "li" -> out.append("\n- ");
        case "a" -> {
          if (e.hasAttr("href")) {
            link(e, out);
            return FilterResult.SKIP_ENTIRELY;
          }
        }
        default -> {}
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
        out.append("\n\n");
      }
      return FilterResult.CONTINUE;
    }
  }

  /**
   * Writes a link as "text (url)": only the text when it is the url or a mailto, only the url when
   * there is no text; markup inside the link (an image, a break) adds nothing.
   */
  private static void link(Element a, StringBuilder out) {
    String url = a.attr("href").strip();
    StringBuilder inner = new StringBuilder();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode t) {
            text(t.getWholeText(), inner);
          }
        },
        a);
    String text = inner.toString().strip();
    if (text.isEmpty()) {
      out.append(url);
    } else if (text.equals(url) || url.startsWith("mailto:")) {
      out.append(text);
    } else {
      out.append(text).append(" (").append(url).append(')');
    }
  }

  /**
   * Text as it reads: runs of white space one space. A no-break space stays one, from {@code
   * &nbsp;} as from data (amounts formatted for it, fr, de), so both ways to the text agree.
   */
  private static void text(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (Character.isWhitespace(ch)) {
        space(out);
      } else {
        out.append(ch);
      }
    }
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
