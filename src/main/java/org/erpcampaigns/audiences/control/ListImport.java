package org.erpcampaigns.audiences.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.erpcampaigns.contacts.entity.Sendability;

/**
 * Applies a parsed CSV to a list, set-based: the rows are staged in CM_LIST_IMPORT_ROW, matched
 * against the contact index by address or party id, reported (matched, not matched, suppressed per
 * reason, excluded), and the matched contacts become lasting additions (SOURCE IMPORT) and, when
 * eligible, members. Everything runs in the caller's transaction: all or nothing.
 */
public final class ListImport {
  private static final int SAMPLE = 20;

  private ListImport() {}

  /** What an import did. */
  public record Report(
      int rows,
      long matched,
      long unmatched,
      List<String> unmatchedSample,
      Map<String, Long> notAdded,
      long added) {}

  public static Report apply(
      Connection c, long listId, MemberCsv.Parsed parsed, String by, LocalDateTime at)
      throws SQLException {
    String importId = UUID.randomUUID().toString();
    stage(c, importId, parsed);
    String match =
        parsed.kind() == MemberCsv.Kind.EMAIL
            ? "LOWER(c.EMAIL) = r.ROW_VALUE"
            : "c.PARTY_ID = r.ROW_VALUE";
    String matchedParties =
        "SELECT c.PARTY_ID FROM CM_LIST_IMPORT_ROW r JOIN CM_CONTACT_INDEX c ON "
            + match
            + " WHERE r.IMPORT_ID = ?";
    try {
      long matched =
          scalar(c, "SELECT COUNT(DISTINCT x.PARTY_ID) FROM (" + matchedParties + ") x", importId);
      String unmatchedRows =
          " FROM CM_LIST_IMPORT_ROW r WHERE r.IMPORT_ID = ? AND NOT EXISTS"
              + " (SELECT 1 FROM CM_CONTACT_INDEX c WHERE "
              + match
              + ")";
      long unmatched = scalar(c, "SELECT COUNT(*)" + unmatchedRows, importId);
      List<String> sample = unmatchedSample(c, unmatchedRows, importId);
      Map<String, Long> notAdded = notAdded(c, listId, matchedParties, importId);
      recordAdditions(c, listId, matchedParties, importId, by, at);
      long added =
          addMembers(
              c, listId, "c.PARTY_ID IN (" + matchedParties + ")", List.of(importId), "IMPORT", at);
      return new Report(parsed.rows().size(), matched, unmatched, sample, notAdded, added);
    } finally {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM CM_LIST_IMPORT_ROW WHERE IMPORT_ID = ?")) {
        ps.setString(1, importId);
        ps.executeUpdate();
      }
    }
  }

  /** Stages the parsed rows under {@code importId}, in batches. */
  private static void stage(Connection c, String importId, MemberCsv.Parsed parsed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_LIST_IMPORT_ROW (IMPORT_ID, LINE_NO, KIND, ROW_VALUE) VALUES (?, ?, ?, ?)")) {
      int batch = 0;
      for (MemberCsv.Row row : parsed.rows()) {
        ps.setString(1, importId);
        ps.setInt(2, row.line());
        ps.setString(3, parsed.kind().name());
        ps.setString(4, row.value());
        ps.addBatch();
        if (++batch % 1000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** The first values that matched no contact, in file order. */
  private static List<String> unmatchedSample(Connection c, String unmatchedRows, String importId)
      throws SQLException {
    List<String> sample = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.ROW_VALUE"
                + unmatchedRows
                + " ORDER BY r.LINE_NO FETCH FIRST "
                + SAMPLE
                + " ROWS ONLY")) {
      ps.setString(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sample.add(rs.getString(1));
        }
      }
    }
    return sample;
  }

  /** The matched contacts that do not become members, counted by reason. */
  private static Map<String, Long> notAdded(
      Connection c, long listId, String matchedParties, String importId) throws SQLException {
    Map<String, Long> notAdded = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT y.WHY, COUNT(*) FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM CM_LIST_EXCLUSION x"
                + " WHERE x.LIST_ID = ? AND x.PARTY_ID = c.PARTY_ID) THEN 'EXCLUDED' ELSE "
                + Sendability.reason("c", "c.PARTY_ID", "c.EMAIL")
                + " END AS WHY FROM CM_CONTACT_INDEX c WHERE c.PARTY_ID IN ("
                + matchedParties
                + ")) y WHERE y.WHY IS NOT NULL GROUP BY y.WHY ORDER BY y.WHY")) {
      ps.setLong(1, listId);
      ps.setString(2, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          notAdded.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return notAdded;
  }

  /** The matched contacts become lasting additions to the list (SOURCE IMPORT), once each. */
  private static void recordAdditions(
      Connection c,
      long listId,
      String matchedParties,
      String importId,
      String by,
      LocalDateTime at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_LIST_ADDITION (LIST_ID, PARTY_ID, SOURCE, ADDED_BY, ADDED_AT)"
                + " SELECT ?, m.PARTY_ID, 'IMPORT', ?, ? FROM (SELECT DISTINCT x.PARTY_ID FROM ("
                + matchedParties
                + ") x) m WHERE NOT EXISTS (SELECT 1 FROM CM_LIST_ADDITION a"
                + " WHERE a.LIST_ID = ? AND a.PARTY_ID = m.PARTY_ID)")) {
      ps.setLong(1, listId);
      ps.setString(2, by);
      ps.setTimestamp(3, Timestamp.valueOf(at));
      ps.setString(4, importId);
      ps.setLong(5, listId);
      ps.executeUpdate();
    }
  }

  /**
   * Adds the eligible contacts selected by {@code which} (a condition over {@code c} with the given
   * parameters) as members now, one per address, skipping members and addresses the list has.
   */
  public static long addMembers(
      Connection c,
      long listId,
      String which,
      List<Object> whichParameters,
      String source,
      LocalDateTime at)
      throws SQLException {
    List<Object> parameters = new ArrayList<>();
    parameters.add(listId);
    parameters.add(source);
    parameters.add(Timestamp.valueOf(at));
    parameters.addAll(whichParameters);
    parameters.add(listId);
    parameters.add(listId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
                + " SELECT ?, m.PARTY_ID, m.EMAIL, ?, ? FROM (SELECT c.PARTY_ID AS PARTY_ID,"
                + " LOWER(c.EMAIL) AS EMAIL, ROW_NUMBER() OVER (PARTITION BY LOWER(c.EMAIL)"
                + " ORDER BY c.PARTY_ID) AS RN FROM CM_CONTACT_INDEX c WHERE "
                + which
                + " AND "
                + Sendability.allows("c", "c.PARTY_ID", "c.EMAIL")
                + " AND NOT EXISTS (SELECT 1 FROM CM_LIST_EXCLUSION x WHERE x.LIST_ID = ?"
                + " AND x.PARTY_ID = c.PARTY_ID)) m WHERE m.RN = 1 AND NOT EXISTS (SELECT 1 FROM"
                + " CM_LIST_MEMBER e WHERE e.LIST_ID = ? AND (e.PARTY_ID = m.PARTY_ID OR e.EMAIL ="
                + " m.EMAIL))")) {
      ListMembership.bind(ps, parameters);
      return ps.executeUpdate();
    }
  }

  private static long scalar(Connection c, String sql, String importId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
