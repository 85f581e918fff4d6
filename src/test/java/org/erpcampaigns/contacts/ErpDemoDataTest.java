package org.erpcampaigns.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.erpcampaigns.contacts.control.ErpDemoData;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo/benchmark data generator on an in-memory H2 built by the real OFBiz migrations. */
class ErpDemoDataTest {
  private static final int CONTACTS = 2_000;
  private static final LocalDate TODAY = LocalDate.of(2025, 3, 14);
  private static final Pattern EMAIL =
      Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*@([a-z0-9-]+\\.)*(example\\.(com|net|org)|test)");

  private static Connection db;
  private static ErpDemoData.Summary summary;

  @BeforeAll
  static void generate() throws Exception {
    db = freshDatabase("erp-demo-main");
    summary = ErpDemoData.generate(db, CONTACTS, 42, TODAY);
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  @Test
  void makesTheRequestedNumberOfContactsPersonsAndOrganisations() throws SQLException {
    assertEquals(CONTACTS, summary.contacts());
    assertEquals(CONTACTS, count("SELECT COUNT(*) FROM PARTY"));
    long persons = count("SELECT COUNT(*) FROM PARTY WHERE PARTY_TYPE_ID = 'PERSON'");
    long organisations = count("SELECT COUNT(*) FROM PARTY WHERE PARTY_TYPE_ID = 'PARTY_GROUP'");
    assertEquals(CONTACTS, persons + organisations);
    assertEquals(persons, count("SELECT COUNT(*) FROM PERSON"));
    assertEquals(organisations, count("SELECT COUNT(*) FROM PARTY_GROUP"));
    assertBetween(0.12, 0.28, organisations / (double) CONTACTS, "share of organisations");
    long disabled = count("SELECT COUNT(*) FROM PARTY WHERE STATUS_ID = 'PARTY_DISABLED'");
    assertBetween(0.005, 0.06, disabled / (double) CONTACTS, "share of disabled parties");
  }

  @Test
  void everyPersonHasANameAndEveryOrganisationAName() throws SQLException {
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM PERSON WHERE FIRST_NAME IS NULL OR LAST_NAME IS NULL"
                + " OR FIRST_NAME = '' OR LAST_NAME = '' OR GENDER NOT IN ('M', 'F')"
                + " OR SALUTATION IS NULL"));
    assertEquals(0, count("SELECT COUNT(*) FROM PARTY_GROUP WHERE GROUP_NAME IS NULL"));
  }

  @Test
  void mostContactsHaveOneValidUniqueEmailWithRecordedConsent() throws SQLException {
    long withEmail =
        count(
            "SELECT COUNT(DISTINCT m.PARTY_ID) FROM PARTY_CONTACT_MECH m"
                + " JOIN CONTACT_MECH c ON c.CONTACT_MECH_ID = m.CONTACT_MECH_ID"
                + " JOIN PARTY_CONTACT_MECH_PURPOSE p ON p.PARTY_ID = m.PARTY_ID"
                + " AND p.CONTACT_MECH_ID = m.CONTACT_MECH_ID"
                + " AND p.CONTACT_MECH_PURPOSE_TYPE_ID = 'PRIMARY_EMAIL' AND p.THRU_DATE IS NULL"
                + " WHERE c.CONTACT_MECH_TYPE_ID = 'EMAIL_ADDRESS' AND m.THRU_DATE IS NULL"
                + " AND m.FROM_DATE < DATE '2025-03-14'");
    assertBetween(0.92, 0.98, withEmail / (double) CONTACTS, "share with a valid email");

    long emails =
        count("SELECT COUNT(*) FROM CONTACT_MECH WHERE CONTACT_MECH_TYPE_ID = 'EMAIL_ADDRESS'");
    assertEquals(
        emails,
        count(
            "SELECT COUNT(DISTINCT INFO_STRING) FROM CONTACT_MECH"
                + " WHERE CONTACT_MECH_TYPE_ID = 'EMAIL_ADDRESS'"));
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT INFO_STRING FROM CONTACT_MECH WHERE CONTACT_MECH_TYPE_ID = 'EMAIL_ADDRESS'")) {
      while (rs.next()) {
        String email = rs.getString(1);
        assertTrue(EMAIL.matcher(email).matches(), "not a reserved-domain address: " + email);
      }
    }
    assertTrue(count("SELECT COUNT(*) FROM PARTY_CONTACT_MECH WHERE THRU_DATE IS NOT NULL") > 0);
    assertTrue(
        count(
                "SELECT COUNT(*) FROM PARTY_CONTACT_MECH_PURPOSE"
                    + " WHERE CONTACT_MECH_PURPOSE_TYPE_ID = 'MARKETING_EMAIL'")
            > 0);
    long optedOut = count("SELECT COUNT(*) FROM PARTY_CONTACT_MECH WHERE ALLOW_SOLICITATION = 'N'");
    assertBetween(0.05, 0.15, optedOut / (double) emails, "share of emails without consent");
  }

  @Test
  void everyContactHasAnAddressInAKnownCountry() throws SQLException {
    assertEquals(
        CONTACTS,
        count(
            "SELECT COUNT(DISTINCT m.PARTY_ID) FROM PARTY_CONTACT_MECH m"
                + " JOIN POSTAL_ADDRESS a ON a.CONTACT_MECH_ID = m.CONTACT_MECH_ID"
                + " JOIN GEO g ON g.GEO_ID = a.COUNTRY_GEO_ID AND g.GEO_TYPE_ID = 'COUNTRY'"
                + " WHERE a.ADDRESS1 IS NOT NULL AND a.CITY IS NOT NULL AND a.POSTAL_CODE IS NOT NULL"));
    assertTrue(count("SELECT COUNT(DISTINCT COUNTRY_GEO_ID) FROM POSTAL_ADDRESS") >= 5);
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM POSTAL_ADDRESS a WHERE a.STATE_PROVINCE_GEO_ID IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM GEO g WHERE g.GEO_ID = a.STATE_PROVINCE_GEO_ID)"),
        "every state/province is a GEO of the seed");
  }

  @Test
  void organisationsHaveContactPersons() throws SQLException {
    long relations =
        count(
            "SELECT COUNT(*) FROM PARTY_RELATIONSHIP r"
                + " JOIN PARTY_GROUP g ON g.PARTY_ID = r.PARTY_ID_FROM"
                + " JOIN PERSON p ON p.PARTY_ID = r.PARTY_ID_TO"
                + " WHERE r.ROLE_TYPE_ID_FROM = 'ACCOUNT' AND r.ROLE_TYPE_ID_TO = 'CONTACT'"
                + " AND r.PARTY_RELATIONSHIP_TYPE_ID = 'CONTACT_REL'");
    assertTrue(relations > 0);
    assertEquals(relations, count("SELECT COUNT(*) FROM PARTY_RELATIONSHIP"));
    assertEquals(
        relations, count("SELECT COUNT(*) FROM PARTY_ROLE WHERE ROLE_TYPE_ID = 'CONTACT'"));
    assertEquals(
        count("SELECT COUNT(*) FROM PARTY_GROUP"),
        count("SELECT COUNT(*) FROM PARTY_ROLE WHERE ROLE_TYPE_ID = 'ACCOUNT'"));
    long customers = count("SELECT COUNT(*) FROM PARTY_ROLE WHERE ROLE_TYPE_ID = 'CUSTOMER'");
    assertBetween(0.5, 0.7, customers / (double) CONTACTS, "share of customers");
  }

  @Test
  void ordersAddUpAndLieInTheLastTwoYears() throws SQLException {
    long orders = count("SELECT COUNT(*) FROM ORDER_HEADER");
    assertEquals(summary.orders(), orders);
    assertBetween(2.0, 4.0, orders / (double) CONTACTS, "orders per contact");
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM ORDER_HEADER h WHERE h.GRAND_TOTAL <>"
                + " (SELECT SUM(i.QUANTITY * i.UNIT_PRICE) FROM ORDER_ITEM i"
                + " WHERE i.ORDER_ID = h.ORDER_ID)"),
        "orders whose total is not the sum of their items");
    assertEquals(
        2 * orders,
        count(
            "SELECT COUNT(*) FROM ORDER_ROLE r JOIN PARTY p ON p.PARTY_ID = r.PARTY_ID"
                + " WHERE r.ROLE_TYPE_ID IN ('PLACING_CUSTOMER', 'BILL_TO_CUSTOMER')"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM ORDER_ITEM i"
                + " WHERE NOT EXISTS (SELECT 1 FROM PRODUCT p WHERE p.PRODUCT_ID = i.PRODUCT_ID)"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM ORDER_HEADER WHERE ORDER_DATE >= DATE '2025-03-14'"
                + " OR ORDER_DATE < DATE '2023-03-14'"));
    long completed = count("SELECT COUNT(*) FROM ORDER_HEADER WHERE STATUS_ID = 'ORDER_COMPLETED'");
    assertBetween(0.78, 0.92, completed / (double) orders, "share of completed orders");
    BigDecimal sample = decimal("SELECT GRAND_TOTAL FROM ORDER_HEADER WHERE ORDER_ID = 'WS10000'");
    assertEquals(2, sample.scale());
  }

  @Test
  void everyRowIsStamped() throws SQLException {
    for (String table :
        new String[] {
          "PARTY",
          "PERSON",
          "PARTY_GROUP",
          "PARTY_ROLE",
          "PARTY_RELATIONSHIP",
          "PARTY_CLASSIFICATION",
          "CONTACT_MECH",
          "PARTY_CONTACT_MECH",
          "PARTY_CONTACT_MECH_PURPOSE",
          "POSTAL_ADDRESS",
          "TELECOM_NUMBER",
          "ORDER_HEADER",
          "ORDER_ROLE",
          "ORDER_ITEM"
        }) {
      assertTrue(count("SELECT COUNT(*) FROM " + table) > 0, table + " has rows");
      assertEquals(
          0,
          count(
              "SELECT COUNT(*) FROM "
                  + table
                  + " WHERE CREATED_STAMP IS NULL OR CREATED_TX_STAMP IS NULL"
                  + " OR LAST_UPDATED_STAMP IS NULL OR LAST_UPDATED_TX_STAMP IS NULL"),
          table + " rows without stamps");
    }
  }

  @Test
  void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() throws Exception {
    String first = fingerprint(db);
    try (Connection again = freshDatabase("erp-demo-again");
        Connection other = freshDatabase("erp-demo-other")) {
      ErpDemoData.generate(again, CONTACTS, 42, TODAY);
      ErpDemoData.generate(other, CONTACTS, 43, TODAY);
      assertEquals(first, fingerprint(again));
      assertNotEquals(first, fingerprint(other));
    }
  }

  private static Connection freshDatabase(String name) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/erp/ofbiz")
        .load()
        .migrate();
    return DriverManager.getConnection(url, "sa", "");
  }

  /** A hash over what a user would compare: names, emails, addresses and order totals. */
  private static String fingerprint(Connection connection) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    String[] queries = {
      "SELECT PARTY_ID, FIRST_NAME, LAST_NAME, BIRTH_DATE FROM PERSON ORDER BY PARTY_ID",
      "SELECT PARTY_ID, GROUP_NAME FROM PARTY_GROUP ORDER BY PARTY_ID",
      "SELECT CONTACT_MECH_ID, INFO_STRING FROM CONTACT_MECH ORDER BY CONTACT_MECH_ID",
      "SELECT CONTACT_MECH_ID, ADDRESS1, CITY, POSTAL_CODE FROM POSTAL_ADDRESS"
          + " ORDER BY CONTACT_MECH_ID",
      "SELECT ORDER_ID, ORDER_DATE, STATUS_ID, GRAND_TOTAL FROM ORDER_HEADER ORDER BY ORDER_ID"
    };
    try (Statement s = connection.createStatement()) {
      for (String query : queries) {
        try (ResultSet rs = s.executeQuery(query)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
            }
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long count(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static BigDecimal decimal(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBigDecimal(1);
    }
  }

  private static void assertBetween(double low, double high, double actual, String what) {
    assertTrue(
        actual >= low && actual <= high, what + " = " + actual + ", expected " + low + ".." + high);
  }
}
