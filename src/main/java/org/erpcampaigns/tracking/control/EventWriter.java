package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.erpcampaigns.tracking.entity.EngagementEvent;

/**
 * Writes engagement events to CM_EVENT, many rows per statement. The mailing, campaign, contact and
 * address are copied from the message's outbox row by the database, so recording a hit needs no
 * read first; an event for an outbox row that no longer exists writes nothing.
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

  public EventWriter(EventIds ids) {
    this.ids = ids;
  }

  /**
   * Writes the events on the caller's connection, {@value #ROWS} rows per statement (a multi-row
   * INSERT ... SELECT joined to the outbox: one round trip for up to a hundred events); returns the
   * rows written.
   */
  public int write(Connection c, List<EngagementEvent> events) throws SQLException {
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
                + " DETAIL, OCCURRED_AT) SELECT v.ID, o.ID, o.MAILING_ID, o.CAMPAIGN_ID,"
                + " o.PARTY_ID, o.EMAIL, v.TYPE, v.DETAIL, v.OCCURRED_AT FROM (VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, CAST(? AS TIMESTAMP))");
    }
    return sql.append(") AS v (ID, OUTBOX_ID, TYPE, DETAIL, OCCURRED_AT)")
        .append(" JOIN CM_OUTBOX o ON o.ID = v.OUTBOX_ID")
        .toString();
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
