package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batched event writes on the contract tables (V4, V49) in H2's PostgreSQL mode, with the origins
 * of opens and clicks completed from the message's send time and earlier clicks.
 */
class EventWriterTest {
  private Connection c;
  private final EventWriter cut =
      new EventWriter(
          new EventIds(),
          new EngagementClassifier(
              EngagementClassifier.builtIn(), Duration.ofSeconds(10), 3, Duration.ofSeconds(5)));

  @BeforeEach
  void contractTables() throws Exception {
    c = DriverManager.getConnection("jdbc:h2:mem:events;MODE=PostgreSQL");
    try (Statement s = c.createStatement()) {
      s.execute(
          Files.readString(Path.of("src/main/resources/db/migration/V4__outbox_and_events.sql")));
      s.execute(
          Files.readString(Path.of("src/main/resources/db/migration/V49__engagement_origin.sql")));
      s.execute(
          "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
              + " CREATED_AT) VALUES (7, 70, 700, 'P7', 'p7@example.com', 'SENT',"
              + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }
  }

  @AfterEach
  void drop() throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    c.close();
  }

  @Test
  void aBatchIsWrittenWithTheMessagesContactAndDistinctIds() throws Exception {
    List<EngagementEvent> events = new ArrayList<>();
    LocalDateTime at = LocalDateTime.of(2026, 11, 24, 10, 0);
    for (int i = 0; i < 250; i++) {
      events.add(new EngagementEvent(7, EventType.OPENED, null, at));
    }
    events.add(new EngagementEvent(7, EventType.CLICKED, "https://shop.example/a", at));
    events.add(new EngagementEvent(999, EventType.OPENED, null, at));

    assertEquals(251, cut.write(c, events), "the event of an unknown message is not written");

    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT ID), MIN(ID), MIN(MAILING_ID), MIN(CAMPAIGN_ID),"
                    + " MIN(PARTY_ID), MIN(EMAIL), COUNT(DETAIL) FROM CM_EVENT")) {
      rs.next();
      assertEquals(251, rs.getLong(1));
      assertEquals(251, rs.getLong(2), "ids are distinct");
      assertTrue(rs.getLong(3) > 0, "ids are positive");
      assertEquals(70, rs.getLong(4));
      assertEquals(700, rs.getLong(5));
      assertEquals("P7", rs.getString(6));
      assertEquals("p7@example.com", rs.getString(7));
      assertEquals(1, rs.getLong(8), "the clicked link is kept");
    }
  }

  @Test
  void writeOnceKeepsOneEventOfItsTypePerMessage() throws Exception {
    LocalDateTime at = LocalDateTime.now();
    assertTrue(cut.writeOnce(c, new EngagementEvent(7, EventType.UNSUBSCRIBED, null, at)));
    assertFalse(cut.writeOnce(c, new EngagementEvent(7, EventType.UNSUBSCRIBED, null, at)));
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM CM_EVENT WHERE TYPE = 'UNSUBSCRIBED'")) {
      rs.next();
      assertEquals(1, rs.getLong(1));
    }
  }

  @Test
  void idBlocksFollowTheSequenceAsEclipseLinkReadsIt() throws Exception {
    EventIds ids = new EventIds();
    // first sequence value 1: the block ends at 1; then 101: ids 2..101
    assertEquals(1, ids.next(c));
    assertEquals(2, ids.next(c));
    for (int i = 3; i <= 101; i++) {
      assertEquals(i, ids.next(c));
    }
    assertEquals(102, ids.next(c));
  }

  @Test
  void opensAndClicksNearTheSendTimeAreMachinesAndTheRestKeepTheirOrigin() throws Exception {
    LocalDateTime sent = LocalDateTime.of(2026, 11, 24, 10, 0);
    sentAt(7, sent);
    List<EngagementEvent> events =
        List.of(
            new EngagementEvent(
                7, EventType.OPENED, null, sent.plusSeconds(1), EngagementOrigin.HUMAN),
            new EngagementEvent(
                7,
                EventType.CLICKED,
                "https://shop.example/a",
                sent.plusSeconds(3),
                EngagementOrigin.HUMAN),
            new EngagementEvent(
                7, EventType.OPENED, null, sent.plusMinutes(20), EngagementOrigin.HUMAN),
            new EngagementEvent(
                7,
                EventType.CLICKED,
                "https://shop.example/a",
                sent.plusMinutes(21),
                EngagementOrigin.HUMAN),
            new EngagementEvent(
                7,
                EventType.CLICKED,
                "https://shop.example/b",
                sent.plusMinutes(30),
                EngagementOrigin.BOT_CLICK),
            new EngagementEvent(7, EventType.SENT, null, sent));

    assertEquals(6, cut.write(c, events));

    assertEquals(
        List.of(
            "OPENED MACHINE_OPEN",
            "CLICKED BOT_CLICK",
            "OPENED HUMAN",
            "CLICKED HUMAN",
            "CLICKED BOT_CLICK",
            "SENT null"),
        stored());
  }

  @Test
  void aBurstOfLinksMakesTheEarlierStoredClicksBotClicksToo() throws Exception {
    LocalDateTime at = LocalDateTime.of(2026, 11, 24, 12, 0);
    sentAt(7, at.minusHours(2));
    cut.write(
        c,
        List.of(
            new EngagementEvent(
                7, EventType.CLICKED, "https://shop.example/a", at, EngagementOrigin.HUMAN)));
    assertEquals(List.of("CLICKED HUMAN"), stored(), "one link alone is a person's");

    cut.write(
        c,
        List.of(
            new EngagementEvent(
                7,
                EventType.CLICKED,
                "https://shop.example/b",
                at.plusSeconds(1),
                EngagementOrigin.HUMAN),
            new EngagementEvent(
                7,
                EventType.CLICKED,
                "https://shop.example/c",
                at.plusSeconds(2),
                EngagementOrigin.HUMAN)));

    assertEquals(
        List.of("CLICKED BOT_CLICK", "CLICKED BOT_CLICK", "CLICKED BOT_CLICK"),
        stored(),
        "three links within two seconds: the first click, written before, is a bot's too");
  }

  private void sentAt(long outboxId, LocalDateTime sent) throws Exception {
    try (var ps = c.prepareStatement("UPDATE CM_OUTBOX SET SENT_AT = ? WHERE ID = ?")) {
      ps.setObject(1, sent);
      ps.setLong(2, outboxId);
      ps.executeUpdate();
    }
  }

  private List<String> stored() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT TYPE, ORIGIN FROM CM_EVENT ORDER BY ID")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return rows;
  }
}
