package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

  @Test
  void keepsParagraphsBreaksAndListsAndDropsHeadStyleAndScript() {
    assertEquals(
        "Offer\n\nDear Maria,\nsee you\n\n- one\n- two & more\n",
        HtmlToText.convert(
            "<HTML><head><title>T</title><style>p{color:red}</style></head><BODY>"
                + "<script type=\"text/javascript\">var a = '<p>';</script><H1>Offer</H1>"
                + "<p class=\"x\">Dear   Maria,<br/>\n  see\tyou</p><UL><li>one</li>"
                + "<li class=a>two &amp; more</LI></UL></BODY></HTML>"));
  }

  @Test
  void writesLinksAsTextAndAddress() {
    assertEquals(
        "see our shop (https://shop.example.com/x?a=1&b=2).\n",
        HtmlToText.convert(
            "see <A title='t' HREF = \"https://shop.example.com/x?a=1&amp;b=2\"><b>our</b>\n"
                + " shop</a>."));
    assertEquals(
        "https://x.example.com/ and https://y.example.com/ and write to us\n",
        HtmlToText.convert(
            "<a href='https://x.example.com/'><img src=x></a> and <a href=\"https://y.example.com/\">"
                + "https://y.example.com/</a> and <a href=\"mailto:us@example.com\">write to us</a>"));
  }

  @Test
  void tagsThatAreNotLinksOnlyLoseTheirTagsAndUnclosedOnesEndWhereABrowserEndsThem() {
    assertEquals(
        "anchor and text\n", HtmlToText.convert("<a name=top>anchor</a> and <abbr>text</abbr>"));
    // a mail reader shows a link up to the end and hides an unclosed script: so does the text
    assertEquals(
        "unclosed link (https://x.example.com)\n",
        HtmlToText.convert("<a href=\"https://x.example.com\">unclosed link"));
    assertEquals("shown\n", HtmlToText.convert("<p>shown</p><script>code hidden"));
  }

  @Test
  void decodesEveryNamedEntity() {
    // &nbsp; is a no-break space, as one typed or formatted into the data: it reads as a space
    assertEquals(
        "Caf\u00e9 M\u00fcller \u2014 5\u00a0\u20ac\n",
        HtmlToText.convert("<p>Caf&eacute; M&uuml;ller &mdash; 5&nbsp;&euro;</p>"));
    assertEquals(
        "on 2 november 2026 \u2014 \u00ab\u00a0\u00bb it\u2019s in the shop"
            + " (https://x.test/?a=1&copy=2)\n",
        HtmlToText.convert(
            "on 2 november 2026 &mdash; &laquo;&nbsp;&raquo; it&rsquo;s in the"
                + " <a href=\"https://x.test/?a=1&copy=2\">shop</a>"));
  }

  @Test
  void decodesEntitiesOnceAndLeavesTextThatIsNotAnEntity() {
    assertEquals(
        "\u20ac\u00a05 < 6 > 4 \"q\" 'a' \u00e9\u00e9 &lt; &Co & ; &#xZZ;\n",
        HtmlToText.convert(
            "&euro;&nbsp;5 &lt; 6 &gt; 4 &quot;q&quot; &#39;a&apos; &#233;&#xE9; &amp;lt; &Co & ;"
                + " &#xZZ;"));
    assertEquals("a < b\n", HtmlToText.convert("a < b"));
  }

  @Test
  void atMostOneBlankLineInARowAndNoneAtTheEnds() {
    assertEquals(
        "a\n\nb\n\nc\n",
        HtmlToText.convert("<p></p><div>a</div><div></div><p>  </p><p>b<br><br >c</p><br><br>"));
  }

  /** About the size and shape of the demo's mails: a title, tables, paragraphs, links, a list. */
  static final String TYPICAL_MAIL =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Autumn offer</title>"
          + "<style>body{font-family:sans-serif} td{padding:4px}</style></head><body>"
          + "<table width=\"100%\"><tr><td><h1>Autumn offer for you</h1></td></tr><tr><td>"
          + "<p>Dear Maria Rossi,</p><p>on 2 November 2026 you have spent 1.234,50 &euro; with us"
          + " &amp; we would like to thank you with a few offers chosen for Milano.</p>"
          + "<ul><li>Espresso machine &#8211; 20% off</li><li>Coffee beans, 1 kg</li>"
          + "<li>Cups &amp; saucers</li></ul><p>See them all in <a href=\"https://shop.example.com/"
          + "offers?c=autumn&amp;u=1234\">our shop</a> or write to <a href=\"mailto:shop@example"
          + ".com\">shop@example.com</a>.</p><p>Kind regards,<br>the shop team</p></td></tr>"
          + "</table><p style=\"font-size:small\">You receive this because you are a customer."
          + " <a href=\"https://x.example.com/t/u/abcdefghijklmnopqrstuvwxyz0123456789\">"
          + "Unsubscribe</a></p></body></html>";

  @Test
  void convertsATypicalMailQuicklyEnoughToRunForEveryMessage() {
    String expected =
        "Autumn offer for you\n\nDear Maria Rossi,\n\non 2 November 2026 you have spent"
            + " 1.234,50 \u20ac with us & we would like to thank you with a few offers chosen for"
            + " Milano.\n\n- Espresso machine \u2013 20% off\n- Coffee beans, 1 kg\n- Cups &"
            + " saucers\n\nSee them all in our shop (https://shop.example.com/offers?c=autumn&u=1234)"
            + " or write to shop@example.com.\n\nKind regards,\nthe shop team\n\nYou receive"
            + " this because you are a customer. Unsubscribe"
            + " (https://x.example.com/t/u/abcdefghijklmnopqrstuvwxyz0123456789)\n";
    assertEquals(expected, HtmlToText.convert(TYPICAL_MAIL));
    // a rate, printed for the record and not asserted: machines differ
    int n = 0;
    long start = System.nanoTime();
    long warm = start + 1_000_000_000L;
    while (System.nanoTime() < warm) {
      HtmlToText.convert(TYPICAL_MAIL);
    }
    start = System.nanoTime();
    long end = start + 2_000_000_000L;
    long length = 0;
    while (System.nanoTime() < end) {
      length += HtmlToText.convert(TYPICAL_MAIL).length();
      n++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "HtmlToText.convert: %d conversions of a %d-character mail in %.2f s = %.0f/s%n",
        n, TYPICAL_MAIL.length(), seconds, n / seconds);
    assertEquals((long) n * expected.length(), length);
  }
}
