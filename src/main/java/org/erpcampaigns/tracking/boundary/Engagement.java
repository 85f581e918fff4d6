package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.tracking.entity.EngagementCounts;
import org.erpcampaigns.tracking.entity.EngagementCounts.Bounces;
import org.erpcampaigns.tracking.entity.EngagementCounts.Count;
import org.erpcampaigns.tracking.entity.EventType;
import org.erpcampaigns.tracking.entity.InboundDecision;
import org.erpcampaigns.tracking.entity.SenderProblem;

/**
 * Engagement counts of a campaign or a mailing, for every role (read-only); the inbound reports
 * about a mailing's messages and what was decided about each, and the mails that need a person
 * (challenge-response), for the roles that see addresses.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class Engagement {
  /** At most this many rows of a list. */
  public static final int MAX_ROWS = 500;

  // the column is chosen from two constants, never from input
  // an open or click counts as a person's unless it was classified as a machine's (V49)
  private static final String HUMAN = "COALESCE(ORIGIN, 'HUMAN') = 'HUMAN'";
  private static final String COUNTS =
      "COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*), COUNT(DISTINCT CASE WHEN "
          + HUMAN
          + " THEN COALESCE(PARTY_ID, EMAIL) END), SUM(CASE WHEN "
          + HUMAN
          + " THEN 1 ELSE 0 END)";
  private static final String BY_TYPE =
      "SELECT TYPE, " + COUNTS + " FROM CM_EVENT WHERE %s = ? GROUP BY TYPE";
  // a bounce event's DETAIL starts with hard, soft or policy (DeliveryReports)
  private static final String BOUNCED_AS =
      "SELECT COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*) FROM CM_EVENT"
          + " WHERE %s = ? AND TYPE = 'BOUNCED' AND DETAIL LIKE ?";
  private static final String SENDER_PROBLEMS =
      "SELECT m.DOMAIN, m.KIND, m.REASON, COUNT(*), MAX(m.RECEIVED_AT), MAX(m.SERVER_TEXT)"
          + " FROM CM_INBOUND_MAIL m JOIN CM_OUTBOX o ON o.ID = m.OUTBOX_ID"
          + " WHERE o.%s = ? AND m.DECISION = 'SENDER_PROBLEM'"
          + " GROUP BY m.DOMAIN, m.KIND, m.REASON ORDER BY 4 DESC, 1 FETCH FIRST 50 ROWS ONLY";
  private static final String DECISIONS =
      "SELECT m.RECEIVED_AT, o.ID, o.MAILING_ID, o.EMAIL, m.RECIPIENT, m.KIND, m.SERVER_KIND,"
          + " m.STATUS, m.REASON, m.SERVER_TEXT, m.DECISION"
          + " FROM CM_INBOUND_MAIL m JOIN CM_OUTBOX o ON o.ID = m.OUTBOX_ID";

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  public EngagementCounts ofCampaign(long campaignId) {
    return of("CAMPAIGN_ID", campaignId, campaignId, null);
  }

  public EngagementCounts ofMailing(long mailingId) {
    return of("MAILING_ID", mailingId, null, mailingId);
  }

  private EngagementCounts of(String column, long id, Long campaignId, Long mailingId) {
    Map<EventType, Count> human = new EnumMap<>(EventType.class);
    return EngagementCounts.of(
        campaignId,
        mailingId,
        byType(column, id, human),
        human,
        new Bounces(
            bouncedAs(column, id, "hard%"),
            bouncedAs(column, id, "soft%"),
            bouncedAs(column, id, "policy%")),
        senderProblems(column, id));
  }

  /** The inbound reports about a mailing's messages, the newest first, with their decisions. */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public List<InboundDecision> reportsOfMailing(long mailingId) {
    return decisions(
        DECISIONS
            + " WHERE o.MAILING_ID = ? ORDER BY m.RECEIVED_AT DESC, o.ID"
            + " FETCH FIRST "
            + MAX_ROWS
            + " ROWS ONLY",
        mailingId);
  }

  /** Challenge-response mails about our messages: a person must answer them, the newest first. */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public List<InboundDecision> needingAttention() {
    return decisions(
        DECISIONS
            + " WHERE m.DECISION = 'NEEDS_ATTENTION' ORDER BY m.RECEIVED_AT DESC, o.ID"
            + " FETCH FIRST "
            + MAX_ROWS
            + " ROWS ONLY",
        null);
  }

  private List<InboundDecision> decisions(String sql, Long parameter) {
    List<InboundDecision> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setLong(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new InboundDecision(
                  rs.getTimestamp(1).toLocalDateTime(),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("inbound reports could not be read", e);
    }
    return rows;
  }

  /**
   * The engagement of several mailings in two statements (the mailings list's rates); their sender
   * problems are left out (each mailing's own page reads them).
   */
  public Map<Long, EngagementCounts> ofMailings(java.util.Collection<Long> mailingIds) {
    Map<Long, Map<EventType, Count>> byMailing = new java.util.HashMap<>();
    Map<Long, Map<EventType, Count>> humanByMailing = new java.util.HashMap<>();
    Map<Long, Map<String, Count>> bounces = new java.util.HashMap<>();
    if (!mailingIds.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        java.sql.Array ids = c.createArrayOf("BIGINT", mailingIds.toArray());
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MAILING_ID, TYPE, "
                    + COUNTS
                    + " FROM CM_EVENT WHERE MAILING_ID = ANY (?) GROUP BY MAILING_ID, TYPE")) {
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              EventType type = EventType.valueOf(rs.getString(2));
              byMailing
                  .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(EventType.class))
                  .put(type, new Count(rs.getLong(3), rs.getLong(4)));
              humanByMailing
                  .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(EventType.class))
                  .put(type, new Count(rs.getLong(5), rs.getLong(6)));
            }
          }
        }
        // a bounce event's DETAIL starts with hard, soft or policy (DeliveryReports)
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MAILING_ID, CASE WHEN DETAIL LIKE 'hard%' THEN 'hard'"
                    + " WHEN DETAIL LIKE 'soft%' THEN 'soft' WHEN DETAIL LIKE 'policy%'"
                    + " THEN 'policy' ELSE 'other' END, COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)),"
                    + " COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ANY (?) AND TYPE = 'BOUNCED'"
                    + " GROUP BY 1, 2")) {
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              bounces
                  .computeIfAbsent(rs.getLong(1), k -> new java.util.HashMap<>())
                  .put(rs.getString(2), new Count(rs.getLong(3), rs.getLong(4)));
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("engagement counts could not be read", e);
      }
    }
    Map<Long, EngagementCounts> result = new java.util.HashMap<>();
    for (long id : mailingIds) {
      Map<String, Count> b = bounces.getOrDefault(id, Map.of());
      result.put(
          id,
          EngagementCounts.of(
              null,
              id,
              byMailing.getOrDefault(id, Map.of()),
              humanByMailing.getOrDefault(id, Map.of()),
              new Bounces(
                  b.getOrDefault("hard", Count.NONE),
                  b.getOrDefault("soft", Count.NONE),
                  b.getOrDefault("policy", Count.NONE)),
              List.of()));
    }
    return result;
  }

  /** Raw counts by type; the people's counts go into {@code human}. */
  private Map<EventType, Count> byType(String column, long id, Map<EventType, Count> human) {
    Map<EventType, Count> counts = new EnumMap<>(EventType.class);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(BY_TYPE, column))) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EventType type = EventType.valueOf(rs.getString(1));
          counts.put(type, new Count(rs.getLong(2), rs.getLong(3)));
          human.put(type, new Count(rs.getLong(4), rs.getLong(5)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engagement counts could not be read", e);
    }
    return counts;
  }

  private Count bouncedAs(String column, long id, String detailPrefix) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(BOUNCED_AS, column))) {
      ps.setLong(1, id);
      ps.setString(2, detailPrefix);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Count(rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engagement counts could not be read", e);
    }
  }

  private List<SenderProblem> senderProblems(String column, long id) {
    List<SenderProblem> problems = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(SENDER_PROBLEMS, column))) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp last = rs.getTimestamp(5);
          problems.add(
              new SenderProblem(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  last == null ? null : last.toLocalDateTime(),
                  rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sender problems could not be read", e);
    }
    return problems;
  }
}
