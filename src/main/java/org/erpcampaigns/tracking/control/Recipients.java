package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.erpcampaigns.contacts.entity.Sendability;
import org.erpcampaigns.tracking.entity.Recipient;

/** Finds the message (outbox row) that a token, a bounce or a reply refers to. */
public final class Recipients {
  private static final String COLUMNS =
      "SELECT o.ID, o.MAILING_ID, o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, o.STATE,"
          + " CASE WHEN "
          + Sendability.addressSuppressed("o.EMAIL")
          + " THEN 1 ELSE 0 END FROM CM_OUTBOX o";

  private Recipients() {}

  /** The message's recipient; with lock, the outbox row stays locked until the transaction ends. */
  public static Optional<Recipient> byOutboxId(Connection c, long outboxId, boolean lock)
      throws SQLException {
    if (lock) {
      // lock first, then read with the suppression flag (FOR UPDATE and EXISTS do not mix
      // everywhere)
      try (PreparedStatement ps =
          c.prepareStatement("SELECT ID FROM CM_OUTBOX WHERE ID = ? FOR UPDATE")) {
        ps.setLong(1, outboxId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE o.ID = ?")) {
      ps.setLong(1, outboxId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The message among ours that has one of these Message-IDs (with or without angle brackets, as
   * found in a bounce's returned headers or a reply's In-Reply-To and References).
   */
  public static Optional<Recipient> byMessageId(Connection c, Collection<String> messageIds)
      throws SQLException {
    Set<String> forms = new LinkedHashSet<>();
    for (String id : messageIds) {
      String bare = id.strip();
      if (bare.startsWith("<") && bare.endsWith(">")) {
        bare = bare.substring(1, bare.length() - 1);
      }
      if (!bare.isEmpty() && bare.length() < 250) {
        forms.add(bare);
        forms.add('<' + bare + '>');
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(COLUMNS + " WHERE o.MESSAGE_ID = ? ORDER BY o.ID")) {
      for (String form : forms) {
        ps.setString(1, form);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return Optional.of(read(rs));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Recipient read(ResultSet rs) throws SQLException {
    return new Recipient(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7) == 1);
  }
}
