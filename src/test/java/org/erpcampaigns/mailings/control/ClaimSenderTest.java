package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.erpcampaigns.mailings.FaultySmtpServer;
import org.erpcampaigns.mailings.FaultySmtpServer.Received;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.TrackingLinks;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sender thread on our real tables (H2) and a real SMTP server: what the server received and what
 * the outbox recorded.
 */
class ClaimSenderTest {
  static final int RECIPIENTS = 12;
  static final TrackingTokens TOKENS =
      new TrackingTokens("a-test-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
  final MessageRenderer renderer = new MessageRenderer();
  final AtomicBoolean stopping = new AtomicBoolean();
  SenderDatabase db;
  FaultySmtpServer smtp;
  RelayBreaker relay;

  @BeforeEach
  void aMailingBeingSent() throws Exception {
    db = new SenderDatabase();
    db.mailing(5, "SENDING");
    for (int i = 1; i <= RECIPIENTS; i++) {
      db.recipient(5, i, "P" + i, "p" + i + "@example.test");
    }
    smtp = new FaultySmtpServer(true);
    relay = new RelayBreaker(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30)), clock());
  }

  @AfterEach
  void close() throws Exception {
    smtp.close();
    db.close();
  }

  static Clock clock() {
    return Clock.systemUTC();
  }

  ClaimSender cut(boolean pipelining, Integer throttle) {
    return cut(pipelining, throttle, null);
  }

  ClaimSender cut(boolean pipelining, Integer throttle, String returnPath) {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", String.valueOf(smtp.port()));
    props.setProperty("mail.smtp.localhost", "sender.test");
    Session session = Session.getInstance(props);
    PipelinedSmtpConnection.Settings pipelined =
        pipelining ? PipelinedSmtpConnection.Settings.of(props, 5000).orElseThrow() : null;
    TrackingLinks links = new TrackingLinks("https://campaigns.shop.test/", TOKENS);
    MailingsBeingSent mailings =
        new MailingsBeingSent(
            clock(),
            () -> {
              try (var c = db.dataSource.getConnection()) {
                return OutboxStore.sendingMailings(c).stream()
                    .map(
                        s ->
                            new MailingsBeingSent.Sending(
                                s.mailingId(), s.campaignId(), s.templateId(), throttle))
                    .toList();
              }
            },
            id -> {});
    return new ClaimSender(
        db.dataSource,
        new ClaimSender.Settings("host-a:1", 1, 500, 6, null, SenderDatabase.CHANNELS),
        session,
        pipelined,
        new OutgoingMessages(
            session,
            pipelined,
            renderer,
            links,
            new ReturnPaths(TOKENS, returnPath),
            Optional.empty(),
            new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(3600)),
            clock()),
        mailings,
        s ->
            new MailingContent(
                s.mailingId(),
                s.campaignId(),
                "Shop",
                "news@shop.test",
                null,
                "en",
                Map.of(
                    "en",
                    renderer.compile(
                        "Spring offers", "<p>Hello {{ contact.firstName }}</p>", null)),
                false),
        new ClusterThrottles("host-a:1", 0),
        relay,
        stopping::get,
        clock());
  }

  /** Runs the thread until it has nothing due (it waits two seconds for more first). */
  void runUntilIdle(ClaimSender cut) throws Exception {
    CompletableFuture.runAsync(cut::run).get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyDueRowIsSentOnceWithTheMessageIdRecordedBeforeIt() throws Exception {
    runUntilIdle(cut(true, null));
    List<Received> got = smtp.received();
    assertEquals(RECIPIENTS, got.size());
    assertEquals(RECIPIENTS, got.stream().map(Received::recipient).distinct().count());
    assertTrue(got.get(0).data().contains("Hello P1"), "rendered for its recipient");
    for (Received r : got) {
      assertEquals(
          1,
          db.scalar(
              "SELECT COUNT(*) FROM CM_OUTBOX WHERE EMAIL = ? AND MESSAGE_ID = ? AND STATE = 'SENT'",
              r.recipient(),
              r.messageId()),
          r.recipient());
    }
    assertEquals(
        RECIPIENTS,
        db.scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = 5"),
        "the accepted messages are counted with their SENT state");
    assertEquals(0, db.scalar("SELECT COUNT(*) FROM CM_SENDER_PROGRESS"), "every claim ended");
    assertEquals(
        RECIPIENTS,
        db.scalar("SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = 5 AND TYPE = 'SENT'"));
  }

  @Test
  void withABounceAddressEachMessageGoesFromItsOwnReturnPathOverOneConnection() throws Exception {
    // both SMTP clients: ours, and Jakarta Mail's transport (a relay with its own trust and the
    // like), each with one connection for all messages
    for (boolean pipelining : new boolean[] {true, false}) {
      db.sql("UPDATE CM_OUTBOX SET STATE = 'PENDING', MESSAGE_ID = NULL WHERE MAILING_ID = 5");
      int before = smtp.received().size();
      int connections = smtp.connections.get();
      runUntilIdle(cut(pipelining, null, "bounces@mail.shop.test"));
      List<Received> got = smtp.received().subList(before, smtp.received().size());
      assertEquals(RECIPIENTS, got.size(), "pipelining " + pipelining);
      assertEquals(1, smtp.connections.get() - connections, "one connection");
      ReturnPaths recognise = new ReturnPaths(TOKENS, null);
      for (Received r : got) {
        assertTrue(r.sender().startsWith("bounces+"), r.sender());
        assertTrue(r.sender().endsWith("@mail.shop.test"), r.sender());
        assertEquals(
            db.scalar("SELECT ID FROM CM_OUTBOX WHERE EMAIL = ?", r.recipient()),
            recognise.outboxIdOf(r.sender()).orElseThrow(),
            "the return path names the recipient's row");
        assertTrue(r.data().contains("\r\nList-Id: <campaign-1.mail.shop.test>\r\n"), r.data());
        assertTrue(r.data().contains("\r\nPrecedence: bulk\r\n"), r.data());
        assertTrue(r.data().contains("\r\nFrom: Shop <news@shop.test>\r\n"), r.data());
        assertFalse(r.data().contains("Return-Path:"), "the receiving server writes it");
      }
      assertEquals(RECIPIENTS, got.stream().map(Received::sender).distinct().count());
    }
  }

  @Test
  void withoutABounceAddressMessagesGoFromTheirSender() throws Exception {
    runUntilIdle(cut(false, null));
    assertEquals(RECIPIENTS, smtp.received().size());
    assertTrue(smtp.received().stream().allMatch(r -> r.sender().equals("news@shop.test")));
  }

  @Test
  void aRefusedRecipientBouncesAndOneWhoMayNotBeMailedNowIsSkipped() throws Exception {
    smtp.rejectRecipient = r -> r.equals("p3@example.test");
    db.sql("UPDATE TEST_CHANNELS SET ALLOW_SOLICITATION = 'N' WHERE CONTACT_ID = 'P7'");
    runUntilIdle(cut(false, null));
    assertEquals(RECIPIENTS - 2, smtp.received().size());
    assertEquals(
        1,
        db.scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE ID = 3 AND STATE = 'BOUNCED'"
                + " AND LAST_REPLY LIKE '550 5.1.1%'"));
    assertEquals(
        1, db.scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE ID = 7 AND STATE = 'SUPPRESSED'"));
    assertEquals(RECIPIENTS - 2, db.count(5, "SENT"));
  }

  @Test
  void anUnreachableRelayCostsNoMessageAnAttempt() throws Exception {
    smtp.refuseConnections.set(1000);
    runUntilIdle(cut(true, null));
    assertEquals(0, smtp.received().size());
    assertEquals(RECIPIENTS, db.count(5, "PENDING"), "back in line");
    assertEquals(0, db.scalar("SELECT MAX(ATTEMPTS) FROM CM_OUTBOX WHERE MAILING_ID = 5"));
    assertTrue(relay.outage().isPresent(), "no claims until the relay's next try");
  }

  @Test
  void stoppingLetsTheCurrentMessageFinishAndPutsTheRestBack() throws Exception {
    ClaimSender cut = cut(true, 4); // four a second: the stop comes in the middle of the claim
    CompletableFuture<Void> thread = CompletableFuture.runAsync(cut::run);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (smtp.received().size() < 3 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    stopping.set(true);
    thread.get(30, TimeUnit.SECONDS);
    int got = smtp.received().size();
    assertTrue(got >= 3 && got < RECIPIENTS, "stopped in the middle: " + got);
    assertEquals(got, db.count(5, "SENT"), "what the server accepted is what the outbox says");
    assertEquals(RECIPIENTS - got, db.count(5, "PENDING"), "the untried ones back in line");
    assertEquals(0, db.count(5, "SENDING"), "no message in doubt");
    assertEquals(
        0,
        db.scalar("SELECT MAX(ATTEMPTS) FROM CM_OUTBOX WHERE MAILING_ID = 5 AND STATE = 'PENDING'"),
        "their attempt not counted");
  }
}
