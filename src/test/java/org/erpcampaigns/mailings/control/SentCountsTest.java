package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counts of sent messages that campaign costs are derived from: written with the SENT state,
 * announced once each, and announced again when the announcement's transaction did not commit.
 */
class SentCountsTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 3, 10, 0);
  SenderDatabase db;

  @BeforeEach
  void twoMailings() throws Exception {
    db = new SenderDatabase();
    db.mailing(5, "SENDING");
    db.mailing(6, "SENDING");
    for (int i = 1; i <= 10; i++) {
      db.recipient(5, i, "P" + i, "p" + i + "@example.test");
      db.recipient(6, 100 + i, "P" + i, "p" + i + "@example.test");
    }
  }

  @AfterEach
  void drop() throws Exception {
    db.close();
  }

  /** A claim of {@code rows} rows of which the first {@code accepted} were accepted. */
  int claim(Connection c, long mailing, String token, int rows, int accepted) throws Exception {
    List<Long> ids =
        OutboxStore.claim(c, mailing, rows, 6, token, NOW, id -> "<" + id + "@t>").stream()
            .sorted()
            .toList(); // sent in id order
    long lastBegun = 0;
    try (PreparedStatement begin = OutboxStore.prepareBegin(c)) {
      for (int i = 0; i < accepted; i++) {
        lastBegun = ids.get(i);
        OutboxStore.begin(begin, token, lastBegun, NOW);
      }
    }
    return OutboxStore.finish(c, mailing, 1, token, lastBegun, NOW);
  }

  long sent(long mailing) throws Exception {
    return db.scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = ?", mailing);
  }

  @Test
  void eachClaimCountsWhatItMarkedSent() throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      assertEquals(3, claim(c, 5, "a:1:1", 4, 3), "the fourth was never tried (paused)");
      assertEquals(5, claim(c, 5, "a:2:2", 5, 5));
      assertEquals(0, claim(c, 6, "a:1:3", 2, 0));
    }
    assertEquals(8, sent(5));
    assertEquals(db.count(5, "SENT"), sent(5), "the count is the outbox's SENT rows");
    assertEquals(
        0,
        db.scalar("SELECT COUNT(*) FROM CM_MAILING_SENT WHERE MAILING_ID = 6"),
        "nothing sent, nothing counted");
  }

  @Test
  void whatWasSentIsAnnouncedOnce() throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      claim(c, 5, "a:1:1", 4, 4);
      claim(c, 6, "a:1:2", 2, 2);
      assertEquals(List.of(5L, 6L), OutboxStore.unannounced(c));
      Optional<OutboxStore.Unannounced> first = OutboxStore.announce(c, 5);
      assertEquals(4, first.orElseThrow().count());
      assertEquals(1, first.get().campaignId());
      assertTrue(OutboxStore.announce(c, 5).isEmpty(), "announced already");
      claim(c, 5, "a:1:3", 3, 3);
      assertEquals(3, OutboxStore.announce(c, 5).orElseThrow().count(), "only the new ones");
      assertEquals(List.of(6L), OutboxStore.unannounced(c));
    }
  }

  @Test
  void anAnnouncementThatDidNotCommitIsMadeAgain() throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      claim(c, 5, "a:1:1", 4, 4);
      c.setAutoCommit(false);
      assertEquals(4, OutboxStore.announce(c, 5).orElseThrow().count());
      c.rollback(); // e.g. the campaign's cost could not be written, or the instance died
      c.setAutoCommit(true);
      assertEquals(4, OutboxStore.announce(c, 5).orElseThrow().count(), "nothing was lost");
    }
  }
}
