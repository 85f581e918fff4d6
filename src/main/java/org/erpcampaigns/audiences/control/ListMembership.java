package org.erpcampaigns.audiences.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.erpcampaigns.contacts.entity.Sendability;
import org.erpcampaigns.platform.control.Databases;

/**
 * The set-based SQL of list membership over plain JDBC: live counts and previews of compiled
 * criteria, materialising a list (DELETE + INSERT ... SELECT in the caller's transaction), applying
 * suppression again, breakdowns and pages of members, and why a contact is not a member. Rows never
 * pass through the JVM except the pages asked for.
 *
 * <p>Suppression is {@link Sendability}, the rule every send applies too; and one member per
 * address (the lowest party id wins, contacts added by hand before segment matches).
 */
public final class ListMembership {
  /** Why a contact is not eligible, or NULL (see {@link Sendability}). */
  private static final String SUPPRESSION_REASON = Sendability.reason("c", "c.PARTY_ID", "c.EMAIL");

  /** The same rule as a filter. */
  private static final String ELIGIBLE = Sendability.allows("c", "c.PARTY_ID", "c.EMAIL");

  private ListMembership() {}

  /** How many contacts match, and how many distinct addresses remain after suppression. */
  public record Count(long matched, long reachable) {}

  /** The statement of a live count: the SQL the benchmark also runs directly. */
  public static String countSql(SegmentSql segment) {
    return "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN "
        + Sendability.allowsJoined("c", "c.EMAIL")
        + " THEN LOWER(c.EMAIL) END) FROM CM_CONTACT_INDEX c"
        + Sendability.joins("c", "c.EMAIL")
        + " WHERE "
        + segment.condition();
  }

  public static Count count(Connection connection, SegmentSql segment) throws SQLException {
    if (Databases.isPostgres(connection) && connection.getAutoCommit()) {
      // a transaction of its own, so that the settings of tune() stay local to the count
      return Databases.inTransaction(connection, () -> countNow(connection, segment));
    }
    return countNow(connection, segment);
  }

  private static Count countNow(Connection connection, SegmentSql segment) throws SQLException {
    tune(connection);
    try (PreparedStatement ps = connection.prepareStatement(countSql(segment))) {
      bind(ps, segment.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Count(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /**
   * On PostgreSQL, inside a transaction: no JIT compilation for segment statements (it costs more
   * than the hash joins it would speed up) and memory enough to hash the matching contacts instead
   * of spilling to disk. Both last until the transaction ends.
   */
  public static void tune(Connection connection) throws SQLException {
    if (!connection.getAutoCommit() && Databases.isPostgres(connection)) {
      try (java.sql.Statement s = connection.createStatement()) {
        s.execute("SET LOCAL jit = off");
        s.execute("SET LOCAL work_mem = '64MB'");
      }
    }
  }

  /** One contact of a preview, with the reason it would be left out (null: it would be in). */
  public record PreviewRow(
      String partyId,
      String name,
      String email,
      String type,
      String city,
      String country,
      String suppression) {}

  public static List<PreviewRow> preview(Connection connection, SegmentSql segment, int rows)
      throws SQLException {
    String sql =
        "SELECT c.PARTY_ID, c.DISPLAY_NAME, c.EMAIL, c.CONTACT_TYPE, c.CITY, c.COUNTRY, "
            + SUPPRESSION_REASON
            + " FROM CM_CONTACT_INDEX c WHERE "
            + segment.condition()
            + " ORDER BY c.DISPLAY_NAME, c.PARTY_ID FETCH FIRST "
            + Math.max(1, Math.min(rows, 200))
            + " ROWS ONLY";
    List<PreviewRow> result = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, segment.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new PreviewRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7)));
        }
      }
    }
    return result;
  }

  /** The INSERT ... SELECT that fills a list; parameters as {@link #materialise} binds them. */
  static String materialiseSql(SegmentSql segment) {
    String notExcluded =
        " AND NOT EXISTS (SELECT 1 FROM CM_LIST_EXCLUSION x WHERE x.LIST_ID = ?"
            + " AND x.PARTY_ID = c.PARTY_ID)";
    return "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
        + " SELECT ?, m.PARTY_ID, m.EMAIL, m.SOURCE, ? FROM ("
        + "SELECT u.PARTY_ID, u.EMAIL, u.SOURCE, ROW_NUMBER() OVER (PARTITION BY u.EMAIL"
        + " ORDER BY u.RANK_BY_SOURCE, u.PARTY_ID) AS RN FROM ("
        + "SELECT c.PARTY_ID AS PARTY_ID, LOWER(c.EMAIL) AS EMAIL, 'SEGMENT' AS SOURCE,"
        + " 1 AS RANK_BY_SOURCE FROM CM_CONTACT_INDEX c WHERE "
        + segment.condition()
        + " AND "
        + ELIGIBLE
        + notExcluded
        + " UNION ALL SELECT c.PARTY_ID, LOWER(c.EMAIL), a.SOURCE, 0 FROM CM_LIST_ADDITION a"
        + " JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = a.PARTY_ID WHERE a.LIST_ID = ? AND "
        + ELIGIBLE
        + notExcluded
        + ") u) m WHERE m.RN = 1";
  }

  /**
   * Replaces the list's members with what its segment, additions and exclusions give now, after
   * suppression. Runs in the caller's transaction; returns the number of members.
   */
  public static long materialise(
      Connection connection, long listId, SegmentSql segment, LocalDateTime at)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ?")) {
      delete.setLong(1, listId);
      delete.executeUpdate();
    }
    List<Object> parameters = new ArrayList<>();
    parameters.add(listId);
    parameters.add(Timestamp.valueOf(at));
    parameters.addAll(segment.parameters());
    parameters.add(listId);
    parameters.add(listId);
    parameters.add(listId);
    tune(connection);
    try (PreparedStatement insert = connection.prepareStatement(materialiseSql(segment))) {
      bind(insert, parameters);
      return insert.executeUpdate();
    }
  }

  /**
   * Takes out the members that became suppressed or were excluded since the list was built (a
   * static list's send); returns the number of members left.
   */
  public static long applySuppression(Connection connection, long listId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND ("
                + "EXISTS (SELECT 1 FROM CM_LIST_EXCLUSION x WHERE x.LIST_ID = CM_LIST_MEMBER.LIST_ID"
                + " AND x.PARTY_ID = CM_LIST_MEMBER.PARTY_ID)"
                + " OR NOT EXISTS (SELECT 1 FROM CM_CONTACT_INDEX c"
                + " WHERE c.PARTY_ID = CM_LIST_MEMBER.PARTY_ID AND "
                + Sendability.allows("c", "c.PARTY_ID", "CM_LIST_MEMBER.EMAIL")
                + "))")) {
      ps.setLong(1, listId);
      ps.executeUpdate();
    }
    return memberCount(connection, listId);
  }

  public static long memberCount(Connection connection, long listId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT COUNT(*) FROM CM_LIST_MEMBER WHERE LIST_ID = ?")) {
      ps.setLong(1, listId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Members per country and contact type, largest first. */
  public record Share(String country, String type, long members) {}

  public static List<Share> breakdown(Connection connection, long listId) throws SQLException {
    List<Share> result = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.COUNTRY, c.CONTACT_TYPE, COUNT(*) FROM CM_LIST_MEMBER m"
                + " LEFT JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = m.PARTY_ID WHERE m.LIST_ID = ?"
                + " GROUP BY c.COUNTRY, c.CONTACT_TYPE ORDER BY COUNT(*) DESC, c.COUNTRY,"
                + " c.CONTACT_TYPE")) {
      ps.setLong(1, listId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new Share(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
      }
    }
    return result;
  }

  /** One member of a list as its table shows it. */
  public record MemberRow(
      String partyId,
      String name,
      String email,
      String type,
      String city,
      String country,
      String source,
      LocalDateTime addedAt) {}

  /** A page of members sorted by name (the database sorts and pages), optionally filtered. */
  public static List<MemberRow> members(
      Connection connection, long listId, String search, int first, int size) throws SQLException {
    String filter = search == null || search.isBlank() ? "" : SEARCH;
    List<MemberRow> result = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT m.PARTY_ID, c.DISPLAY_NAME, m.EMAIL, c.CONTACT_TYPE, c.CITY, c.COUNTRY,"
                + " m.SOURCE, m.ADDED_AT FROM CM_LIST_MEMBER m LEFT JOIN CM_CONTACT_INDEX c"
                + " ON c.PARTY_ID = m.PARTY_ID WHERE m.LIST_ID = ?"
                + filter
                + " ORDER BY c.DISPLAY_NAME, m.PARTY_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
      int i = 1;
      ps.setLong(i++, listId);
      if (!filter.isEmpty()) {
        String pattern = "%" + SegmentCompiler.escape(search.strip().toLowerCase()) + "%";
        ps.setString(i++, pattern);
        ps.setString(i++, pattern);
      }
      ps.setInt(i++, Math.max(0, first));
      ps.setInt(i, Math.max(1, Math.min(size, 500)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp added = rs.getTimestamp(8);
          result.add(
              new MemberRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  added == null ? null : added.toLocalDateTime()));
        }
      }
    }
    return result;
  }

  private static final String SEARCH =
      " AND (LOWER(c.DISPLAY_NAME) LIKE ? ESCAPE '\\' OR m.EMAIL LIKE ? ESCAPE '\\')";

  public static long memberCount(Connection connection, long listId, String search)
      throws SQLException {
    if (search == null || search.isBlank()) {
      return memberCount(connection, listId);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM CM_LIST_MEMBER m LEFT JOIN CM_CONTACT_INDEX c"
                + " ON c.PARTY_ID = m.PARTY_ID WHERE m.LIST_ID = ?"
                + SEARCH)) {
      String pattern = "%" + SegmentCompiler.escape(search.strip().toLowerCase()) + "%";
      ps.setLong(1, listId);
      ps.setString(2, pattern);
      ps.setString(3, pattern);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Where a contact stands with a list, for "why is X not in the list?". */
  public enum Standing {
    MEMBER,
    EXCLUDED,
    SUPPRESSED,
    SAME_ADDRESS,
    NOT_MATCHING,
    UNKNOWN_CONTACT
  }

  /** The standing, and for SUPPRESSED the reason code, for SAME_ADDRESS the member who has it. */
  public record Explanation(Standing standing, String detail) {}

  public static Explanation explain(Connection connection, long listId, String partyId)
      throws SQLException {
    if (exists(
        connection,
        "SELECT 1 FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND PARTY_ID = ?",
        listId,
        partyId)) {
      return new Explanation(Standing.MEMBER, null);
    }
    if (exists(
        connection,
        "SELECT 1 FROM CM_LIST_EXCLUSION WHERE LIST_ID = ? AND PARTY_ID = ?",
        listId,
        partyId)) {
      return new Explanation(Standing.EXCLUDED, null);
    }
    Optional<String[]> contact;
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT "
                + SUPPRESSION_REASON
                + ", LOWER(c.EMAIL) FROM CM_CONTACT_INDEX c WHERE c.PARTY_ID = ?")) {
      ps.setString(1, partyId);
      try (ResultSet rs = ps.executeQuery()) {
        contact =
            rs.next()
                ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                : Optional.empty();
      }
    }
    if (contact.isEmpty()) {
      return new Explanation(Standing.UNKNOWN_CONTACT, null);
    }
    if (contact.get()[0] != null) {
      return new Explanation(Standing.SUPPRESSED, contact.get()[0]);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT PARTY_ID FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND EMAIL = ?")) {
      ps.setLong(1, listId);
      ps.setString(2, contact.get()[1]);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return new Explanation(Standing.SAME_ADDRESS, rs.getString(1));
        }
      }
    }
    return new Explanation(Standing.NOT_MATCHING, null);
  }

  private static boolean exists(Connection connection, String sql, long listId, String partyId)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, listId);
      ps.setString(2, partyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The contacts among {@code parties} who match the segment now (set-based, one statement). */
  public static java.util.Set<String> matching(
      Connection connection, SegmentSql segment, List<String> parties) throws SQLException {
    java.util.Set<String> matching = new java.util.HashSet<>();
    if (parties.isEmpty()) {
      return matching;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.PARTY_ID FROM CM_CONTACT_INDEX c WHERE ("
                + segment.condition()
                + ") AND c.PARTY_ID = ANY (?)")) {
      bind(ps, segment.parameters());
      ps.setArray(
          segment.parameters().size() + 1, connection.createArrayOf("VARCHAR", parties.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          matching.add(rs.getString(1));
        }
      }
    }
    return matching;
  }

  static void bind(PreparedStatement ps, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      ps.setObject(i + 1, parameters.get(i));
    }
  }
}
