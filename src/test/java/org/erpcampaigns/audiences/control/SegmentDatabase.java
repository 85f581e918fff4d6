package org.erpcampaigns.audiences.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.erpcampaigns.contacts.control.ContactIndex;
import org.erpcampaigns.platform.control.Migrations;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An in-memory H2 (PostgreSQL mode) built by the product's own migrations: the OFBiz-shaped and
 * flat demo tables, our CM_ tables and both mappings' views; plus hand-made ERP rows for tests.
 */
final class SegmentDatabase implements AutoCloseable {
  static final Timestamp LONG_AGO = Timestamp.valueOf("2020-01-01 00:00:00");

  final Connection connection;

  SegmentDatabase(String name) throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.erpDemoSchema(ds);
    Migrations.campaignsSchema(ds);
    Migrations.erpViews(ds, "ofbiz");
    Migrations.erpViews(ds, "flat");
    connection = ds.getConnection();
  }

  void sql(String statement, Object... parameters) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }

  long scalar(String query, Object... parameters) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  List<String> strings(String query, Object... parameters) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(query)) {
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

  /** The contact ids that compiled criteria select, sorted. */
  List<String> matching(SegmentSql segment) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.PARTY_ID FROM CM_CONTACT_INDEX c WHERE "
                + segment.condition()
                + " ORDER BY c.PARTY_ID")) {
      ListMembership.bind(ps, segment.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }

  /** The contact index and the purchase index, as the application refreshes them. */
  void refreshIndex(String view, ErpSources sources) throws SQLException {
    ContactIndex.refresh(connection, view);
    PurchaseIndex.refresh(connection, sources);
  }

  // hand-made OFBiz rows

  void person(String id, String first, String last, String gender, LocalDate birth, String status)
      throws SQLException {
    sql(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID) VALUES (?, 'PERSON', ?)",
        id,
        status);
    sql(
        "INSERT INTO PERSON (PARTY_ID, FIRST_NAME, LAST_NAME, GENDER, BIRTH_DATE) VALUES (?, ?, ?, ?, ?)",
        id,
        first,
        last,
        gender,
        birth == null ? null : java.sql.Date.valueOf(birth));
  }

  void organisation(String id, String name) throws SQLException {
    sql(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID) VALUES (?, 'PARTY_GROUP',"
            + " 'PARTY_ENABLED')",
        id);
    sql("INSERT INTO PARTY_GROUP (PARTY_ID, GROUP_NAME) VALUES (?, ?)", id, name);
  }

  void email(String party, String address, String allow) throws SQLException {
    String mech = "M" + party;
    sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID, INFO_STRING)"
            + " VALUES (?, 'EMAIL_ADDRESS', ?)",
        mech,
        address);
    sql(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE, ALLOW_SOLICITATION)"
            + " VALUES (?, ?, ?, ?)",
        party,
        mech,
        LONG_AGO,
        allow);
    sql(
        "INSERT INTO PARTY_CONTACT_MECH_PURPOSE (PARTY_ID, CONTACT_MECH_ID,"
            + " CONTACT_MECH_PURPOSE_TYPE_ID, FROM_DATE) VALUES (?, ?, 'PRIMARY_EMAIL', ?)",
        party,
        mech,
        LONG_AGO);
  }

  void address(String party, String city, String postalCode, String state, String country)
      throws SQLException {
    String mech = "A" + party;
    sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID) VALUES (?,"
            + " 'POSTAL_ADDRESS')",
        mech);
    sql(
        "INSERT INTO POSTAL_ADDRESS (CONTACT_MECH_ID, ADDRESS1, CITY, POSTAL_CODE,"
            + " STATE_PROVINCE_GEO_ID, COUNTRY_GEO_ID) VALUES (?, 'Street 1', ?, ?, ?, ?)",
        mech,
        city,
        postalCode,
        state,
        country);
    sql(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE) VALUES (?, ?, ?)",
        party,
        mech,
        LONG_AGO);
  }

  void role(String party, String role) throws SQLException {
    sql("INSERT INTO PARTY_ROLE (PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?)", party, role);
  }

  void classification(String party, String group, Timestamp thru) throws SQLException {
    sql(
        "INSERT INTO PARTY_CLASSIFICATION (PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE,"
            + " THRU_DATE) VALUES (?, ?, ?, ?)",
        party,
        group,
        LONG_AGO,
        thru);
  }

  void contactPerson(String organisation, String person) throws SQLException {
    sql(
        "INSERT INTO PARTY_RELATIONSHIP (PARTY_ID_FROM, PARTY_ID_TO, ROLE_TYPE_ID_FROM,"
            + " ROLE_TYPE_ID_TO, FROM_DATE, PARTY_RELATIONSHIP_TYPE_ID) VALUES (?, ?, 'ACCOUNT',"
            + " 'CONTACT', ?, 'CONTACT_REL')",
        organisation,
        person,
        LONG_AGO);
  }

  /** A sales order placed and billed by the party, one item per product at the given price. */
  void order(
      String id, String party, String status, LocalDateTime date, String total, String... products)
      throws SQLException {
    orderIn(id, party, status, date, "EUR", total, products);
  }

  /** The same in a currency (null: none recorded). */
  void orderIn(
      String id,
      String party,
      String status,
      LocalDateTime date,
      String currency,
      String total,
      String... products)
      throws SQLException {
    sql(
        "INSERT INTO ORDER_HEADER (ORDER_ID, ORDER_TYPE_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL) VALUES (?, 'SALES_ORDER', ?, ?, ?, ?)",
        id,
        Timestamp.valueOf(date),
        status,
        currency,
        new java.math.BigDecimal(total));
    sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?,"
            + " 'PLACING_CUSTOMER')",
        id,
        party);
    sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?,"
            + " 'BILL_TO_CUSTOMER')",
        id,
        party);
    for (int i = 0; i < products.length; i++) {
      sql(
          "INSERT INTO ORDER_ITEM (ORDER_ID, ORDER_ITEM_SEQ_ID, PRODUCT_ID, QUANTITY, UNIT_PRICE)"
              + " VALUES (?, ?, ?, 1, 10)",
          id,
          String.format("%05d", i + 1),
          products[i]);
    }
  }

  /**
   * An OFBiz exchange rate: an amount in {@code from} times {@code factor} is one in {@code to}.
   */
  void rate(String from, String to, LocalDate since, LocalDate until, double factor)
      throws SQLException {
    sql(
        "INSERT INTO UOM_CONVERSION_DATED (UOM_ID, UOM_ID_TO, FROM_DATE, THRU_DATE,"
            + " CONVERSION_FACTOR) VALUES (?, ?, ?, ?, ?)",
        from,
        to,
        Timestamp.valueOf(since.atStartOfDay()),
        until == null ? null : Timestamp.valueOf(until.atStartOfDay()),
        factor);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
