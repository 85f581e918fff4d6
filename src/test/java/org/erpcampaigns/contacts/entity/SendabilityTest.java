package org.erpcampaigns.contacts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.control.SegmentSql;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.platform.control.Migrations;
import org.erpcampaigns.tracking.control.Recipients;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One table of cases, each a reason why a contact may not be mailed (or none), run through the rule
 * itself and through every user of it: live counts, list materialisation, explanations, suppression
 * before a static list's send, enqueueing a send, the send-time check and the unsubscribe page's
 * "already suppressed". Each user must give the table's answer, under either meaning of a consent
 * that is not set ({@code campaigns.erp.solicitation-null}).
 */
class SendabilityTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  static final long LIST = 77;
  static final long MAILING = 7700;

  /**
   * A contact as the contact index has it, what our tables say, and the expected reason; {@code
   * atSend} is the reason at send time, when the ERP's live consent is read too.
   */
  record Case(
      String party,
      boolean indexed,
      String enabled,
      String email,
      String solicitation,
      String suppressed,
      String optOut,
      boolean erpRefusesNow,
      String expected,
      String atSend) {
    /** The reason when a consent that is not set means {@code p}. */
    String expectedUnder(SolicitationNull p) {
      return refusedForNull(p) ? "SOLICITATION" : expected;
    }

    String atSendUnder(SolicitationNull p) {
      return refusedForNull(p) ? "SOLICITATION" : atSend;
    }

    private boolean refusedForNull(SolicitationNull p) {
      return p == SolicitationNull.REFUSED && indexed && solicitation == null && expected == null;
    }

    static Case of(
        String party,
        String enabled,
        String email,
        String solicitation,
        String suppressed,
        String optOut,
        String expected) {
      return new Case(
          party, true, enabled, email, solicitation, suppressed, optOut, false, expected, expected);
    }
  }

  static final List<Case> CASES =
      List.of(
          Case.of("S01", "Y", "ok@example.test", "Y", null, null, null),
          Case.of("S02", "Y", "unset@example.test", null, null, null, null),
          Case.of("S03", "N", "off@example.test", "Y", null, null, "DISABLED"),
          Case.of("S04", null, "unknownstate@example.test", "Y", null, null, "DISABLED"),
          Case.of("S05", "Y", null, "Y", null, null, "NO_EMAIL"),
          Case.of("S06", "Y", "not-an-address", "Y", null, null, "NO_EMAIL"),
          Case.of("S07", "Y", "two words@example.test", "Y", null, null, "NO_EMAIL"),
          Case.of("S08", "Y", "a@example.test\r\nBcc:b@example.test", "Y", null, null, "NO_EMAIL"),
          Case.of("S09", "Y", "refused@example.test", "N", null, null, "SOLICITATION"),
          Case.of("S10", "Y", "gone@example.test", "Y", "UNSUBSCRIBED", null, "UNSUBSCRIBED"),
          Case.of("S11", "Y", "Bounced@Example.test", "Y", "HARD_BOUNCE", null, "HARD_BOUNCE"),
          Case.of("S12", "Y", "spam@example.test", "Y", "COMPLAINT", null, "COMPLAINT"),
          Case.of("S13", "Y", "optout@example.test", "Y", null, "ACTIVE", "OPTED_OUT"),
          Case.of("S14", "Y", "back@example.test", "Y", null, "WITHDRAWN", null),
          Case.of("S15", "N", "both@example.test", "N", "UNSUBSCRIBED", "ACTIVE", "DISABLED"),
          new Case(
              "S16",
              false,
              null,
              "ghost@example.test",
              null,
              null,
              null,
              false,
              "UNKNOWN_CONTACT",
              "UNKNOWN_CONTACT"),
          new Case(
              "S17",
              true,
              "Y",
              "erpnow@example.test",
              "Y",
              null,
              null,
              true,
              null,
              "SOLICITATION"));

  static Connection db;

  @BeforeAll
  static void schema() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:sendability;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.campaignsSchema(ds);
    db = ds.getConnection();
    sql(
        "CREATE TABLE TEST_CHANNELS (CONTACT_ID VARCHAR(20), KIND VARCHAR(20),"
            + " CHANNEL_VALUE VARCHAR(255), ALLOW_SOLICITATION CHAR(1), VALID_FROM TIMESTAMP,"
            + " VALID_THRU TIMESTAMP)");
    sql(
        "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
            + " VALUES (?, 'All', 'STATIC', 'READY', 'test', CURRENT_TIMESTAMP)",
        LIST);
    for (Case k : CASES) {
      if (k.indexed()) {
        sql(
            "INSERT INTO CM_CONTACT_INDEX (PARTY_ID, CONTACT_TYPE, ENABLED, DISPLAY_NAME, EMAIL,"
                + " ALLOW_SOLICITATION) VALUES (?, 'PERSON', ?, ?, ?, ?)",
            k.party(),
            k.enabled(),
            k.party(),
            k.email(),
            k.solicitation());
      }
      if (k.suppressed() != null) {
        sql(
            "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES (?, ?, ?)",
            k.email().toLowerCase(),
            k.suppressed(),
            NOW.minusDays(1));
      }
      if (k.optOut() != null) {
        sql(
            "INSERT INTO CM_CONTACT_OPT_OUT (ID, PARTY_ID, RECORDED_BY, RECORDED_AT, WITHDRAWN_AT)"
                + " VALUES (nextval('CM_CONTACT_OPT_OUT_SEQ'), ?, 'test', ?, ?)",
            k.party(),
            NOW.minusDays(2),
            "WITHDRAWN".equals(k.optOut()) ? NOW.minusDays(1) : null);
      }
      sql(
          "INSERT INTO TEST_CHANNELS VALUES (?, 'EMAIL', ?, ?, ?, NULL)",
          k.party(),
          k.email(),
          k.erpRefusesNow() ? "N" : "Y",
          NOW.minusDays(30));
    }
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  /** The expected reason per party among the contact index's contacts. */
  static Map<String, String> expectedForIndexed(SolicitationNull p) {
    Map<String, String> m = new TreeMap<>();
    CASES.stream().filter(Case::indexed).forEach(k -> m.put(k.party(), k.expectedUnder(p)));
    return m;
  }

  static List<String> allowed(boolean indexedOnly, boolean atSend, SolicitationNull p) {
    return CASES.stream()
        .filter(k -> k.indexed() || !indexedOnly)
        .filter(k -> (atSend ? k.atSendUnder(p) : k.expectedUnder(p)) == null)
        .map(Case::party)
        .sorted()
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @EnumSource(SolicitationNull.class)
  void theReasonAndTheFilterAgreeWithTheTable(SolicitationNull p) throws SQLException {
    policy(p);
    Map<String, String> reasons = new TreeMap<>();
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT c.PARTY_ID, "
                    + Sendability.reason("c", "c.PARTY_ID", "c.EMAIL")
                    + ", CASE WHEN "
                    + Sendability.allows("c", "c.PARTY_ID", "c.EMAIL")
                    + " THEN 'yes' ELSE 'no' END FROM CM_CONTACT_INDEX c ORDER BY c.PARTY_ID");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        reasons.put(rs.getString(1), rs.getString(2));
        assertEquals(
            rs.getString(2) == null ? "yes" : "no",
            rs.getString(3),
            "filter of " + rs.getString(1));
      }
    }
    assertEquals(expectedForIndexed(p), reasons);
  }

  @ParameterizedTest
  @EnumSource(SolicitationNull.class)
  void aLiveCountCountsTheAllowedAddresses(SolicitationNull p) throws SQLException {
    policy(p);
    SegmentSql everyone = new SegmentSql("c.PARTY_ID LIKE 'S%'", List.of());
    ListMembership.Count count = ListMembership.count(db, everyone);
    assertEquals(CASES.stream().filter(Case::indexed).count(), count.matched());
    assertEquals(allowed(true, false, p).size(), count.reachable());
  }

  @ParameterizedTest
  @EnumSource(SolicitationNull.class)
  void aListTakesTheAllowedAndExplainsTheOthers(SolicitationNull p) throws SQLException {
    policy(p);
    SegmentSql everyone = new SegmentSql("c.PARTY_ID LIKE 'S%'", List.of());
    ListMembership.materialise(db, LIST, everyone, NOW);
    try {
      assertEquals(allowed(true, false, p), members());
      for (Case k : CASES) {
        ListMembership.Explanation e = ListMembership.explain(db, LIST, k.party());
        if (!k.indexed()) {
          assertEquals(ListMembership.Standing.UNKNOWN_CONTACT, e.standing(), k.party());
        } else if (k.expectedUnder(p) == null) {
          assertEquals(ListMembership.Standing.MEMBER, e.standing(), k.party());
        } else {
          assertEquals(
              new ListMembership.Explanation(
                  ListMembership.Standing.SUPPRESSED, k.expectedUnder(p)),
              e,
              k.party());
        }
      }
    } finally {
      sql("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ?", LIST);
    }
  }

  @ParameterizedTest
  @EnumSource(SolicitationNull.class)
  void everyUserOfAListsMembersAppliesTheRule(SolicitationNull p) throws SQLException {
    policy(p);
    everyoneAsMember();
    try {
      long[] counts = OutboxStore.listCounts(db, LIST);
      assertEquals(CASES.size(), counts[0]);
      assertEquals(allowed(false, false, p).size(), counts[1]);

      OutboxStore.enqueue(db, MAILING, 1, LIST, NOW, NOW);
      assertEquals(
          allowed(false, false, p),
          strings(
              "SELECT PARTY_ID FROM CM_OUTBOX WHERE MAILING_ID = ? ORDER BY PARTY_ID", MAILING));

      assertEquals(allowed(false, false, p).size(), ListMembership.applySuppression(db, LIST));
      assertEquals(allowed(false, false, p), members());
    } finally {
      sql("DELETE FROM CM_OUTBOX WHERE MAILING_ID = ?", MAILING);
      sql("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ?", LIST);
    }
  }

  @ParameterizedTest
  @EnumSource(SolicitationNull.class)
  void theSendTimeCheckAndTheUnsubscribePageApplyTheRule(SolicitationNull p) throws SQLException {
    policy(p);
    List<Long> ids = new ArrayList<>();
    long id = 9000;
    for (Case k : CASES) {
      sql(
          "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, ATTEMPTS,"
              + " DUE_AT, CREATED_AT, CLAIMED_BY) VALUES (?, ?, 1, ?, ?, 'SENDING', 1, ?, ?, 'T')",
          id,
          MAILING + 1,
          k.party(),
          k.email() == null ? "" : k.email(),
          NOW,
          NOW);
      ids.add(id++);
    }
    try {
      List<OutboxStore.Claimed> loaded = OutboxStore.load(db, "T", ids, null, "TEST_CHANNELS", NOW);
      Map<String, Boolean> suppressed = new TreeMap<>();
      loaded.forEach(r -> suppressed.put(r.recipient().contactId(), r.suppressed()));
      Map<String, Boolean> expected = new TreeMap<>();
      CASES.forEach(k -> expected.put(k.party(), k.atSendUnder(p) != null));
      assertEquals(expected, suppressed);

      for (int i = 0; i < CASES.size(); i++) {
        Case k = CASES.get(i);
        assertEquals(
            k.suppressed() != null,
            Recipients.byOutboxId(db, ids.get(i), false).orElseThrow().suppressed(),
            "unsubscribe page of " + k.party());
      }
    } finally {
      sql("DELETE FROM CM_OUTBOX WHERE MAILING_ID = ?", MAILING + 1);
    }
  }

  private static void policy(SolicitationNull p) throws SQLException {
    sql(Sendability.STORE_POLICY, p.indicator());
  }

  private static void everyoneAsMember() throws SQLException {
    for (Case k : CASES) {
      sql(
          "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
              + " VALUES (?, ?, ?, 'MANUAL', ?)",
          LIST,
          k.party(),
          k.email() == null ? "" : k.email().toLowerCase(),
          NOW);
    }
  }

  private static List<String> members() throws SQLException {
    return strings("SELECT PARTY_ID FROM CM_LIST_MEMBER WHERE LIST_ID = ? ORDER BY PARTY_ID", LIST);
  }

  private static void sql(String statement, Object... parameters) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }

  private static List<String> strings(String query, Object... parameters) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }
}
