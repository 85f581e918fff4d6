package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The address-level suppression list (CM_SUPPRESSION) and its effect on messages not sent yet: a
 * suppressed address gets no further marketing message from any send, including the rest of a send
 * that is running.
 */
public final class SuppressionList {
  /** Why an address is suppressed (CM_SUPPRESSION.REASON). */
  public enum Reason {
    UNSUBSCRIBED,
    HARD_BOUNCE,
    /** Soft bounces in {@code campaigns.bounce.soft-limit} consecutive mailings. */
    SOFT_BOUNCES,
    COMPLAINT,
    MANUAL
  }

  private SuppressionList() {}

  /**
   * Suppresses the address; an address already suppressed keeps its first reason. Returns true when
   * it was not suppressed before.
   */
  public static boolean suppress(
      Connection c,
      String email,
      Reason reason,
      String partyId,
      Long campaignId,
      String detail,
      LocalDateTime at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, PARTY_ID, CAMPAIGN_ID, DETAIL, CREATED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, normalised(email));
      ps.setString(2, reason.name());
      ps.setString(3, partyId);
      if (campaignId == null) {
        ps.setNull(4, java.sql.Types.BIGINT);
      } else {
        ps.setLong(4, campaignId);
      }
      ps.setString(
          5, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
      ps.setTimestamp(6, Timestamp.valueOf(at));
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * Marks the address's messages that are waiting or waiting for a retry (PENDING, FAILED) in every
   * send as SUPPRESSED, so no worker sends them; returns how many.
   */
  public static int withholdUnsent(Connection c, String email) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = 'SUPPRESSED' WHERE EMAIL IN (?, ?)"
                + " AND STATE IN ('PENDING', 'FAILED')")) {
      ps.setString(1, email.strip());
      ps.setString(2, normalised(email));
      return ps.executeUpdate();
    }
  }

  public static boolean isSuppressed(Connection c, String email) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM CM_SUPPRESSION WHERE EMAIL = ?")) {
      ps.setString(1, normalised(email));
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Addresses are kept lower case (CM_SUPPRESSION's key). */
  public static String normalised(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
