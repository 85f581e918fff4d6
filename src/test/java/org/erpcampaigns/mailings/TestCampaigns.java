package org.erpcampaigns.mailings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The campaigns the mailing tests send for: a mailing must belong to an existing campaign. Rows
 * that another test created with the same id are used, made ACTIVE if they are not (a planned or
 * closed campaign takes no sends and runs no workflow); the campaign sequence is moved past the
 * ids, so campaigns created later through the application never collide with them.
 */
final class TestCampaigns {
  private TestCampaigns() {}

  static void ensure(Connection c, long... ids) throws SQLException {
    long highest = 0;
    for (long id : ids) {
      highest = Math.max(highest, id);
      try (PreparedStatement exists =
          c.prepareStatement("SELECT COUNT(*) FROM CM_CAMPAIGN WHERE ID = ?")) {
        exists.setLong(1, id);
        try (ResultSet rs = exists.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            activate(c, id);
            continue;
          }
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY,"
                  + " TIME_ZONE, STATUS, CREATED_BY, CREATED_AT)"
                  + " VALUES (?, ?, 'MARKETING', 'B2C', 'marketer', 'EUR', 'Europe/Rome',"
                  + " 'ACTIVE', 'it', CURRENT_TIMESTAMP)")) {
        insert.setLong(1, id);
        insert.setString(2, "Mailing test campaign " + id);
        insert.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      for (int i = 0; i <= highest; i++) {
        try (ResultSet rs = s.executeQuery("SELECT NEXTVAL('CM_CAMPAIGN_SEQ')")) {
          rs.next();
          if (rs.getLong(1) >= highest) {
            break;
          }
        }
      }
    }
  }

  private static void activate(Connection c, long id) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE CM_CAMPAIGN SET STATUS = 'ACTIVE' WHERE ID = ? AND STATUS <> 'ACTIVE'")) {
      update.setLong(1, id);
      update.executeUpdate();
    }
  }
}
