package org.erpcampaigns.audiences.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Refreshes the purchase index (CM_PURCHASE_INDEX, CM_PURCHASE_ITEM_INDEX) from the mapping's
 * purchase and order-line views in one transaction, as the contact index is refreshed: readers see
 * the old copy until the new one is committed; the state row lock makes a cluster refresh once at a
 * time. Purchase criteria then cost index range scans, not joins over the ERP's order tables.
 */
public final class PurchaseIndex {
  private PurchaseIndex() {}

  /** What the last refresh did. */
  public record State(
      String sourceView, LocalDateTime refreshedAt, long purchases, long items, long millis) {}

  public static State refresh(Connection c, ErpSources sources) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement ps =
              c.prepareStatement("SELECT ID FROM CM_PURCHASE_INDEX_STATE WHERE ID = 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("CM_PURCHASE_INDEX_STATE has no row 1: migrations did not run");
        }
      }
      long start = System.nanoTime();
      long purchases;
      long items;
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM CM_PURCHASE_ITEM_INDEX");
        s.executeUpdate("DELETE FROM CM_PURCHASE_INDEX");
        purchases =
            s.executeUpdate(
                "INSERT INTO CM_PURCHASE_INDEX (CONTACT_ID, ORDER_ID, ORDER_DATE, GRAND_TOTAL)"
                    + " SELECT p.CONTACT_ID, p.ORDER_ID, MIN(p.ORDER_DATE), MIN(p.GRAND_TOTAL) FROM "
                    + sources.purchases()
                    + " p WHERE p.CONTACT_ID IS NOT NULL GROUP BY p.CONTACT_ID, p.ORDER_ID");
        items =
            s.executeUpdate(
                "INSERT INTO CM_PURCHASE_ITEM_INDEX (CONTACT_ID, ORDER_DATE, PRODUCT_ID)"
                    + " SELECT DISTINCT p.CONTACT_ID, p.ORDER_DATE, l.PRODUCT_ID"
                    + " FROM CM_PURCHASE_INDEX p JOIN "
                    + sources.orderLines()
                    + " l ON l.ORDER_ID = p.ORDER_ID WHERE l.PRODUCT_ID IS NOT NULL");
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      LocalDateTime now = LocalDateTime.now();
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_PURCHASE_INDEX_STATE SET SOURCE_VIEW = ?, REFRESHED_AT = ?, PURCHASES = ?,"
                  + " ITEMS = ?, DURATION_MS = ? WHERE ID = 1")) {
        ps.setString(1, sources.purchases());
        ps.setTimestamp(2, Timestamp.valueOf(now));
        ps.setLong(3, purchases);
        ps.setLong(4, items);
        ps.setLong(5, millis);
        ps.executeUpdate();
      }
      c.commit();
      if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("VACUUM ANALYZE CM_PURCHASE_INDEX");
          s.execute("VACUUM ANALYZE CM_PURCHASE_ITEM_INDEX");
        }
      }
      return new State(sources.purchases(), now, purchases, items, millis);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  public static Optional<State> state(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT SOURCE_VIEW, REFRESHED_AT, PURCHASES, ITEMS, DURATION_MS"
                    + " FROM CM_PURCHASE_INDEX_STATE WHERE ID = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || rs.getTimestamp(2) == null) {
        return Optional.empty();
      }
      return Optional.of(
          new State(
              rs.getString(1),
              rs.getTimestamp(2).toLocalDateTime(),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5)));
    }
  }
}
