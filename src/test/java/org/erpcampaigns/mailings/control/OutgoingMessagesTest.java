package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.erpcampaigns.mailings.control.OutboxStore.Claimed;
import org.erpcampaigns.mailings.control.RelayBreakerTest.TestClock;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.TrackingLinks;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.junit.jupiter.api.Test;

class OutgoingMessagesTest {
  final TestClock clock = new TestClock();
  final MessageRenderer renderer = new MessageRenderer();
  final TrackingTokens tokens =
      new TrackingTokens("a-test-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
  final TrackingLinks links = new TrackingLinks("https://campaigns.shop.test/", tokens);

  OutgoingMessages cut(Optional<String> mailto) {
    return cut(mailto, null, null);
  }

  OutgoingMessages cut(
      Optional<String> mailto, String returnPath, PipelinedSmtpConnection.Settings pipelined) {
    return new OutgoingMessages(
        Session.getInstance(new Properties()),
        pipelined,
        renderer,
        links,
        new ReturnPaths(tokens, returnPath),
        mailto,
        new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(3600)),
        clock);
  }

  MailingContent content(String html) {
    return new MailingContent(
        5,
        1,
        "Shop",
        "news@shop.test",
        null,
        "en",
        Map.of("en", renderer.compile("Spring offers", html, null)),
        false);
  }

  static Claimed row(String email, boolean suppressed) {
    Recipient known =
        new Recipient(
            "P42",
            email,
            null,
            "Maria",
            "Rossi",
            "Maria Rossi",
            null,
            "Roma",
            "IT",
            null,
            null,
            null,
            0);
    return new Claimed(42, email, "<42.x@shop.test>", 2, suppressed, known);
  }

  @Test
  void aMessageCarriesItsMessageIdAndTrackedUnsubscribeHeaders() throws Exception {
    OutgoingMessage m =
        cut(Optional.empty())
            .of(
                content("<p><a href=\"https://shop.test/a\">A</a></p>"),
                row("anna@example.test", false));
    assertNull(m.unsendable());
    assertEquals("<42.x@shop.test>", m.message().getMessageID());
    String unsubscribe = m.message().getHeader("List-Unsubscribe")[0];
    assertTrue(unsubscribe.contains(links.unsubscribeUrl(42)), unsubscribe);
    assertTrue(
        unsubscribe.contains("mailto:unsubscribe@shop.test?subject=unsubscribe%20"), unsubscribe);
  }

  @Test
  void withABounceAddressEachMessageGoesFromItsOwnSignedReturnPath() throws Exception {
    PipelinedSmtpConnection.Settings smtp =
        PipelinedSmtpConnection.Settings.of(new Properties(), 1000).orElseThrow();
    OutgoingMessage m =
        cut(Optional.empty(), "bounces@news.shop.test", smtp)
            .of(content("<p>x</p>"), row("anna@example.test", false));
    String envelopeFrom = m.envelope().from();
    assertTrue(envelopeFrom.startsWith("bounces+"), envelopeFrom);
    assertTrue(envelopeFrom.endsWith("@news.shop.test"), envelopeFrom);
    assertEquals(
        42,
        new ReturnPaths(tokens, null).outboxIdOf(envelopeFrom).orElseThrow(),
        "the address names the row");
    assertEquals("anna@example.test", m.envelope().to());
    assertEquals(
        "news@shop.test",
        ((InternetAddress) m.message().getFrom()[0]).getAddress(),
        "From stays the sender");
    assertNull(m.message().getHeader("Return-Path"), "the receiving server writes it");
    assertEquals("<campaign-1.news.shop.test>", m.message().getHeader("List-Id", null));
    assertEquals("bulk", m.message().getHeader("Precedence", null));
  }

  @Test
  void withoutABounceAddressMessagesGoFromTheirSenderAsBefore() throws Exception {
    PipelinedSmtpConnection.Settings smtp =
        PipelinedSmtpConnection.Settings.of(new Properties(), 1000).orElseThrow();
    OutgoingMessage m =
        cut(Optional.empty(), " ", smtp).of(content("<p>x</p>"), row("anna@example.test", false));
    assertEquals("news@shop.test", m.envelope().from());
    assertEquals("<campaign-1.shop.test>", m.message().getHeader("List-Id", null));
    assertEquals("bulk", m.message().getHeader("Precedence", null));
  }

  @Test
  void theConfiguredUnsubscribeAddressIsUsed() {
    String url = links.unsubscribeUrl(42);
    String token = url.substring(url.lastIndexOf('/') + 1);
    assertEquals(
        "optout@lists.shop.test?subject=unsubscribe%20" + token,
        cut(Optional.of(" optout@lists.shop.test ")).unsubscribeMailto(content("<p>x</p>"), url));
    assertEquals(
        "unsubscribe@shop.test?subject=unsubscribe%20" + token,
        cut(Optional.of(" ")).unsubscribeMailto(content("<p>x</p>"), url),
        "a blank setting: the sender's domain");
  }

  @Test
  void aRowThatCannotGoSaysWhy() {
    OutgoingMessages cut = cut(Optional.empty());
    assertEquals(
        OutboxState.SUPPRESSED,
        cut.of(content("<p>x</p>"), row("anna@example.test", true)).unsendable().state());
    OutboxStore.Failure invalid =
        cut.of(content("<p>x</p>"), row("two words@example.test", false)).unsendable();
    assertEquals(OutboxState.BOUNCED, invalid.state());
    assertTrue(invalid.reply().startsWith("invalid address"), invalid.reply());
  }

  @Test
  void aMessageThatDoesNotRenderIsTriedAgainAfterTheBackoff() {
    OutboxStore.Failure f =
        cut(Optional.empty())
            .of(
                content("<p>{{ contact.firstName | nosuchfilter }}</p>"),
                row("anna@example.test", false))
            .unsendable();
    assertEquals(OutboxState.FAILED, f.state());
    assertTrue(f.reply().startsWith("not rendered"), f.reply());
    assertEquals(
        LocalDateTime.of(2026, 11, 25, 10, 0)
            .plus(new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(3600)).after(2)),
        f.retryAt());
  }
}
