package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.tracking.control.EngagementClassifier.Click;
import org.erpcampaigns.tracking.control.EngagementClassifier.Decision;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;

/**
 * Writes engagement events to CM_EVENT, many rows per statement. The mailing, campaign, contact and
 * address are copied from the message's outbox row by the database, so recording a hit needs no
 * read first; an event for an outbox row that no longer exists writes nothing. Before a batch of
 * opens and clicks is written, the classifier decides their origin with what the request could not
 * tell: the messages' send times and earlier clicks, read in two statements for the whole batch;
 * stored clicks that a burst shows to be a bot's are marked in one more.
 */
public final class EventWriter {
  private static final String INSERT =
      "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, TYPE, DETAIL,"
          + " OCCURRED_AT) SELECT ?, o.ID, o.MAILING_ID, o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, ?, ?, ?"
          + " FROM CM_OUTBOX o WHERE o.ID = ?";
  private static final String ONCE =
      " AND NOT EXISTS (SELECT 1 FROM CM_EVENT e" + " WHERE e.OUTBOX_ID = o.ID AND e.TYPE = ?)";

  /** Events per INSERT statement. */
  static final int ROWS = 100;

  private final EventIds ids;
  private final EngagementClassifier classifier;

  public EventWriter(EventIds ids, EngagementClassifier classifier) {
    this.ids = ids;
    this.classifier = classifier;
  }

  /**
   * Writes the events on the caller's connection, {@value #ROWS} rows per statement (a multi-row
   * INSERT ... SELECT joined to the outbox: one round trip for up to a hundred events); returns the
   * rows written.
   */
  public int write(Connection c, List<EngagementEvent> batch) throws SQLException {
    List<EngagementEvent> events = classified(c, batch);
    int written = 0;
    for (int from = 0; from < events.size(); from += ROWS) {
      List<EngagementEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS));
      try (PreparedStatement ps = c.prepareStatement(multiRow(chunk.size()))) {
        int i = 1;
        for (EngagementEvent e : chunk) {
          ps.setLong(i++, ids.next(c));
          ps.setLong(i++, e.outboxId());
          ps.setString(i++, e.type().name());
          ps.setString(i++, e.detail());
          ps.setTimestamp(i++, Timestamp.valueOf(e.occurredAt()));
          ps.setString(i++, e.origin() == null ? null : e.origin().name());
        }
        written += ps.executeUpdate();
      }
    }
    return written;
  }

  private static String multiRow(int rows) {
    // the timestamp is cast: PostgreSQL's driver leaves its type open, and VALUES would make it
    // text
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, TYPE,"
                + " DETAIL, OCCURRED_AT, ORIGIN) SELECT v.ID, o.ID, o.MAILING_ID, o.CAMPAIGN_ID,"
                + " o.PARTY_ID, o.EMAIL, v.TYPE, v.DETAIL, v.OCCURRED_AT, v.ORIGIN FROM (VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ")
          .append("(?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS VARCHAR(12)))");
    }
    return sql.append(") AS v (ID, OUTBOX_ID, TYPE, DETAIL, OCCURRED_AT, ORIGIN)")
        .append(" JOIN CM_OUTBOX o ON o.ID = v.OUTBOX_ID")
        .toString();
  }

  /**
   * The batch with the final origins of its opens and clicks; stored clicks of a bot's burst become
   * BOT_CLICK on the way (same transaction as the batch).
   */
  private List<EngagementEvent> classified(Connection c, List<EngagementEvent> batch)
      throws SQLException {
    Set<Long> messages = new LinkedHashSet<>();
    Set<Long> clicked = new LinkedHashSet<>();
    LocalDateTime earliestClick = null;
    for (EngagementEvent e : batch) {
      if (e.origin() == EngagementOrigin.HUMAN) {
        messages.add(e.outboxId());
      }
      if (e.origin() != null && e.type() == EventType.CLICKED) {
        clicked.add(e.outboxId());
        if (earliestClick == null || e.occurredAt().isBefore(earliestClick)) {
          earliestClick = e.occurredAt();
        }
      }
    }
    if (messages.isEmpty() && clicked.isEmpty()) {
      return batch;
    }
    Map<Long, LocalDateTime> sentAt = new HashMap<>();
    if (!messages.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ID, SENT_AT FROM CM_OUTBOX WHERE ID = ANY (?) AND SENT_AT IS NOT NULL")) {
        ps.setArray(1, c.createArrayOf("BIGINT", messages.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sentAt.put(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime());
          }
        }
      }
    }
    Map<Long, List<Click>> stored = new HashMap<>();
    if (!clicked.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT OUTBOX_ID, ID, DETAIL, OCCURRED_AT FROM CM_EVENT WHERE OUTBOX_ID = ANY (?)"
                  + " AND TYPE = 'CLICKED' AND OCCURRED_AT >= ?")) {
        ps.setArray(1, c.createArrayOf("BIGINT", clicked.toArray()));
        ps.setTimestamp(2, Timestamp.valueOf(earliestClick.minus(classifier.burstWindow())));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            stored
                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new Click(
                        rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toLocalDateTime()));
          }
        }
      }
    }
    Decision d = classifier.decide(batch, sentAt, stored);
    if (!d.storedBotClicks().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_EVENT SET ORIGIN = 'BOT_CLICK' WHERE ID = ANY (?)"
                  + " AND COALESCE(ORIGIN, 'HUMAN') = 'HUMAN'")) {
        ps.setArray(1, c.createArrayOf("BIGINT", d.storedBotClicks().toArray()));
        ps.executeUpdate();
      }
    }
    return d.events();
  }

  /**
   * Writes the event unless its message already has one of this type (an unsubscribe replayed, a
   * complaint reported twice); true when it was written.
   */
  public boolean writeOnce(Connection c, EngagementEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT + ONCE)) {
      bind(c, ps, e);
      ps.setString(6, e.type().name());
      return ps.executeUpdate() > 0;
    }
  }

  private void bind(Connection c, PreparedStatement ps, EngagementEvent e) throws SQLException {
    ps.setLong(1, ids.next(c));
    ps.setString(2, e.type().name());
    ps.setString(3, e.detail());
    ps.setTimestamp(4, Timestamp.valueOf(e.occurredAt()));
    ps.setLong(5, e.outboxId());
  }
}
