package org.erpcampaigns.mailings.boundary;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import org.erpcampaigns.mailings.control.Recipient;

/** One contact as a template sees it, for previews and test sends. */
final class Recipients {
  private Recipients() {}

  static Optional<Recipient> forContact(Connection c, String partyId, String orderView)
      throws SQLException {
    LocalDate last = null;
    BigDecimal total = null;
    String currency = null;
    long orders = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.CURRENCY, COUNT(*), SUM(v.GRAND_TOTAL), MAX(v.ORDER_DATE) FROM "
                + orderView
                + " v WHERE v.CONTACT_ID = ? AND v.STATUS <> 'CANCELLED' GROUP BY v.CURRENCY"
                + " ORDER BY COUNT(*) DESC")) {
      ps.setString(1, partyId);
      try (ResultSet rs = ps.executeQuery()) {
        boolean first = true;
        while (rs.next()) {
          Timestamp at = rs.getTimestamp(4);
          LocalDate d = at == null ? null : at.toLocalDateTime().toLocalDate();
          if (d != null && (last == null || d.isAfter(last))) {
            last = d;
          }
          if (first) {
            currency = rs.getString(1);
            orders = rs.getLong(2);
            total = rs.getBigDecimal(3);
            first = false;
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT PARTY_ID, EMAIL, SALUTATION, FIRST_NAME, LAST_NAME, DISPLAY_NAME,"
                + " ORGANISATION_NAME, CITY, COUNTRY FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?")) {
      ps.setString(1, partyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Recipient(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                last,
                total,
                currency,
                orders));
      }
    }
  }
}
