package org.erpcampaigns.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Filter;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Recipient;
import org.erpcampaigns.platform.control.Migrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recipients of a campaign on the product's own schema (H2, PostgreSQL mode): each filter names
 * exactly the contacts it says, a contact with two messages is one row, another campaign's events
 * and orders placed before the send do not count, and pages follow the party order.
 */
class CampaignRecipientsTest {
  static final LocalDateTime T0 = LocalDateTime.of(2026, 12, 1, 9, 0);
  static int databases;

  Connection db;
  final CampaignRecipients cut = new CampaignRecipients("TEST_ORDERS");

  @BeforeEach
  void schema() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:recipients" + (databases++) + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.campaignsSchema(ds);
    db = ds.getConnection();
    sql(
        "CREATE TABLE TEST_ORDERS (CONTACT_ID VARCHAR(20), ORDER_DATE TIMESTAMP,"
            + " STATUS VARCHAR(20))");
    // P1 opened and clicked and ordered; P2 opened only; P3 clicked (another campaign's open does
    // not count), ordered before the send; P4 bounced; P5 unsubscribed and replied; P6 queued only
    for (int p = 1; p <= 6; p++) {
      outbox(1, 100, p, p == 6 ? null : T0.plusMinutes(p));
      sql(
          "INSERT INTO CM_CONTACT_INDEX (PARTY_ID, FIRST_NAME, LAST_NAME, EMAIL) VALUES (?, ?, ?,"
              + " ?)",
          "P" + p,
          "First" + p,
          "Last" + p,
          "p" + p + "@example.test");
    }
    outbox(1, 101, 1, T0.plusDays(1)); // a second message to P1, at its new address
    sql("UPDATE CM_OUTBOX SET EMAIL = 'p1.new@example.test' WHERE MAILING_ID = 101");
    outbox(2, 200, 7, T0); // another campaign's recipient
    event(1, 1, "OPENED");
    event(1, 1, "OPENED");
    event(1, 1, "CLICKED");
    event(1, 2, "OPENED");
    event(1, 3, "CLICKED");
    event(2, 3, "OPENED");
    event(1, 4, "BOUNCED");
    event(1, 5, "UNSUBSCRIBED");
    // Apple's proxy opened P4's and P5's mail, a scanner clicked P2's link: no engagement
    event(1, 4, "OPENED", "MACHINE_OPEN");
    event(1, 5, "OPENED", "MACHINE_OPEN");
    event(1, 2, "CLICKED", "BOT_CLICK");
    event(1, 5, "REPLIED");
    order("P1", T0.plusDays(2));
    order("P3", T0.minusDays(2));
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void eachFilterNamesExactlyItsContacts() throws SQLException {
    Map<Filter, List<String>> expected = new TreeMap<>();
    expected.put(Filter.ALL, List.of("P1", "P2", "P3", "P4", "P5", "P6"));
    expected.put(Filter.OPENED, List.of("P1", "P2"));
    expected.put(Filter.NOT_OPENED, List.of("P3", "P4", "P5", "P6"));
    expected.put(Filter.OPENED_NOT_CLICKED, List.of("P2"));
    expected.put(Filter.CLICKED, List.of("P1", "P3"));
    expected.put(Filter.CLICKED_NO_ORDER, List.of("P3"));
    expected.put(Filter.ORDERED, List.of("P1"));
    expected.put(Filter.REPLIED, List.of("P5"));
    expected.put(Filter.BOUNCED, List.of("P4"));
    expected.put(Filter.UNSUBSCRIBED, List.of("P5"));
    expected.put(Filter.NOT_SENT, List.of("P6"));
    assertEquals(Filter.values().length, expected.size());
    expected.forEach(
        (f, parties) -> {
          try {
            assertEquals(parties, cut.parties(db, 1, f), f.name());
            assertEquals(parties.size(), cut.count(db, 1, f), f.name());
            assertEquals(
                parties, cut.page(db, 1, f, 0, 50).stream().map(Recipient::partyId).toList());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aRecipientsRowSaysWhatItDid() throws SQLException {
    Recipient p1 = cut.page(db, 1, Filter.ALL, 0, 1).get(0);
    assertEquals(
        new Recipient(
            "P1",
            "p1.new@example.test",
            "First1 Last1",
            2,
            2,
            T0.plusDays(1),
            2,
            1,
            false,
            false,
            false,
            true,
            null),
        p1);
    Recipient p5 = cut.page(db, 1, Filter.ALL, 4, 1).get(0);
    assertEquals("P5", p5.partyId());
    assertTrue(p5.replied() && p5.unsubscribed());
    assertFalse(p5.bounced() || p5.ordered());
    Recipient p6 = cut.page(db, 1, Filter.ALL, 5, 10).get(0);
    assertEquals(0, p6.sent());
    assertEquals(null, p6.lastSent());
    assertEquals(List.of("P3", "P4"), ids(cut.page(db, 1, Filter.ALL, 2, 2)));
    assertEquals(List.of(), cut.page(db, 1, Filter.ALL, 6, 10));
  }

  @Test
  void theWorkflowStateIsTheLatestPosition() throws SQLException {
    sql(
        "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
            + " STATUS, CREATED_BY, CREATED_AT) VALUES (1, 'c', 'MARKETING', 'B2C', 'o', 'EUR',"
            + " 'UTC', 'ACTIVE', 't', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_WORKFLOW (ID, CAMPAIGN_ID, NAME, STATUS, DRAFT_DEFINITION, CREATED_BY,"
            + " CREATED_AT, UPDATED_AT) VALUES (1, 1, 'w', 'ACTIVE', '{}', 'o', CURRENT_TIMESTAMP,"
            + " CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_ENROLMENT (ID, WORKFLOW_ID, VERSION_ID, PARTY_ID, STATE_KEY, STEP_INDEX,"
            + " STATUS, DUE_AT, ENROLLED_AT, STATE_SINCE) VALUES (1, 1, 1, 'P2', 'followup', 0,"
            + " 'WAITING', ?, ?, ?)",
        T0,
        T0,
        T0.plusDays(1));
    assertEquals("followup", cut.page(db, 1, Filter.OPENED, 1, 1).get(0).workflowState());
  }

  static List<String> ids(List<Recipient> rs) {
    List<String> ids = new ArrayList<>();
    rs.forEach(r -> ids.add(r.partyId()));
    return ids;
  }

  void outbox(long campaign, long mailing, int party, LocalDateTime sent) throws SQLException {
    sql(
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
            + " SENT_AT, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        mailing * 100 + party,
        mailing,
        campaign,
        "P" + party,
        "p" + party + "@example.test",
        sent == null ? "PENDING" : "SENT",
        T0,
        sent,
        T0);
  }

  void event(long campaign, int party, String type) throws SQLException {
    event(campaign, party, type, "OPENED".equals(type) || "CLICKED".equals(type) ? "HUMAN" : null);
  }

  void event(long campaign, int party, String type, String origin) throws SQLException {
    sql(
        "INSERT INTO CM_EVENT (ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT, ORIGIN)"
            + " VALUES (nextval('CM_EVENT_SEQ'), ?, ?, ?, ?, ?)",
        campaign,
        "P" + party,
        type,
        T0.plusHours(1),
        origin);
  }

  void order(String party, LocalDateTime at) throws SQLException {
    sql("INSERT INTO TEST_ORDERS VALUES (?, ?, 'COMPLETED')", party, at);
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
