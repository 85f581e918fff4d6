package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {
  private final TrackingTokens tokens =
      new TrackingTokens("a-test-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
  private final TrackingLinks cut = new TrackingLinks("https://mail.example.com/cm", tokens);

  @Test
  void tokensVerifyOnlyForTheirOwnMessageAndPurpose() {
    String open = tokens.sign(4711, Purpose.OPEN);
    assertEquals(OptionalLong.of(4711), tokens.verify(open, Purpose.OPEN));
    assertTrue(tokens.verify(open, Purpose.UNSUBSCRIBE).isEmpty());
    assertTrue(tokens.verifyClick(open, "https://example.com/").isEmpty());

    // Another message's id with this signature, a changed signature, garbage: all refused.
    String otherId = Long.toString(4712, 36) + open.substring(open.indexOf('.'));
    assertTrue(tokens.verify(otherId, Purpose.OPEN).isEmpty());
    String flipped = open.substring(0, open.length() - 1) + (open.endsWith("A") ? "B" : "A");
    assertTrue(tokens.verify(flipped, Purpose.OPEN).isEmpty());
    assertTrue(tokens.verify(open.toUpperCase(), Purpose.OPEN).isEmpty());
    for (String bad : new String[] {null, "", ".", "abc", "zz.", ".zz", "-1.AAAA", "1.%%%"}) {
      assertTrue(tokens.verify(bad, Purpose.OPEN).isEmpty(), bad);
    }
  }

  @Test
  void aTokenFromAnotherSecretDoesNotVerify() {
    TrackingTokens other =
        new TrackingTokens("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
    assertTrue(tokens.verify(other.sign(9, Purpose.UNSUBSCRIBE), Purpose.UNSUBSCRIBE).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new TrackingTokens(new byte[8]));
  }

  @Test
  void clickTokensBindTheTargetUrl() {
    String token = tokens.signClick(12, "https://shop.example.com/a?x=1&y=2");
    assertEquals(
        OptionalLong.of(12), tokens.verifyClick(token, "https://shop.example.com/a?x=1&y=2"));
    assertTrue(tokens.verifyClick(token, "https://evil.example.net/").isEmpty());
    assertTrue(tokens.verifyClick(token, null).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> tokens.sign(12, Purpose.CLICK));
  }

  @Test
  void rewriteSendsEveryWebLinkThroughItsRedirectAndAddsThePixel() {
    String html =
        "<html><body><p>Hi <a href=\"https://shop.example.com/p?id=1&amp;ref=x\">shop</a>,"
            + " <A class='b' HREF='http://example.org/'>site</A>"
            + " <a href=\"mailto:sales@example.com\">mail us</a></p></body></html>";

    String out = cut.rewrite(77, html);

    Matcher links =
        Pattern.compile("href=[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE).matcher(out);
    assertTrue(links.find());
    String first = links.group(1).replace("&amp;", "&");
    assertTrue(first.startsWith("https://mail.example.com/cm/t/c/"), first);
    String target =
        URLDecoder.decode(first.substring(first.indexOf("?u=") + 3), StandardCharsets.UTF_8);
    assertEquals("https://shop.example.com/p?id=1&ref=x", target);
    String token = first.substring(first.indexOf("/t/c/") + 5, first.indexOf('?'));
    assertEquals(OptionalLong.of(77), tokens.verifyClick(token, target));

    assertTrue(links.find());
    assertTrue(links.group(1).startsWith("https://mail.example.com/cm/t/c/"), links.group(1));
    assertTrue(links.find());
    assertEquals("mailto:sales@example.com", links.group(1));

    int pixel = out.indexOf("<img src=\"https://mail.example.com/cm/t/o/");
    assertTrue(pixel > 0 && pixel < out.indexOf("</body>"), out);
  }

  @Test
  void unsubscribeLinksInTheContentStayDirect() {
    String unsubscribe = cut.unsubscribeUrl(5);
    String out = cut.rewrite(5, "<a href=\"" + unsubscribe + "\">unsubscribe</a>");
    assertTrue(out.startsWith("<a href=\"" + unsubscribe + "\">"), out);
    assertFalse(out.contains("/t/c/"), out);
    assertTrue(out.contains("/t/o/"), "pixel appended without a body: " + out);
  }

  @Test
  void findsWebHrefsAsTheHtmlSaysThem() {
    int[] v = new int[2];
    String[][] cases = {
      {"<a href=\"https://x.test/a\">", "https://x.test/a"},
      {"<A  HREF = 'HTTP://x.test/b?c=1&amp;d=2'>", "HTTP://x.test/b?c=1&amp;d=2"},
      {"<a\n class=\"k\" data-href=\"https://x.test/d\">", "https://x.test/d"},
      {"<a title=\"go\" href=\"mailto:a@x.test\" xhref='https://x.test/no'>", null},
      {"<a href=\"https://x.test/ok\" href=\"https://x.test/second\">", "https://x.test/ok"},
      {"<a href=\"https://\">", null},
      {"<a href=\"https://x.test/a b\">", null},
      {"<a href=https://x.test/unquoted>", null},
      {"<abbr href=\"https://x.test/\">", null},
      {"<a href=\"https://x.test/open", null},
    };
    for (String[] c : cases) {
      boolean found = TrackingLinks.webHref(c[0], 2, v);
      assertEquals(c[1] != null, found, c[0]);
      if (found) {
        assertEquals(c[1], c[0].substring(v[0], v[1]), c[0]);
      }
    }
  }
}
