package org.erpcampaigns.mailings.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * What a template may say about a contact's purchases: the date of the last order, and the number
 * and total of orders (not cancelled) in the currency the contact bought in most often — ties go to
 * the currency with the more recent order, then to the alphabetically first. One query for
 * previews, test sends and the real send, so a preview shows what the mail will say.
 */
public record PurchaseFigures(LocalDate lastOrder, BigDecimal total, String currency, long orders) {
  /** A contact without orders. */
  public static final PurchaseFigures NONE = new PurchaseFigures(null, null, null, 0);

  /** The currency a contact's figures are given in: the most orders, then the latest, then A-Z. */
  static final Comparator<Currency> PREFERRED =
      Comparator.comparingLong(Currency::orders)
          .reversed()
          .thenComparing(Currency::lastOrder, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Currency::currency, Comparator.nullsLast(Comparator.naturalOrder()));

  /** One contact's orders in one currency. */
  record Currency(String currency, long orders, BigDecimal total, LocalDate lastOrder) {}

  /**
   * The figures of the contacts that {@code contacts} selects (a query of one column of party ids,
   * with {@code parameters}), from {@code orderView} (the mapping's order view); contacts without
   * orders are left out.
   */
  public static Map<String, PurchaseFigures> of(
      Connection c, String orderView, String contacts, Object... parameters) throws SQLException {
    Map<String, Currency> preferred = new HashMap<>();
    Map<String, LocalDate> last = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.CONTACT_ID, v.CURRENCY, COUNT(*), SUM(v.GRAND_TOTAL), MAX(v.ORDER_DATE) FROM "
                + orderView
                + " v WHERE v.CONTACT_ID IN ("
                + contacts
                + ") AND v.STATUS <> 'CANCELLED' GROUP BY v.CONTACT_ID, v.CURRENCY")) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String party = rs.getString(1);
          Timestamp at = rs.getTimestamp(5);
          LocalDate date = at == null ? null : at.toLocalDateTime().toLocalDate();
          Currency here = new Currency(rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), date);
          last.merge(party, date == null ? LocalDate.MIN : date, (a, b) -> a.isAfter(b) ? a : b);
          preferred.merge(party, here, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
        }
      }
    }
    Map<String, PurchaseFigures> figures = new HashMap<>();
    preferred.forEach(
        (party, p) -> {
          LocalDate latest = last.get(party);
          figures.put(
              party,
              new PurchaseFigures(
                  LocalDate.MIN.equals(latest) ? null : latest,
                  p.total(),
                  p.currency(),
                  p.orders()));
        });
    return figures;
  }
}
