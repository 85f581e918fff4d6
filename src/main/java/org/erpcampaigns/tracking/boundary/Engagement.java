package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.tracking.entity.EngagementCounts;
import org.erpcampaigns.tracking.entity.EngagementCounts.Count;
import org.erpcampaigns.tracking.entity.EventType;

/** Engagement counts of a campaign or a mailing, for every role (read-only). */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class Engagement {
  // the column is chosen from two constants, never from input
  private static final String BY_TYPE =
      "SELECT TYPE, COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*) FROM CM_EVENT"
          + " WHERE %s = ? GROUP BY TYPE";
  private static final String HARD =
      "SELECT COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*) FROM CM_EVENT"
          + " WHERE %s = ? AND TYPE = 'BOUNCED' AND DETAIL LIKE 'hard%%'";

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  public EngagementCounts ofCampaign(long campaignId) {
    return EngagementCounts.of(
        campaignId, null, byType("CAMPAIGN_ID", campaignId), hard("CAMPAIGN_ID", campaignId));
  }

  public EngagementCounts ofMailing(long mailingId) {
    return EngagementCounts.of(
        null, mailingId, byType("MAILING_ID", mailingId), hard("MAILING_ID", mailingId));
  }

  /** The engagement of several mailings in two statements (the mailings list's rates). */
  public Map<Long, EngagementCounts> ofMailings(java.util.Collection<Long> mailingIds) {
    Map<Long, Map<EventType, Count>> byMailing = new java.util.HashMap<>();
    Map<Long, Count> hard = new java.util.HashMap<>();
    if (!mailingIds.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        java.sql.Array ids = c.createArrayOf("BIGINT", mailingIds.toArray());
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MAILING_ID, TYPE, COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*)"
                    + " FROM CM_EVENT WHERE MAILING_ID = ANY (?) GROUP BY MAILING_ID, TYPE")) {
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byMailing
                  .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(EventType.class))
                  .put(EventType.valueOf(rs.getString(2)), new Count(rs.getLong(3), rs.getLong(4)));
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MAILING_ID, COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)), COUNT(*)"
                    + " FROM CM_EVENT WHERE MAILING_ID = ANY (?) AND TYPE = 'BOUNCED'"
                    + " AND DETAIL LIKE 'hard%' GROUP BY MAILING_ID")) {
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              hard.put(rs.getLong(1), new Count(rs.getLong(2), rs.getLong(3)));
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("engagement counts could not be read", e);
      }
    }
    Map<Long, EngagementCounts> result = new java.util.HashMap<>();
    for (long id : mailingIds) {
      result.put(
          id,
          EngagementCounts.of(
              null, id, byMailing.getOrDefault(id, Map.of()), hard.getOrDefault(id, Count.NONE)));
    }
    return result;
  }

  private Map<EventType, Count> byType(String column, long id) {
    Map<EventType, Count> counts = new EnumMap<>(EventType.class);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(BY_TYPE, column))) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(EventType.valueOf(rs.getString(1)), new Count(rs.getLong(2), rs.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engagement counts could not be read", e);
    }
    return counts;
  }

  private Count hard(String column, long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(HARD, column))) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Count(rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engagement counts could not be read", e);
    }
  }
}
