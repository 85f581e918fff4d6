package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.junit.jupiter.api.Test;

/** The message as it goes over SMTP, parsed back as a receiving client would. */
class MailComposerTest {
  private final Session session = Session.getInstance(new Properties());
  private final MailingContent content =
      new MailingContent(
          12,
          34,
          "Caf\u00e9 M\u00fcller",
          "news@shop.example.com",
          "help@shop.example.com",
          "en",
          Map.of(),
          false);

  @Test
  void bodyAndHeadersSurviveTheTripWhateverTheText() throws Exception {
    String text =
        "Gr\u00fc\u00dfe, \u00e9t\u00e9 \u20ac 5 = five\r\ntrailing space \n\ttab\t\n.\n"
            + "x".repeat(200)
            + "\n"
            + "\u00e4".repeat(60)
            + "\nsmile \uD83D\uDE00 lone\rcarriage "
            + "\uD83D\uDE00".repeat(30)
            + "\nend";
    String html =
        "<html><body><p style=\"a:b\">"
            + "<b>long</b> ".repeat(40)
            + "</p>\n<p>\u65e5\u672c</p></body></html>";
    MimeMessage sent =
        MailComposer.compose(
            session,
            content,
            new InternetAddress("maria@example.com"),
            new RenderedMessage("\u00c9t\u00e9 offers", html, text),
            "<77.abc@shop.example.com>",
            new MailComposer.Marketing(
                "https://campaigns.example.com/t/u/tok",
                "unsubscribe@shop.example.com?subject=unsubscribe%20tok",
                MailComposer.listId(34, "Shop.Example.com"),
                "bounces+1j-abcdefghijklmnop@shop.example.com"));
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    sent.writeTo(wire);
    String raw = wire.toString(StandardCharsets.US_ASCII);
    for (String line : raw.split("\r\n", -1)) {
      assertTrue(line.length() <= 998, "header or body line too long");
    }
    String body = raw.substring(raw.indexOf("\r\n\r\n"));
    for (String line : body.split("\r\n", -1)) {
      assertTrue(line.length() <= 76, "quoted-printable line over 76: " + line);
      assertTrue(line.chars().allMatch(c -> c < 128), "8-bit byte on the wire");
    }

    MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
    assertEquals("<77.abc@shop.example.com>", received.getMessageID());
    assertEquals("\u00c9t\u00e9 offers", received.getSubject());
    assertEquals("Caf\u00e9 M\u00fcller", ((InternetAddress) received.getFrom()[0]).getPersonal());
    assertEquals("help@shop.example.com", received.getReplyTo()[0].toString());
    assertEquals("maria@example.com", received.getAllRecipients()[0].toString());
    assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
    assertEquals("m12:c34:marketing:erp-campaigns", received.getHeader("Feedback-ID", null));
    assertEquals("<campaign-34.shop.example.com>", received.getHeader("List-Id", null));
    assertEquals("bulk", received.getHeader("Precedence", null));
    assertEquals(null, received.getHeader("Return-Path"), "the receiving server writes it");
    assertEquals(
        "bounces+1j-abcdefghijklmnop@shop.example.com",
        ((org.eclipse.angus.mail.smtp.SMTPMessage) sent).getEnvelopeFrom(),
        "the SMTP client's MAIL FROM");
    assertTrue(received.getContentType().startsWith("multipart/alternative"));
    Multipart parts = (Multipart) received.getContent();
    assertEquals(2, parts.getCount());
    BodyPart plain = parts.getBodyPart(0);
    BodyPart rich = parts.getBodyPart(1);
    assertTrue(plain.isMimeType("text/plain"));
    assertTrue(rich.isMimeType("text/html"));
    assertEquals(text.replace("\r\n", "\n").replace("\n", "\r\n"), plain.getContent());
    assertEquals(html.replace("\n", "\r\n"), rich.getContent());
    assertEquals(sent.getMessageID(), received.getMessageID());
  }

  @Test
  void everyMessageHasItsOwnBoundary() throws Exception {
    RenderedMessage m = new RenderedMessage("s", "<p>h</p>", "t");
    InternetAddress to = new InternetAddress("a@example.com");
    String a = MailComposer.compose(session, content, to, m, "<1.a@x>", null).getContentType();
    String b = MailComposer.compose(session, content, to, m, "<1.a@x>", null).getContentType();
    assertTrue(a.contains("boundary=\"=_"), a);
    assertTrue(!a.equals(b), a);
  }

  @Test
  void aMessageToOnePersonHasNoListHeadersAndGoesFromItsSender() throws Exception {
    MimeMessage test =
        MailComposer.compose(
            session,
            content,
            new InternetAddress("tester@example.com"),
            new RenderedMessage("[Test] s", "<p>h</p>", "t"),
            "<0.test1@shop.example.com>",
            null);
    for (String header :
        new String[] {"List-Id", "Precedence", "List-Unsubscribe", "Return-Path"}) {
      assertEquals(null, test.getHeader(header), header);
    }
    InternetAddress to = new InternetAddress("tester@example.com");
    PipelinedSmtpConnection.Settings plain =
        PipelinedSmtpConnection.Settings.of(new Properties(), 1000).orElseThrow();
    assertEquals("news@shop.example.com", plain.envelope(test, to).from());
  }
}
