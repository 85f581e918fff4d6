package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;
import org.junit.jupiter.api.Test;

/**
 * Mails that recipients send through the List-Unsubscribe mailto, as mail clients write them: the
 * token is found in the subject in its variants or on the body's first line, and only a token that
 * TrackingTokens made verifies.
 */
class UnsubscribeRequestsTest {
  private final TrackingTokens tokens =
      new TrackingTokens("unit-test-secret-0123456789".getBytes(StandardCharsets.UTF_8));
  private final String token = tokens.sign(4242, Purpose.UNSUBSCRIBE);
  private final UnsubscribeRequests cut = new UnsubscribeRequests(null);

  @Test
  void theSubjectTheMailtoPutsThereNamesTheMessage() throws Exception {
    InboundReport r = read("unsubscribe@shop.example", "unsubscribe " + token, "").orElseThrow();
    assertEquals(Kind.UNSUBSCRIBE, r.kind());
    assertEquals(token, r.unsubscribeToken());
    assertEquals(4242, tokens.verify(r.unsubscribeToken(), Purpose.UNSUBSCRIBE).getAsLong());
    assertEquals("maria.rossi@example.it", r.recipient());
    assertEquals(List.of(), r.referencedMessageIds(), "only the token names a message");
    assertEquals("unsubscribe mail, token in the subject", r.detail());
  }

  @Test
  void subjectVariantsOfMailClientsAndPeopleAllFindTheToken() {
    for (String subject :
        List.of(
            "unsubscribe " + token,
            "Re: unsubscribe " + token,
            "RE: Fwd: unsubscribe " + token,
            "UNSUBSCRIBE " + token,
            "Unsubscribe " + token,
            "  unsubscribe \t   " + token + "   ",
            "unsubscribe%20" + token,
            "[EXTERNAL] unsubscribe " + token + " please",
            "unsubscribe " + token + "?lang=it")) {
      assertEquals(Optional.of(token), UnsubscribeRequests.token(subject), subject);
    }
  }

  @Test
  void textThatOnlyMentionsUnsubscribingIsNoRequest() {
    for (String subject :
        List.of(
            "Re: Autumn offers for you",
            "unsubscribe",
            "Please unsubscribe me.please",
            "unsubscribe " + token.substring(0, token.length() - 1),
            "xunsubscribe " + token,
            token)) {
      assertTrue(UnsubscribeRequests.token(subject).isEmpty(), subject);
    }
    assertTrue(UnsubscribeRequests.token(null).isEmpty());
  }

  @Test
  void anEncodedSubjectIsDecodedFirst() throws Exception {
    String encoded = "=?UTF-8?Q?Re=3A_unsubscribe_" + token.replace("_", "=5F") + "?=";
    InboundReport r = read("unsubscribe@shop.example", encoded, "").orElseThrow();
    assertEquals(token, r.unsubscribeToken());
  }

  @Test
  void whenTheSubjectLostTheTokenTheBodysFirstLineHasIt() throws Exception {
    InboundReport r =
        read(
                "unsubscribe@shop.example",
                "Abmelden",
                "\r\n\r\n  unsubscribe " + token + "\r\n\r\nGesendet von meinem Telefon\r\n")
            .orElseThrow();
    assertEquals(token, r.unsubscribeToken());
    assertEquals("unsubscribe mail, token in the first line", r.detail());
  }

  @Test
  void onlyTheFirstLineOfTheBodyCounts() throws Exception {
    Optional<InboundReport> r =
        read(
            "news@shop.example",
            "Question",
            "Is the offer valid in Milano?\r\n\r\n> unsubscribe " + token + "\r\n");
    assertTrue(r.isEmpty(), "a quoted link further down is no request");
  }

  @Test
  void anHtmlOnlyBodyIsReadWithoutItsTags() throws Exception {
    String raw =
        headers("unsubscribe@shop.example", "Sent from my phone")
            + "Content-Type: multipart/alternative; boundary=b1\r\n\r\n"
            + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
            + "<html><body><div>unsubscribe "
            + token
            + "</div><div>Maria</div></body></html>\r\n--b1--\r\n";
    assertEquals(token, cut.read(parse(raw)).orElseThrow().unsubscribeToken());
  }

  @Test
  void aForgedOrAlteredTokenIsFoundButDoesNotVerify() throws Exception {
    String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    String otherSecret =
        new TrackingTokens("another-secret-0123456789".getBytes(StandardCharsets.UTF_8))
            .sign(4242, Purpose.UNSUBSCRIBE);
    String otherId = Long.toString(4243, 36) + token.substring(token.indexOf('.'));
    String openToken = tokens.sign(4242, Purpose.OPEN);
    for (String forged : List.of(altered, otherSecret, otherId, openToken, token.toUpperCase())) {
      InboundReport r = read("unsubscribe@shop.example", "unsubscribe " + forged, "").orElseThrow();
      assertEquals(forged, r.unsubscribeToken(), "taken as written");
      assertTrue(tokens.verify(r.unsubscribeToken(), Purpose.UNSUBSCRIBE).isEmpty(), forged);
    }
  }

  @Test
  void mailToTheUnsubscribeAddressWithoutATokenIsARequestNamingNobody() throws Exception {
    InboundReport r =
        read("Unsubscribe <UNSUBSCRIBE@shop.example>", "unsubscribe", "").orElseThrow();
    assertEquals(Kind.UNSUBSCRIBE, r.kind());
    assertNull(r.unsubscribeToken());
    assertEquals("unsubscribe mail", r.detail());

    String viaEnvelope =
        "Delivered-To: unsubscribe@mail.shop.example\r\n"
            + headers("list@shop.example", "stop")
            + "Content-Type: text/plain\r\n\r\nstop sending\r\n";
    assertNull(cut.read(parse(viaEnvelope)).orElseThrow().unsubscribeToken());

    assertTrue(read("news@shop.example", "unsubscribe", "please").isEmpty(), "not addressed");
  }

  @Test
  void theConfiguredAddressIsAnUnsubscribeAddressBesidesTheDefault() throws Exception {
    UnsubscribeRequests configured = new UnsubscribeRequests(" Opt-Out@Lists.Shop.Example ");
    assertTrue(configured.isUnsubscribeAddress("opt-out@lists.shop.example"));
    assertTrue(configured.isUnsubscribeAddress("unsubscribe@older-sender.example"));
    assertFalse(configured.isUnsubscribeAddress("opt-out@shop.example"));
    assertFalse(configured.isUnsubscribeAddress("news@shop.example"));
    assertFalse(cut.isUnsubscribeAddress("opt-out@lists.shop.example"));
    MimeMessage m =
        parse(
            headers("opt-out@lists.shop.example", "hello")
                + "Content-Type: text/plain\r\n\r\nno token\r\n");
    assertTrue(configured.read(m).isPresent());
    assertTrue(cut.read(m).isEmpty());
  }

  @Test
  void aConfiguredValueThatIsNoAddressIsRefusedClearly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new UnsubscribeRequests("mailto:unsubscribe@shop.example"));
    assertTrue(e.getMessage().contains("campaigns.mail.unsubscribe-mailto"), e.getMessage());
    assertTrue(e.getMessage().contains("mailto:unsubscribe@shop.example"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new UnsubscribeRequests("unsubscribe"));
  }

  @Test
  void aReplyAskingToUnsubscribeIsAnUnsubscribeNotAReply() throws Exception {
    String raw =
        headers("news@shop.example", "Re: unsubscribe " + token)
            + "In-Reply-To: <cm.7a1f.1042@campaigns.shop.example>\r\n"
            + "Content-Type: text/plain\r\n\r\nthanks\r\n";
    InboundReport r = DeliveryReports.read(parse(raw), cut).orElseThrow();
    assertEquals(Kind.UNSUBSCRIBE, r.kind());
    assertEquals(List.of(), r.referencedMessageIds(), "the token, not the thread, names it");
    assertEquals(token, r.unsubscribeToken());
  }

  @Test
  void aBounceDeliveredToTheUnsubscribeAddressIsStillABounce() throws Exception {
    String raw;
    try (InputStream in = getClass().getResourceAsStream("/tracking/postfix-hard-bounce.eml")) {
      raw =
          "Delivered-To: unsubscribe@campaigns.shop.example\r\n"
              + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(Kind.HARD_BOUNCE, DeliveryReports.read(parse(raw), cut).orElseThrow().kind());
  }

  private Optional<InboundReport> read(String to, String subject, String body) throws Exception {
    return cut.read(
        parse(
            headers(to, subject)
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + body));
  }

  private static String headers(String to, String subject) {
    return "From: Maria Rossi <Maria.Rossi@example.it>\r\n"
        + "To: "
        + to
        + "\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Date: Tue, 24 Nov 2026 11:02:41 +0100\r\n"
        + "Message-ID: <u1@mail.example.it>\r\n"
        + "MIME-Version: 1.0\r\n";
  }

  private static MimeMessage parse(String raw) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }
}
