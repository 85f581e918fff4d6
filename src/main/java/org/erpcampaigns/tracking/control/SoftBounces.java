package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * When soft bounces become a reason to stop: an address whose last N sent messages (N consecutive
 * mailings, {@code campaigns.bounce.soft-limit}) all bounced softly is as good as dead, although no
 * single bounce said so. A delay warning does not count (the server was still trying), nor does a
 * refusal by policy (the problem is ours); a mailing that got through breaks the run.
 */
public final class SoftBounces {
  private static final String LAST_SENT =
      "SELECT o.ID, (SELECT COUNT(*) FROM CM_INBOUND_MAIL m WHERE m.OUTBOX_ID = o.ID"
          + " AND m.KIND = 'SOFT_BOUNCE' AND (m.REASON IS NULL OR m.REASON <> 'DELAYED'))"
          + " FROM CM_OUTBOX o WHERE o.EMAIL IN (?, ?) AND o.STATE IN ('SENT', 'BOUNCED')"
          + " ORDER BY COALESCE(o.SENT_AT, o.CREATED_AT) DESC, o.ID DESC FETCH FIRST ? ROWS ONLY";

  private SoftBounces() {}

  /** Whether the address's last {@code limit} sent messages all bounced softly. */
  public static boolean limitReached(Connection c, String email, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LAST_SENT)) {
      ps.setString(1, email.strip());
      ps.setString(2, SuppressionList.normalised(email));
      ps.setInt(3, limit);
      int softlyBounced = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) == 0) {
            return false;
          }
          softlyBounced++;
        }
      }
      return softlyBounced >= limit;
    }
  }
}
