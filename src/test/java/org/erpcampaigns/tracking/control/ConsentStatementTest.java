package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The consent write-back statements that the shipped ERP mappings supply, run on real rows. */
class ConsentStatementTest {

  @Test
  void ofbizStatementRefusesSolicitationOnTheCurrentRowsOfThatAddressOnly() throws Exception {
    ConsentStatement cut = shipped("ofbiz");
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:ofbiz;MODE=PostgreSQL");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE CONTACT_MECH (CONTACT_MECH_ID VARCHAR(20), CONTACT_MECH_TYPE_ID"
              + " VARCHAR(20), INFO_STRING VARCHAR(255))");
      s.execute(
          "CREATE TABLE PARTY_CONTACT_MECH (PARTY_ID VARCHAR(20), CONTACT_MECH_ID VARCHAR(20),"
              + " FROM_DATE TIMESTAMP, THRU_DATE TIMESTAMP, ALLOW_SOLICITATION CHAR(1),"
              + " LAST_UPDATED_STAMP TIMESTAMP, LAST_UPDATED_TX_STAMP TIMESTAMP)");
      s.execute(
          "INSERT INTO CONTACT_MECH VALUES ('E1', 'EMAIL_ADDRESS', 'Maria.Rossi@Example.it'),"
              + " ('E2', 'EMAIL_ADDRESS', 'maria.work@example.it')");
      s.execute(
          "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE, THRU_DATE,"
              + " ALLOW_SOLICITATION) VALUES ('P1', 'E1', CURRENT_TIMESTAMP, NULL, 'Y'),"
              + " ('P1', 'E1', DATEADD('YEAR', -2, CURRENT_TIMESTAMP),"
              + " DATEADD('YEAR', -1, CURRENT_TIMESTAMP), 'Y'),"
              + " ('P1', 'E2', CURRENT_TIMESTAMP, NULL, 'Y'),"
              + " ('P2', 'E1', CURRENT_TIMESTAMP, NULL, 'Y')");

      assertEquals(1, cut.execute(c, "P1", "MARIA.ROSSI@example.it "));

      try (ResultSet rs =
          s.executeQuery(
              "SELECT PARTY_ID, CONTACT_MECH_ID, THRU_DATE IS NULL, ALLOW_SOLICITATION,"
                  + " LAST_UPDATED_STAMP IS NOT NULL FROM PARTY_CONTACT_MECH"
                  + " ORDER BY PARTY_ID, CONTACT_MECH_ID, FROM_DATE DESC")) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getString(1))
              .append('/')
              .append(rs.getString(2))
              .append('/')
              .append(rs.getBoolean(3) ? "current" : "expired")
              .append('/')
              .append(rs.getString(4))
              .append(rs.getBoolean(5) ? "/stamped" : "")
              .append(' ');
        }
        assertEquals(
            "P1/E1/current/N/stamped P1/E1/expired/Y P1/E2/current/Y P2/E1/current/Y ",
            rows.toString());
      }
    }
  }

  @Test
  void flatStatementClearsTheOptIn() throws Exception {
    ConsentStatement cut = shipped("flat");
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:flat;MODE=PostgreSQL");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE FLAT_CONTACT (CONTACT_ID VARCHAR(20), EMAIL VARCHAR(255),"
              + " EMAIL_OPT_IN CHAR(1))");
      s.execute(
          "INSERT INTO FLAT_CONTACT VALUES ('C1', 'Jan@Example.nl', 'Y'), ('C2', 'x@y', 'Y')");
      assertEquals(1, cut.execute(c, "C1", "jan@example.nl"));
      try (ResultSet rs =
          s.executeQuery("SELECT CONTACT_ID, EMAIL_OPT_IN FROM FLAT_CONTACT ORDER BY 1")) {
        rs.next();
        assertEquals("N", rs.getString(2));
        rs.next();
        assertEquals("Y", rs.getString(2), "another contact keeps its consent");
      }
    }
  }

  @Test
  void parametersBecomeBindMarkersInTheirOrderButNotInsideQuotes() {
    ConsentStatement cut =
        ConsentStatement.parse(
            "-- a comment\nUPDATE T SET NOTE = 'at :email time' WHERE E = :email AND P = :partyId;\n");
    assertEquals("UPDATE T SET NOTE = 'at :email time' WHERE E = ? AND P = ?", cut.sql());
  }

  @Test
  void unknownParametersSeveralStatementsOrNoneAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsentStatement.parse("UPDATE T SET A = 'N' WHERE ID = :contact"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsentStatement.parse("UPDATE T SET A = 'N' WHERE ID = :partyId; DROP TABLE T"));
    assertThrows(IllegalArgumentException.class, () -> ConsentStatement.parse("-- nothing\n"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ConsentStatement.parse("UPDATE T SET A = 'N'"));
    assertTrue(e.getMessage().contains(":partyId"), e.getMessage());
  }

  private static ConsentStatement shipped(String mapping) throws Exception {
    return ConsentStatement.parse(
        Files.readString(Path.of("config", "erp-" + mapping, ConsentStatement.FILE)));
  }
}
