package org.erpcampaigns.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.monitoring.entity.AbTest;
import org.erpcampaigns.platform.control.Migrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A split's ways on the product's schema (H2, PostgreSQL mode): who took which way, and what they
 * did after: people's opens and clicks, orders since (not cancelled, not before), revenue in the
 * campaign's currency only; another split's and machines' events do not count.
 */
class SplitResultsTest {
  static final LocalDateTime T0 = LocalDateTime.of(2026, 12, 1, 9, 0);
  static int databases;
  Connection db;

  @BeforeEach
  void schema() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:splits" + (databases++) + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.campaignsSchema(ds);
    db = ds.getConnection();
    sql(
        "CREATE TABLE TEST_ORDERS (CONTACT_ID VARCHAR(20), ORDER_ID VARCHAR(20),"
            + " ORDER_DATE TIMESTAMP, STATUS VARCHAR(20), CURRENCY VARCHAR(3),"
            + " GRAND_TOTAL DECIMAL(18, 2))");
    // P1, P2, P3 took way a, P4, P5 way b; P6 entered a through another step (a move)
    entered("P1", "a", "ab");
    entered("P2", "a", "ab");
    entered("P3", "a", "ab");
    entered("P4", "b", "ab");
    entered("P5", "b", "ab");
    entered("P6", "a", "to-a");
    event("P1", "OPENED", null);
    event("P1", "CLICKED", "HUMAN");
    event("P2", "OPENED", "MACHINE_OPEN");
    event("P4", "CLICKED", "BOT_CLICK");
    event("P5", "OPENED", "HUMAN");
    event("P6", "CLICKED", "HUMAN");
    order("P1", "o1", T0.plusDays(1), "COMPLETED", "EUR", "120.00");
    order("P1", "o2", T0.plusDays(2), "COMPLETED", "EUR", "30.00");
    order("P2", "o3", T0.plusDays(1), "CANCELLED", "EUR", "99.00");
    order("P3", "o4", T0.minusDays(1), "COMPLETED", "EUR", "50.00"); // before the split
    order("P4", "o5", T0.plusDays(1), "COMPLETED", "USD", "80.00"); // another currency
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void eachWayCountsWhatItsContactsDidAfterTakingIt() throws SQLException {
    Map<String, String> ways = new LinkedHashMap<>();
    ways.put("a", "Offer A");
    ways.put("b", "Offer B");
    ways.put("c", "Offer C");
    List<AbTest.Way> result = new SplitResults("TEST_ORDERS").ways(db, 1, 1, "ab", ways, "EUR");
    assertEquals(
        List.of(
            "a Offer A: 3 contacts, 1 opened, 1 clicked, 1 ordered, 150 revenue, 22500 squares",
            "b Offer B: 2 contacts, 1 opened, 0 clicked, 1 ordered, 0 revenue, 0 squares",
            "c Offer C: 0 contacts, 0 opened, 0 clicked, 0 ordered, 0 revenue, 0 squares"),
        result.stream().map(SplitResultsTest::text).toList());
    assertEquals(
        List.of(0L, 0L, 0L),
        new SplitResults(null)
            .ways(db, 1, 1, "ab", ways, "EUR").stream().map(AbTest.Way::ordered).toList(),
        "no order view, no orders");
  }

  static String text(AbTest.Way w) {
    return w.state()
        + " "
        + w.name()
        + ": "
        + w.contacts()
        + " contacts, "
        + w.opened()
        + " opened, "
        + w.clicked()
        + " clicked, "
        + w.ordered()
        + " ordered, "
        + w.revenue().stripTrailingZeros().toPlainString()
        + " revenue, "
        + w.revenueSquares().stripTrailingZeros().toPlainString()
        + " squares";
  }

  void entered(String party, String state, String step) throws SQLException {
    sql(
        "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, PARTY_ID, KIND, STATE_KEY, STEP_KEY,"
            + " DETAIL, OCCURRED_AT) VALUES (nextval('CM_WORKFLOW_ACTIVITY_SEQ'), 1, ?, 'ENTERED',"
            + " ?, ?, 'SPLIT from start', ?)",
        party,
        state,
        step,
        T0);
  }

  void event(String party, String type, String origin) throws SQLException {
    sql(
        "INSERT INTO CM_EVENT (ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT, ORIGIN)"
            + " VALUES (nextval('CM_EVENT_SEQ'), 1, ?, ?, ?, ?)",
        party,
        type,
        T0.plusHours(1),
        origin);
  }

  void order(
      String party, String id, LocalDateTime at, String status, String currency, String total)
      throws SQLException {
    sql(
        "INSERT INTO TEST_ORDERS VALUES (?, ?, ?, ?, ?, ?)",
        party,
        id,
        at,
        status,
        currency,
        new BigDecimal(total));
  }

  void sql(String statement, Object... parameters) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }
}
