package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event buffer on a real (H2) database: bursts, a database that refuses writes, a full buffer.
 */
class EventBufferTest {
  private Connection c;
  private final EventWriter writer =
      new EventWriter(
          new EventIds(),
          new EngagementClassifier(
              EngagementClassifier.builtIn(), Duration.ofSeconds(10), 3, Duration.ofSeconds(5)));

  @BeforeEach
  void contractTables() throws Exception {
    c = DriverManager.getConnection("jdbc:h2:mem:buffer;MODE=PostgreSQL");
    try (Statement s = c.createStatement()) {
      s.execute(
          Files.readString(Path.of("src/main/resources/db/migration/V4__outbox_and_events.sql")));
      s.execute(
          Files.readString(Path.of("src/main/resources/db/migration/V49__engagement_origin.sql")));
      s.execute(
          "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
              + " CREATED_AT) VALUES (1, 10, 100, 'P1', 'p1@example.com', 'SENT',"
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
  void aBurstFromSeveralThreadsLargerThanTheBufferIsAllWritten() throws Exception {
    // a small buffer and many threads: the room one flush makes is often taken by others first
    EventBuffer cut = new EventBuffer(100, 50, this::write);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 625; i++) {
                  cut.add(open());
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    cut.flush();

    assertEquals(5000, events());
    assertEquals(5000, cut.stats().written());
    assertEquals(0, cut.stats().lost());
    assertEquals(0, cut.stats().queued());
  }

  @Test
  void eventsRefusedByTheDatabaseWaitForTheNextFlush() throws Exception {
    EventBuffer cut = new EventBuffer(1000, 100, this::write);
    for (int i = 0; i < 250; i++) {
      cut.add(open());
    }
    sql("ALTER TABLE CM_EVENT RENAME TO CM_EVENT_AWAY");
    assertEquals(0, cut.flush());
    assertEquals(250, cut.stats().queued(), "nothing dropped");
    assertEquals(1, cut.stats().failures());

    sql("ALTER TABLE CM_EVENT_AWAY RENAME TO CM_EVENT");
    assertEquals(250, cut.flush());
    assertEquals(250, events());
  }

  @Test
  void whatNoLongerFitsWhileTheDatabaseIsDownIsCountedAsLost() throws Exception {
    EventBuffer cut = new EventBuffer(200, 100, this::write);
    sql("ALTER TABLE CM_EVENT RENAME TO CM_EVENT_AWAY");
    for (int i = 0; i < 300; i++) {
      cut.add(open());
    }
    sql("ALTER TABLE CM_EVENT_AWAY RENAME TO CM_EVENT");
    cut.flush();

    assertEquals(200, events());
    assertEquals(100, cut.stats().lost());
  }

  private int write(List<EngagementEvent> batch) throws java.sql.SQLException {
    synchronized (c) {
      return writer.write(c, batch);
    }
  }

  private static EngagementEvent open() {
    return new EngagementEvent(1, EventType.OPENED, null, LocalDateTime.now());
  }

  private void sql(String statement) throws Exception {
    synchronized (c) {
      try (Statement s = c.createStatement()) {
        s.execute(statement);
      }
    }
  }

  private long events() throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM CM_EVENT")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
