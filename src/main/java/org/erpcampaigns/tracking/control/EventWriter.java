package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.erpcampaigns.tracking.entity.EngagementEvent;

/**
 * Writes engagement events to CM_EVENT in JDBC batches. The mailing, campaign, contact and address
 * are copied from the message's outbox row by the database, so recording a hit needs no read first;
 * an event for an outbox row that no longer exists writes nothing.
 */
public final class EventWriter {
  private static final String INSERT =
      "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, TYPE, DETAIL,"
          + " OCCURRED_AT) SELECT ?, o.ID, o.MAILING_ID, o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, ?, ?, ?"
          + " FROM CM_OUTBOX o WHERE o.ID = ?";
  private static final String ONCE =
      " AND NOT EXISTS (SELECT 1 FROM CM_EVENT e" + " WHERE e.OUTBOX_ID = o.ID AND e.TYPE = ?)";

  private final EventIds ids;

  public EventWriter(EventIds ids) {
    this.ids = ids;
  }

  /** Writes the events as one batch on the caller's connection; returns the rows written. */
  public int write(Connection c, List<EngagementEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    int written = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (EngagementEvent e : events) {
        bind(c, ps, e);
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        // some drivers report SUCCESS_NO_INFO (-2) for batched rows
        written += n == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
      }
    }
    return written;
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
