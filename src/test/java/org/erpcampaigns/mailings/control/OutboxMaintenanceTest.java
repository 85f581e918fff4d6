package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.mailings.control.RelayBreakerTest.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox's upkeep on our real tables (H2): what becomes of a stopped sender's claim. */
class OutboxMaintenanceTest {
  static final String DEAD = "4711@host-a:1x2y:87:1";
  final TestClock clock = new TestClock();
  SenderDatabase db;

  @BeforeEach
  void tenRecipients() throws Exception {
    db = new SenderDatabase();
    db.mailing(5, "SENDING");
    for (int i = 1; i <= 10; i++) {
      db.recipient(5, i, "P" + i, "p" + i + "@example.test");
    }
  }

  @AfterEach
  void drop() throws Exception {
    db.close();
  }

  OutboxMaintenance cut(String inDoubt) {
    return new OutboxMaintenance(db.dataSource, clock, "host-b:1", 300, inDoubt, 6);
  }

  LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.now, ZoneOffset.UTC);
  }

  /** A sender claims all ten rows and stops while it sends row 4 (rows 1-3 were accepted). */
  void aSenderStopsDuringRowFour() throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      List<Long> ids = OutboxStore.claim(c, 5, 10, 6, DEAD, now(), id -> "<" + id + "@shop.test>");
      assertEquals(10, ids.size());
      try (PreparedStatement begin = OutboxStore.prepareBegin(c)) {
        for (long id = 1; id <= 4; id++) {
          OutboxStore.begin(begin, DEAD, id, now());
        }
      }
    }
  }

  @Test
  void aFreshClaimIsLeftToItsSender() throws Exception {
    aSenderStopsDuringRowFour();
    clock.now = clock.now.plus(Duration.ofSeconds(299));
    OutboxStore.Reconciled r = cut("resend").reconcile();
    assertEquals(0, r.retried());
    assertEquals(10, db.count(5, "SENDING"));
  }

  @Test
  void aStaleClaimIsTakenOverAndItsMessageInDoubtSentAgain() throws Exception {
    aSenderStopsDuringRowFour();
    clock.now = clock.now.plus(Duration.ofSeconds(301));
    OutboxStore.Reconciled r = cut("resend").reconcile();
    assertEquals(6, r.retried(), "rows 5-10 were never tried");
    assertEquals(1, r.inDoubt());
    assertEquals(Map.of(List.of(1L, 5L), 3), r.sentByMailing());
    assertEquals(3, db.count(5, "SENT"));
    assertEquals(6, db.count(5, "PENDING"));
    assertEquals(1, db.count(5, "FAILED"));
    assertEquals(
        1,
        db.scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE ID = 4 AND STATE = 'FAILED'"
                + " AND MESSAGE_ID = '<4@shop.test>' AND LAST_REPLY LIKE 'in doubt%'"),
        "row 4 goes again with its Message-ID");
    assertEquals(0, db.scalar("SELECT COUNT(*) FROM CM_SENDER_PROGRESS"));
    assertEquals(
        3, db.scalar("SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = 5 AND TYPE = 'DELIVERED'"));
    assertEquals(
        3,
        db.scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = 5"),
        "the takeover counts what it marks SENT");
    assertEquals(0, cut("resend").reconcile().retried(), "taken over once");
    assertEquals(3, db.scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = 5"));
  }

  @Test
  void assumeSentCountsTheMessageInDoubtAsSent() throws Exception {
    aSenderStopsDuringRowFour();
    clock.now = clock.now.plus(Duration.ofSeconds(301));
    OutboxStore.Reconciled r = cut("assume-sent").reconcile();
    assertEquals(Map.of(List.of(1L, 5L), 4), r.sentByMailing());
    assertEquals(4, db.count(5, "SENT"));
    assertEquals(0, db.count(5, "FAILED"));
    assertEquals(4, db.scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = 5"));
  }

  @Test
  void aMailingWithNothingLeftIsCompletedAndACancelledOneTakesNoMore() throws Exception {
    db.mailing(6, "CANCELLED");
    db.recipient(6, 20, "P1", "p1@example.test");
    assertEquals(0, cut("resend").closeMailings(), "mailing 5 has rows to send");
    assertEquals(1, db.count(6, "CANCELLED"), "a row that came back after the cancel");
    db.sql("UPDATE CM_OUTBOX SET STATE = 'SENT' WHERE MAILING_ID = 5");
    assertEquals(1, cut("resend").closeMailings());
    assertEquals(
        1, db.scalar("SELECT COUNT(*) FROM CM_MAILING WHERE ID = 5 AND STATE = 'COMPLETED'"));
  }
}
