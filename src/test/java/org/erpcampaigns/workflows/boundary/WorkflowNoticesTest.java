package org.erpcampaigns.workflows.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.erpcampaigns.platform.control.Migrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notices of NOTIFY steps become messages on the product's own schema (H2, PostgreSQL mode):
 * one per workflow, step and recipient, listing each contact; sent ones are not claimed again, a
 * refusal comes back later and fails after the last attempt, a user without an address fails.
 */
class WorkflowNoticesTest {
  static int databases;

  WorkflowNotices cut;
  Connection db;

  @BeforeEach
  void schema() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:notices" + (databases++) + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.campaignsSchema(ds);
    db = ds.getConnection();
    cut = new WorkflowNotices();
    cut.dataSource = ds;
    cut.clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
    cut.from = "campaigns@shop.test";
    cut.language = "it";
    sql(
        "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
            + " STATUS, CREATED_BY, CREATED_AT) VALUES (1, 'Spring', 'MARKETING', 'B2C', 'marketer',"
            + " 'EUR', 'UTC', 'ACTIVE', 'test', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_WORKFLOW (ID, CAMPAIGN_ID, NAME, STATUS, DRAFT_DEFINITION, CREATED_BY,"
            + " CREATED_AT, UPDATED_AT) VALUES (1, 1, 'Offerta', 'ACTIVE', '{}', 'marketer',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_USER (USERNAME, PASSWORD_HASH, DISPLAY_NAME, ENABLED, CREATED_AT, EMAIL)"
            + " VALUES ('marketer', 'x', 'M', 'Y', CURRENT_TIMESTAMP, 'marketer@shop.test'),"
            + " ('analyst', 'x', 'A', 'Y', CURRENT_TIMESTAMP, NULL)");
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  void notice(long id, String step, String recipient, String... parties) throws SQLException {
    sql(
        "INSERT INTO CM_WORKFLOW_NOTICE (ID, WORKFLOW_ID, STEP_KEY, RECIPIENT, CONTACTS, STATE,"
            + " NEXT_AT, CREATED_AT) VALUES (?, 1, ?, ?, ?, 'PENDING', TIMESTAMP '2026-12-02"
            + " 08:00:00', CURRENT_TIMESTAMP)",
        id,
        step,
        recipient,
        parties.length);
    for (String p : parties) {
      sql(
          "INSERT INTO CM_WORKFLOW_NOTICE_CONTACT (NOTICE_ID, ENROLMENT_ID, STEP_KEY, PARTY_ID)"
              + " VALUES (?, ?, ?, ?)",
          id,
          (long) p.hashCode(),
          step,
          p);
    }
  }

  @Test
  void theNoticesOfOneStepAndRecipientAreOneMessageSentOnce() throws SQLException {
    notice(1, "clicked", "marketer", "P01", "P02", "P03");
    notice(2, "clicked", "marketer", "P04");
    notice(3, "clicked", "boss@shop.test", "P05");
    notice(4, "other", "analyst", "P06");

    List<WorkflowNotices.Message> messages = cut.claim(100);
    assertEquals(2, messages.size(), messages.toString());
    WorkflowNotices.Message m = messages.get(0);
    assertEquals(List.of(1L, 2L), m.notices());
    assertEquals("marketer@shop.test", m.address(), "the owner's address");
    assertEquals("4 contatti hanno raggiunto “clicked” nel workflow “Offerta”", m.subject());
    for (String p : List.of("P01", "P02", "P03", "P04")) {
      assertTrue(m.text().contains("- " + p + "\n"), m.text());
    }
    assertTrue(!m.text().contains("P05"), "another recipient's contact");
    assertEquals("boss@shop.test", messages.get(1).address());
    assertEquals(
        List.of("FAILED"),
        strings("SELECT STATE FROM CM_WORKFLOW_NOTICE WHERE ID = 4"),
        "a user without an address");

    cut.sent(m, null);
    assertEquals(List.of(), cut.claim(100), "sent and sending notices are not claimed again");
    assertEquals(
        List.of("SENT", "SENT", "SENDING", "FAILED"),
        strings("SELECT STATE FROM CM_WORKFLOW_NOTICE ORDER BY ID"));
  }

  @Test
  void aRefusedNoticeComesBackLaterAndFailsAfterTheLastAttempt() throws SQLException {
    notice(1, "clicked", "boss@shop.test", "P01");
    for (int attempt = 1; attempt <= WorkflowNotices.MAX_ATTEMPTS; attempt++) {
      List<WorkflowNotices.Message> due = cut.claim(100);
      assertEquals(1, due.size(), "attempt " + attempt);
      cut.sent(due.get(0), "550 no such user");
      assertEquals(List.of(), cut.claim(100), "not before the retry delay");
      sql("UPDATE CM_WORKFLOW_NOTICE SET NEXT_AT = TIMESTAMP '2026-12-02 08:00:00'");
    }
    assertEquals(
        List.of("FAILED:550 no such user"),
        strings("SELECT CONCAT(STATE, ':', LAST_ERROR) FROM CM_WORKFLOW_NOTICE"));
    assertEquals(List.of(), cut.claim(100));
  }

  void sql(String statement, Object... parameters) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }

  List<String> strings(String query) throws SQLException {
    List<String> r = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        r.add(rs.getString(1));
      }
    }
    return r;
  }
}
