package org.erpcampaigns.mailings.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.erpcampaigns.platform.control.Migrations;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Our tables as Flyway makes them, in an H2 database of the test's own (PostgreSQL mode), with a
 * campaign, a list, a template and whatever mailings and outbox rows a test adds; the ERP's live
 * consent is read from TEST_CHANNELS.
 */
final class SenderDatabase implements AutoCloseable {
  static final String CHANNELS = "TEST_CHANNELS";
  private static int databases;

  final JdbcDataSource dataSource = new JdbcDataSource();
  private final Connection db;

  SenderDatabase() throws SQLException {
    dataSource.setURL("jdbc:h2:mem:sender" + (databases++) + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    Migrations.campaignsSchema(dataSource);
    db = dataSource.getConnection();
    sql(
        "CREATE TABLE TEST_CHANNELS (CONTACT_ID VARCHAR(20), KIND VARCHAR(20),"
            + " CHANNEL_VALUE VARCHAR(255), ALLOW_SOLICITATION CHAR(1), VALID_FROM TIMESTAMP,"
            + " VALID_THRU TIMESTAMP)");
    sql(
        "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
            + " STATUS, CREATED_BY, CREATED_AT) VALUES (1, 'Spring', 'MARKETING', 'B2C', 'marketer',"
            + " 'EUR', 'UTC', 'ACTIVE', 'test', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
            + " VALUES (1, 'All', 'STATIC', 'READY', 'test', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_MAIL_TEMPLATE (ID, NAME, SENDER_NAME, SENDER_ADDRESS, DEFAULT_LANGUAGE,"
            + " CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (1, 't', 'Shop', 'news@shop.test', 'en',"
            + " 'test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
  }

  /** A mailing of campaign 1 in this state. */
  void mailing(long id, String state) throws SQLException {
    sql(
        "INSERT INTO CM_MAILING (ID, TEMPLATE_ID, CAMPAIGN_ID, LIST_ID, STATE, SEND_AT, TIME_ZONE,"
            + " CREATED_BY, CREATED_AT) VALUES (?, 1, 1, 1, ?, CURRENT_TIMESTAMP, 'UTC', 'test',"
            + " CURRENT_TIMESTAMP)",
        id,
        state);
  }

  /** A contact who may be mailed, and its outbox row of the mailing, due now. */
  void recipient(long mailingId, long outboxId, String party, String email) throws SQLException {
    sql(
        "INSERT INTO CM_CONTACT_INDEX (PARTY_ID, CONTACT_TYPE, ENABLED, DISPLAY_NAME, FIRST_NAME,"
            + " EMAIL, ALLOW_SOLICITATION) SELECT ?, 'PERSON', 'Y', ?, ?, ?, 'Y' WHERE NOT EXISTS"
            + " (SELECT 1 FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?)",
        party,
        party,
        party,
        email,
        party);
    sql(
        "INSERT INTO TEST_CHANNELS VALUES (?, 'EMAIL', ?, 'Y', ?, NULL)",
        party,
        email,
        LocalDateTime.of(2020, 1, 1, 0, 0));
    sql(
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, ATTEMPTS,"
            + " DUE_AT, CREATED_AT) VALUES (?, ?, 1, ?, ?, 'PENDING', 0, ?, CURRENT_TIMESTAMP)",
        outboxId,
        mailingId,
        party,
        email,
        LocalDateTime.of(2020, 1, 1, 0, 0));
  }

  void sql(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  long scalar(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Outbox rows of a mailing in a state. */
  long count(long mailingId, String state) throws SQLException {
    return scalar(
        "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = ?", mailingId, state);
  }

  @Override
  public void close() throws SQLException {
    sql("DROP ALL OBJECTS");
    db.close();
  }
}
