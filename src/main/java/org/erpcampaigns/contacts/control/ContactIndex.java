package org.erpcampaigns.contacts.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Pattern;
import org.erpcampaigns.platform.control.Databases;

/**
 * Refreshes the contact index (CM_CONTACT_INDEX) from the mapping's contact view in one
 * transaction: readers see the old index until the new one is committed. The state row is locked
 * first, so concurrent refreshes (timer ticks on several instances) run one after the other.
 */
public final class ContactIndex {
  static final String COLUMNS =
      "PARTY_ID, CONTACT_TYPE, ENABLED, SALUTATION, FIRST_NAME, LAST_NAME, GENDER, BIRTH_DATE,"
          + " ORGANISATION_NAME, DISPLAY_NAME, EMAIL, ALLOW_SOLICITATION, ADDRESS, CITY,"
          + " POSTAL_CODE, STATE_PROVINCE, COUNTRY, ROLES";

  /** The view name comes from the admin's mapping file, never from a user; still, only a name. */
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]{0,127}");

  private ContactIndex() {}

  /** What the last refresh did. */
  public record State(String sourceView, LocalDateTime refreshedAt, long contacts, long millis) {}

  public static State refresh(Connection c, String sourceView) throws SQLException {
    if (!TABLE_NAME.matcher(sourceView).matches()) {
      throw new IllegalArgumentException("not a table name: " + sourceView);
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      lockState(c);
      long start = System.nanoTime();
      long contacts;
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM CM_CONTACT_INDEX");
        contacts =
            s.executeUpdate(
                "INSERT INTO CM_CONTACT_INDEX ("
                    + COLUMNS
                    + ") SELECT "
                    + COLUMNS
                    + " FROM "
                    + sourceView);
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_CONTACT_INDEX_STATE SET SOURCE_VIEW = ?, REFRESHED_AT = ?, CONTACTS = ?,"
                  + " DURATION_MS = ? WHERE ID = 1")) {
        ps.setString(1, sourceView);
        ps.setTimestamp(2, Timestamp.valueOf(now));
        ps.setLong(3, contacts);
        ps.setLong(4, millis);
        ps.executeUpdate();
      }
      c.commit();
      tidy(c);
      return new State(sourceView, now, contacts, millis);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * On PostgreSQL, reclaims the replaced rows and refreshes the statistics at once: a fresh index
   * full of dead rows made a contains-search on 100,000 contacts take 150 ms instead of 30.
   */
  private static void tidy(Connection c) throws SQLException {
    if (!Databases.isPostgres(c)) {
      return;
    }
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE CM_CONTACT_INDEX");
    }
  }

  public static Optional<State> state(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT SOURCE_VIEW, REFRESHED_AT, CONTACTS, DURATION_MS FROM CM_CONTACT_INDEX_STATE"
                    + " WHERE ID = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || rs.getTimestamp(2) == null) {
        return Optional.empty();
      }
      return Optional.of(
          new State(
              rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getLong(3), rs.getLong(4)));
    }
  }

  private static void lockState(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT ID FROM CM_CONTACT_INDEX_STATE WHERE ID = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("CM_CONTACT_INDEX_STATE has no row 1: migrations did not run");
      }
    }
  }
}
