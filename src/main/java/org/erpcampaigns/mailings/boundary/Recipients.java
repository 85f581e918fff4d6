package org.erpcampaigns.mailings.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.erpcampaigns.mailings.control.PurchaseFigures;
import org.erpcampaigns.mailings.control.Recipient;

/** One contact as a template sees it, for previews and test sends. */
final class Recipients {
  private Recipients() {}

  static Optional<Recipient> forContact(Connection c, String partyId, String orderView)
      throws SQLException {
    PurchaseFigures o =
        PurchaseFigures.of(c, orderView, "?", partyId).getOrDefault(partyId, PurchaseFigures.NONE);
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
                o.lastOrder(),
                o.total(),
                o.currency(),
                o.orders()));
      }
    }
  }
}
