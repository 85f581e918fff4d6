package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The currency a template's purchase figures are given in, the same for a preview and the send: the
 * most orders, then the latest order, then alphabetical; cancelled orders do not count.
 */
class PurchaseFiguresTest {
  static Connection db;

  @BeforeAll
  static void orders() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:purchasefigures;MODE=PostgreSQL", "sa", "");
    db.createStatement()
        .execute(
            "CREATE TABLE ORDERS (CONTACT_ID VARCHAR(20), CURRENCY VARCHAR(3),"
                + " GRAND_TOTAL NUMERIC(18,2), ORDER_DATE TIMESTAMP, STATUS VARCHAR(20))");
    // more orders in EUR, although the last was in USD
    order("MOST", "USD", "10.00", "2026-05-01", "COMPLETED");
    order("MOST", "EUR", "20.00", "2026-01-01", "COMPLETED");
    order("MOST", "EUR", "30.00", "2026-02-01", "COMPLETED");
    order("MOST", "USD", "99.00", "2026-06-01", "CANCELLED");
    order("MOST", "USD", "99.00", "2026-06-02", "CANCELLED");
    // as many in each: the latest decides
    order("TIE", "EUR", "20.00", "2026-01-01", "COMPLETED");
    order("TIE", "USD", "10.00", "2026-03-01", "COMPLETED");
    // as many, on the same day: alphabetical
    order("SAME", "USD", "10.00", "2026-03-01", "COMPLETED");
    order("SAME", "CHF", "15.00", "2026-03-01", "COMPLETED");
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  static void order(String contact, String currency, String total, String date, String status)
      throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO ORDERS VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, contact);
      ps.setString(2, currency);
      ps.setBigDecimal(3, new BigDecimal(total));
      ps.setObject(4, LocalDate.parse(date).atStartOfDay());
      ps.setString(5, status);
      ps.executeUpdate();
    }
  }

  @Test
  void theCurrencyWithTheMostOrdersThenTheLatestThenAlphabetical() throws SQLException {
    Map<String, PurchaseFigures> all =
        PurchaseFigures.of(
            db, "ORDERS", "SELECT DISTINCT CONTACT_ID FROM ORDERS WHERE CONTACT_ID <> ?", "NOBODY");
    assertEquals(
        new PurchaseFigures(LocalDate.of(2026, 5, 1), new BigDecimal("50.00"), "EUR", 2),
        all.get("MOST"),
        "the last order date is the last of any currency; cancelled orders do not count");
    assertEquals("USD", all.get("TIE").currency());
    assertEquals("CHF", all.get("SAME").currency());
    assertEquals(3, all.size());
  }

  @Test
  void oneContactGetsWhatTheSendGivesIt() throws SQLException {
    Map<String, PurchaseFigures> all =
        PurchaseFigures.of(db, "ORDERS", "SELECT DISTINCT CONTACT_ID FROM ORDERS");
    for (String contact : new String[] {"MOST", "TIE", "SAME"}) {
      assertEquals(
          all.get(contact), PurchaseFigures.of(db, "ORDERS", "?", contact).get(contact), contact);
    }
    assertEquals(Map.of(), PurchaseFigures.of(db, "ORDERS", "?", "NOBODY"));
  }
}
