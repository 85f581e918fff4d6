package org.erpcampaigns.audiences.control;

import static org.erpcampaigns.audiences.entity.Condition.of;
import static org.erpcampaigns.audiences.entity.Field.ORDER_COUNT;
import static org.erpcampaigns.audiences.entity.Field.TOTAL_SPENT;
import static org.erpcampaigns.audiences.entity.Operator.AT_LEAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.erpcampaigns.audiences.entity.Period;
import org.erpcampaigns.contacts.control.ContactIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Totals spent in one reporting currency: orders in other currencies converted at the OFBiz rate
 * valid at their date (or the inverse of the rate the other way round), orders without such a rate
 * counted as orders but left out of totals and reported, on an H2 built by the product's
 * migrations.
 */
class PurchaseIndexTest {
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final Clock CLOCK =
      Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  static SegmentDatabase db;
  final SegmentCompiler compiler = new SegmentCompiler(ErpSources.ofbiz(), CLOCK);

  @BeforeAll
  static void rows() throws Exception {
    db = new SegmentDatabase("purchase-index-currencies");
    for (String id : List.of("X1", "X2", "X3")) {
      db.person(id, "First", id, "F", null, "PARTY_ENABLED");
      db.email(id, id.toLowerCase() + "@example.test", "Y");
      db.address(id, "Kronberg", "10000", null, "SWE");
    }
    // SEK to EUR changed at the start of 2025; NOK only has a rate from EUR
    db.rate("SEK", "EUR", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), 0.085);
    db.rate("SEK", "EUR", LocalDate.of(2025, 1, 1), null, 0.09);
    db.rate("EUR", "NOK", LocalDate.of(2024, 1, 1), null, 11.5);
    String done = "ORDER_COMPLETED";
    db.orderIn("X1-EUR", "X1", done, at(2025, 3, 1), "EUR", "100.00");
    db.orderIn("X1-SEK24", "X1", done, at(2024, 6, 1), "SEK", "1000.00");
    db.orderIn("X1-SEK25", "X1", done, at(2025, 6, 1), "SEK", "1000.00");
    db.orderIn("X1-NOK", "X1", done, at(2025, 2, 1), "NOK", "1150.00");
    db.orderIn("X1-JPY", "X1", done, at(2025, 5, 1), "JPY", "50000");
    db.orderIn("X2-JPY", "X2", done, at(2025, 1, 10), "JPY", "1000");
    db.orderIn("X3-SEK23", "X3", done, at(2023, 6, 1), "SEK", "700.00");
    db.orderIn("X3-NONE", "X3", done, at(2025, 6, 1), null, "10.00");
    db.orderIn("X3-CANCELLED", "X3", "ORDER_CANCELLED", at(2025, 6, 1), "JPY", "9");
    ContactIndex.refresh(db.connection, "CM_OFBIZ_CONTACT");
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static LocalDateTime at(int year, int month, int day) {
    return LocalDateTime.of(year, month, day, 12, 0);
  }

  @Test
  void ordersInOtherCurrenciesAreConvertedAtTheRateOfTheirDate() throws Exception {
    PurchaseIndex.State state = PurchaseIndex.refresh(db.connection, ErpSources.ofbiz(), "EUR");
    assertEquals("EUR", state.reportingCurrency());
    assertEquals(new BigDecimal("85.00"), total("X1-SEK24"), "2024's rate");
    assertEquals(new BigDecimal("90.00"), total("X1-SEK25"), "2025's rate");
    assertEquals(new BigDecimal("100.00"), total("X1-NOK"), "1150 / 11.5 (rate from EUR)");
    assertEquals(new BigDecimal("100.00"), total("X1-EUR"));
    assertEquals(null, total("X1-JPY"), "no JPY rate");
    assertEquals(null, total("X3-SEK23"), "no SEK rate in 2023");

    assertEquals(
        new BigDecimal("375.00"), spent("X1"), "100 + 85 + 90 + 100, the yen order left out");
    assertEquals(new BigDecimal("0.00"), spent("X2"), "its one order has no rate");
  }

  @Test
  void ordersWithoutARateAreCountedAndNamedByCurrency() throws Exception {
    PurchaseIndex.State state = PurchaseIndex.refresh(db.connection, ErpSources.ofbiz(), "EUR");
    assertEquals(4, state.ordersWithoutRate(), "two in JPY, one SEK of 2023, one without currency");
    assertEquals(List.of("JPY", "SEK"), state.currenciesWithoutRate());
    PurchaseIndex.State read = PurchaseIndex.state(db.connection).orElseThrow();
    assertEquals("EUR", read.reportingCurrency());
    assertEquals(4, read.ordersWithoutRate());
    assertEquals(List.of("JPY", "SEK"), read.currenciesWithoutRate());
  }

  @Test
  void totalSpentCriteriaReadConvertedTotalsAndOrdersWithoutRateStillCount() throws Exception {
    PurchaseIndex.refresh(db.connection, ErpSources.ofbiz(), "EUR");
    assertEquals(List.of("X1"), matching(of(TOTAL_SPENT, AT_LEAST, "375")));
    assertEquals(List.of(), matching(of(TOTAL_SPENT, AT_LEAST, "375.01")));
    // over a period with both bounds each order is read: 100 (EUR) + 90 (SEK) + 100 (NOK) in 2025
    Period in2025 = Period.between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
    assertEquals(List.of("X1"), matching(of(TOTAL_SPENT, AT_LEAST, "290").during(in2025)));
    assertEquals(List.of(), matching(of(TOTAL_SPENT, AT_LEAST, "290.01").during(in2025)));
    assertEquals(List.of("X1", "X2", "X3"), matching(of(ORDER_COUNT, AT_LEAST, "1")));
  }

  @Test
  void anotherReportingCurrencyConvertsTheOtherWay() throws Exception {
    PurchaseIndex.State state = PurchaseIndex.refresh(db.connection, ErpSources.ofbiz(), "SEK");
    assertEquals(new BigDecimal("1111.11"), total("X1-EUR"), "100 EUR / 0.09 (rate from SEK)");
    assertEquals(new BigDecimal("1000.00"), total("X1-SEK25"));
    assertEquals(null, total("X1-NOK"), "no NOK-SEK rate either way");
    assertEquals("SEK", state.reportingCurrency());
    assertEquals(List.of("JPY", "NOK"), state.currenciesWithoutRate());
    assertEquals(4, state.ordersWithoutRate(), "2 JPY, NOK, the one without currency");
  }

  @Test
  void aReportingCurrencyThatIsNoCodeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PurchaseIndex.refresh(db.connection, ErpSources.ofbiz(), "euro"));
  }

  private BigDecimal total(String order) throws Exception {
    try (PreparedStatement ps =
        db.connection.prepareStatement(
            "SELECT GRAND_TOTAL FROM CM_PURCHASE_INDEX WHERE ORDER_ID = ?")) {
      ps.setString(1, order);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }

  private BigDecimal spent(String contact) throws Exception {
    try (PreparedStatement ps =
        db.connection.prepareStatement(
            "SELECT TOTAL_SPENT FROM CM_PURCHASE_SUMMARY WHERE CONTACT_ID = ?")) {
      ps.setString(1, contact);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }

  private List<String> matching(org.erpcampaigns.audiences.entity.Criterion criteria)
      throws Exception {
    List<String> ids = db.matching(compiler.compile(criteria));
    return ids.stream().filter(id -> id.startsWith("X")).toList();
  }
}
