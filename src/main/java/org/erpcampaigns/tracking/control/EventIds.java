package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ids for CM_EVENT rows from CM_EVENT_SEQ, one sequence call per block of {@value #BLOCK} ids. The
 * sequence increments by {@value #BLOCK} and each value it returns is the LAST id of its block, as
 * EclipseLink reads a sequence with allocationSize 100; so an entity mapped on CM_EVENT with that
 * allocation size and this writer never hand out the same id.
 */
public final class EventIds {
  /** CM_EVENT_SEQ's increment (V4). */
  public static final int BLOCK = 100;

  private long next;
  private long last = -1;

  /** The next free id, drawing a new block on the given connection when the current one is used. */
  public synchronized long next(Connection c) throws SQLException {
    if (next > last) {
      long blockEnd = sequenceValue(c);
      last = blockEnd;
      next = Math.max(1, blockEnd - BLOCK + 1);
    }
    return next++;
  }

  private static long sequenceValue(Connection c) throws SQLException {
    // nextval('...') is PostgreSQL's spelling, which H2 also understands
    try (PreparedStatement ps = c.prepareStatement("SELECT nextval('CM_EVENT_SEQ')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
