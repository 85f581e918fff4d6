package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;
import org.junit.jupiter.api.Test;

/** Bounces, complaints and replies as real mail servers send them (samples in test resources). */
class DeliveryReportsTest {

  @Test
  void postfixUserUnknownIsAHardBounceOfTheReturnedMessage() throws Exception {
    InboundReport r = read("postfix-hard-bounce.eml").orElseThrow();
    assertEquals(Kind.HARD_BOUNCE, r.kind());
    assertEquals("5.1.1", r.status());
    assertEquals("maria.rossi@example.it", r.recipient());
    assertEquals(List.of("<cm.7a1f.1042@campaigns.shop.example>"), r.referencedMessageIds());
    assertEquals("sy.AbCdEfGhIjKlMnOpQrStUv", r.unsubscribeToken(), "from List-Unsubscribe");
    assertTrue(r.detail().startsWith("hard 5.1.1 user unknown: smtp; 550 5.1.1"), r.detail());
    assertTrue(r.detail().contains("User unknown in virtual mailbox table"), r.detail());
  }

  @Test
  void postfixDelayIsASoftBounceFoundByTheReturnedHeaders() throws Exception {
    InboundReport r = read("postfix-delayed.eml").orElseThrow();
    assertEquals(Kind.SOFT_BOUNCE, r.kind());
    assertEquals("4.4.1", r.status());
    assertEquals("jan@example.nl", r.recipient());
    assertEquals(List.of("<cm.7a1f.2077@campaigns.shop.example>"), r.referencedMessageIds());
    assertNull(r.unsubscribeToken());
    assertTrue(r.detail().startsWith("soft 4.4.1"), r.detail());
  }

  @Test
  void exchangeNonDeliveryReportIsAHardBounceNotAReply() throws Exception {
    InboundReport r = read("exchange-ndr.eml").orElseThrow();
    assertEquals(Kind.HARD_BOUNCE, r.kind(), "it has In-Reply-To, but it is a report");
    assertEquals("5.1.10", r.status());
    assertEquals("p.janssens@contoso.example", r.recipient());
    assertEquals(List.of("<cm.7a1f.3105@campaigns.shop.example>"), r.referencedMessageIds());
    assertTrue(r.detail().contains("RESOLVER.ADR.RecipientNotFound"), r.detail());
  }

  @Test
  void arfAbuseReportIsAComplaintFoundByTheUnsubscribeToken() throws Exception {
    InboundReport r = read("arf-abuse.eml").orElseThrow();
    assertEquals(Kind.COMPLAINT, r.kind());
    assertEquals("lucie.martin@hotmail.example", r.recipient());
    assertEquals(List.of(), r.referencedMessageIds(), "the returned message has no Message-ID");
    assertEquals("2a9.ZyXwVuTsRqPoNmLkJiHgFe", r.unsubscribeToken());
    assertTrue(r.detail().startsWith("feedback abuse"), r.detail());
  }

  @Test
  void replyRefersToTheMessageRepliedToFirst() throws Exception {
    InboundReport r = read("reply.eml").orElseThrow();
    assertEquals(Kind.REPLY, r.kind());
    assertEquals(
        List.of("<cm.7a1f.1042@campaigns.shop.example>", "<cm.7a1f.0999@campaigns.shop.example>"),
        r.referencedMessageIds());
    assertEquals("maria.rossi@example.it", r.recipient());
    assertEquals("Re: Autumn offers for you", r.detail());
  }

  @Test
  void outOfOfficeIsAnAutomaticReply() throws Exception {
    InboundReport r = read("out-of-office.eml").orElseThrow();
    assertEquals(Kind.AUTO_REPLY, r.kind());
    assertEquals(List.of("<cm.7a1f.2077@campaigns.shop.example>"), r.referencedMessageIds());
  }

  @Test
  void aPlainQmailBounceWithoutTheReturnedMessageIsReadButRefersToNothing() throws Exception {
    InboundReport r = read("plain-bounce.eml").orElseThrow();
    assertEquals(Kind.HARD_BOUNCE, r.kind());
    assertEquals("5.1.1", r.status());
    assertEquals("someone@old-mta.example", r.recipient());
    assertEquals(List.of(), r.referencedMessageIds(), "so the poller leaves it for a human");
  }

  @Test
  void recipientFieldsAreReadInTheirForms() {
    assertEquals("a.b@example.com", DeliveryReports.address("rfc822; A.B@Example.com"));
    assertEquals("a.b@example.com", DeliveryReports.address("rfc822;<a.b@example.com>"));
    assertNull(DeliveryReports.address("x400; C=IT;A=;P=ACME"));
    assertEquals(
        List.of("<a@x>", "<b@y>"), DeliveryReports.messageIds(" <a@x>\r\n\t<b@y> garbage"));
  }

  static Optional<InboundReport> read(String sample) throws Exception {
    try (InputStream in = DeliveryReportsTest.class.getResourceAsStream("/tracking/" + sample)) {
      return DeliveryReports.read(
          new MimeMessage(Session.getInstance(new Properties()), in),
          new UnsubscribeRequests(null));
    }
  }
}
