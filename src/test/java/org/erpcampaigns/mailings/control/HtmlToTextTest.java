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
  void tagsThatAreNotCompleteLinksOrDroppedBlocksOnlyLoseTheirTags() {
    assertEquals(
        "anchor and text\n", HtmlToText.convert("<a name=top>anchor</a> and <abbr>text</abbr>"));
    assertEquals(
        "unclosed link\n", HtmlToText.convert("<a href=\"https://x.example.com\">unclosed link"));
    assertEquals("code kept\n", HtmlToText.convert("<script>code kept"));
  }

  @Test
  void decodesEntitiesOnceAndLeavesTextThatIsNotAnEntity() {
    assertEquals(
        "\u20ac 5 < 6 > 4 \"q\" 'a' \u00e9\u00e9 &lt; &Co & ; &#xZZ;\n",
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
}
