package org.erpcampaigns.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactAddress;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.contacts.entity.ContactClassification;
import org.erpcampaigns.contacts.entity.ContactOrder;
import org.erpcampaigns.contacts.entity.ContactRelation;
import org.erpcampaigns.contacts.entity.ContactType;
import org.erpcampaigns.contacts.entity.IndexedContact;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OFBiz contact bridge inside Payara Micro, on hand-made OFBiz rows: the right email among
 * several, validity by FROM_DATE/THRU_DATE, consent as stored, disabled parties, organisations and
 * their contact persons, orders. Also: Flyway ran, filters are safe against SQL in values.
 */
@ExtendWith(ArquillianExtension.class)
class ContactBridgeIT {
  static final String ERP_ROWS = "IT-%";

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer(ContactBridgeProbe.class);
  }

  @Inject ContactBridgeProbe probe;

  @BeforeEach
  void handMadeOfbizRows() throws Exception {
    for (String[] t :
        new String[][] {
          {"PARTY_CONTACT_MECH_PURPOSE", "PARTY_ID"},
          {"PARTY_CONTACT_MECH", "PARTY_ID"},
          {"CONTACT_MECH", "CONTACT_MECH_ID"},
          {"POSTAL_ADDRESS", "CONTACT_MECH_ID"},
          {"PARTY_ROLE", "PARTY_ID"},
          {"PARTY_CLASSIFICATION", "PARTY_ID"},
          {"PARTY_RELATIONSHIP", "PARTY_ID_FROM"},
          {"ORDER_ITEM", "ORDER_ID"},
          {"ORDER_ROLE", "ORDER_ID"},
          {"ORDER_HEADER", "ORDER_ID"},
          {"PERSON", "PARTY_ID"},
          {"PARTY_GROUP", "PARTY_ID"},
          {"PARTY", "PARTY_ID"}
        }) {
      probe.sql("DELETE FROM " + t[0] + " WHERE " + t[1] + " LIKE ?", ERP_ROWS);
    }
    Timestamp lastYear = ts(LocalDateTime.now().minusYears(1));
    Timestamp yesterday = ts(LocalDateTime.now().minusDays(1));
    Timestamp tomorrow = ts(LocalDateTime.now().plusDays(1));

    party("IT-P1", "PERSON", "PARTY_ENABLED");
    probe.sql(
        "INSERT INTO PERSON (PARTY_ID, FIRST_NAME, LAST_NAME, GENDER) VALUES (?, ?, ?, ?)",
        "IT-P1",
        "Maria",
        "Qxqrossi",
        "F");
    // an expired primary email, a current primary email refusing solicitation, and a current
    // marketing email allowing it: marketing wins
    email("IT-P1", "IT-E1", "maria.old@example.test", "Y", lastYear, yesterday, "PRIMARY_EMAIL");
    email("IT-P1", "IT-E2", "maria.rossi@example.test", "N", lastYear, null, "PRIMARY_EMAIL");
    email("IT-P1", "IT-E3", "maria.news@example.test", "Y", lastYear, null, "MARKETING_EMAIL");
    address("IT-P1", "IT-A1", "Via Dante 1", "Milano", "ITA", lastYear, null);
    address("IT-P1", "IT-A2", "Via Appia 9", "Roma", "ITA", lastYear, yesterday);
    probe.sql("INSERT INTO PARTY_ROLE (PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?)", "IT-P1", "LEAD");
    probe.sql("INSERT INTO PARTY_ROLE (PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?)", "IT-P1", "CUSTOMER");

    party("IT-P2", "PERSON", "PARTY_ENABLED");
    probe.sql(
        "INSERT INTO PERSON (PARTY_ID, FIRST_NAME, LAST_NAME) VALUES (?, ?, ?)",
        "IT-P2",
        "Jan",
        "Qxqdevries");
    email("IT-P2", "IT-E4", "jan@example.test", "N", lastYear, null, "PRIMARY_EMAIL");
    // not valid yet: must not be used although it is a marketing email
    email("IT-P2", "IT-E5", "jan.future@example.test", "Y", tomorrow, null, "MARKETING_EMAIL");
    address("IT-P2", "IT-A3", "Damrak 1", "Amsterdam", "NLD", lastYear, null);

    party("IT-P3", "PARTY_GROUP", "PARTY_DISABLED");
    probe.sql(
        "INSERT INTO PARTY_GROUP (PARTY_ID, GROUP_NAME) VALUES (?, ?)",
        "IT-P3",
        "Qxq Test Org SpA");
    probe.sql(
        "INSERT INTO PARTY_RELATIONSHIP (PARTY_ID_FROM, PARTY_ID_TO, ROLE_TYPE_ID_FROM,"
            + " ROLE_TYPE_ID_TO, FROM_DATE, PARTY_RELATIONSHIP_TYPE_ID, POSITION_TITLE)"
            + " VALUES (?, ?, 'ACCOUNT', 'CONTACT', ?, 'CONTACT_REL', 'Buyer')",
        "IT-P3",
        "IT-P1",
        lastYear);
    probe.sql(
        "INSERT INTO PARTY_CLASSIFICATION (PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE)"
            + " VALUES (?, ?, ?)",
        "IT-P3",
        "VIP",
        lastYear);
    probe.sql(
        "INSERT INTO PARTY_CLASSIFICATION (PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE,"
            + " THRU_DATE) VALUES (?, ?, ?, ?)",
        "IT-P3",
        "ENTERPRISE",
        lastYear,
        yesterday);

    // OFBiz's party types are a hierarchy: a corporation is an organisation too
    party("IT-P4", "CORPORATION", "PARTY_ENABLED");
    probe.sql(
        "INSERT INTO PARTY_GROUP (PARTY_ID, GROUP_NAME) VALUES (?, ?)", "IT-P4", "Zyxw Corp Ltd");
    email("IT-P4", "IT-E6", "info@corp.example.test", "Y", lastYear, null, "PRIMARY_EMAIL");

    order("IT-O1", "IT-P1", "ORDER_COMPLETED", "120.50");
    order("IT-O2", "IT-P1", "ORDER_CANCELLED", "99.00");
    probe.refreshIndex();
  }

  @Test
  void emailIsTheValidMarketingOneWithItsConsent() {
    Contact maria = probe.find("IT-P1");
    assertEquals("maria.news@example.test", maria.getEmail());
    assertEquals(Boolean.TRUE, maria.getSolicitationAllowed());
    assertEquals(ContactType.PERSON, maria.getType());
    assertEquals("Qxqrossi Maria", maria.getDisplayName());
    assertTrue(maria.isEnabled());

    Contact jan = probe.find("IT-P2");
    assertEquals("jan@example.test", jan.getEmail(), "a not yet valid email is ignored");
    assertEquals(Boolean.FALSE, jan.getSolicitationAllowed(), "ALLOW_SOLICITATION = 'N' is read");
  }

  @Test
  void expiredRowsAreExcluded() {
    Contact maria = probe.find("IT-P1");
    assertEquals("Milano", maria.getCity());
    assertEquals("ITA", maria.getCountry());
    List<ContactAddress> addresses = probe.byContact(ContactAddress.class, "IT-P1");
    assertEquals(1, addresses.size(), "the address closed yesterday is not current");
    assertEquals("Via Dante 1", addresses.get(0).getAddress1());
    assertEquals("PRIMARY_LOCATION", addresses.get(0).getPurposes());

    List<ContactChannel> channels = probe.byContact(ContactChannel.class, "IT-P1");
    assertEquals(3, channels.size(), "the detail page lists expired channels too");
    LocalDateTime now = LocalDateTime.now();
    assertEquals(
        List.of("maria.old@example.test"),
        channels.stream().filter(c -> !c.isValidAt(now)).map(ContactChannel::getValue).toList());

    List<ContactClassification> classes = probe.byContact(ContactClassification.class, "IT-P3");
    assertEquals(List.of("VIP"), classes.stream().map(ContactClassification::getGroupId).toList());
  }

  @Test
  void disabledPartyIsVisibleAsDisabled() {
    Contact org = probe.find("IT-P3");
    assertEquals(ContactType.ORGANISATION, org.getType());
    assertFalse(org.isEnabled());
    assertNull(org.getEmail());
    assertEquals("Qxq Test Org SpA", org.getDisplayName());
  }

  @Test
  void organisationSubtypesAreOrganisations() {
    Contact corp = probe.find("IT-P4");
    assertEquals("ORGANISATION", corp.getType().name());
    assertEquals("Zyxw Corp Ltd", corp.getDisplayName());
    assertEquals("info@corp.example.test", corp.getEmail());
  }

  @Test
  void organisationsAndTheirContactPersons() {
    assertEquals("Qxq Test Org SpA", probe.find("IT-P1").getOrganisationName());
    assertEquals(List.of("CUSTOMER", "LEAD"), probe.find("IT-P1").getRoles());
    List<ContactRelation> persons = probe.byContact(ContactRelation.class, "IT-P3");
    assertEquals(1, persons.size());
    assertEquals("IT-P1", persons.get(0).getRelatedId());
    assertEquals("Maria Qxqrossi", persons.get(0).getRelatedName());
    assertEquals("CONTACT", persons.get(0).getRelatedRole());
    List<ContactRelation> employers = probe.byContact(ContactRelation.class, "IT-P1");
    assertEquals("Qxq Test Org SpA", employers.get(0).getRelatedName());
  }

  @Test
  void ordersWithNormalisedStatus() {
    List<ContactOrder> orders = probe.byContact(ContactOrder.class, "IT-P1");
    assertEquals(2, orders.size(), "one order, counted once although the party has two roles");
    ContactOrder completed =
        orders.stream().filter(o -> o.getOrderId().equals("IT-O1")).findFirst().orElseThrow();
    assertEquals("COMPLETED", completed.getStatus());
    assertEquals(0, new BigDecimal("120.50").compareTo(completed.getGrandTotal()));
    assertTrue(orders.stream().anyMatch(o -> o.getOrderId().equals("IT-O2") && o.isCancelled()));
  }

  @Test
  void filtersSortAndPageInTheDatabase() {
    ContactFilter zz = ContactFilter.none().withName("qxq");
    assertEquals(3, probe.count(zz));
    assertEquals(1, probe.count(zz.withCountry("NLD")));
    List<IndexedContact> byName = probe.page(zz, ContactSort.NAME, true, 0, 10);
    assertEquals(
        List.of("Qxq Test Org SpA", "Qxqdevries Jan", "Qxqrossi Maria"),
        byName.stream().map(ContactCard::getDisplayName).toList());
    List<IndexedContact> second = probe.page(zz, ContactSort.NAME, false, 1, 1);
    assertEquals("Qxqdevries Jan", second.get(0).getDisplayName());
    ContactFilter customers =
        new ContactFilter("qxq", null, null, null, null, "CUSTOMER", null, null);
    assertEquals(1, probe.count(customers));
    ContactFilter refused =
        new ContactFilter(
            "qxq", null, null, null, null, null, null, ContactFilter.Solicitation.REFUSED);
    assertEquals(
        List.of("IT-P2"),
        probe.page(refused, ContactSort.ID, true, 0, 10).stream().map(ContactCard::getId).toList());
  }

  @Test
  void sqlInFilterValuesIsJustText() throws Exception {
    assertEquals(0, probe.count(ContactFilter.none().withName("'; DROP TABLE PARTY; --")));
    assertEquals(0, probe.count(ContactFilter.none().withName("%")), "% matches only itself");
    assertEquals(0, probe.count(ContactFilter.none().withName("x_rossi")), "_ matches only itself");
    assertEquals(4L, probe.scalar("SELECT COUNT(*) FROM PARTY WHERE PARTY_ID LIKE ?", ERP_ROWS));
  }

  @Test
  void flywayCreatedOurTablesAndTheMappingsViews() throws Exception {
    assertTrue(probe.successfulMigrations("CM_SCHEMA_HISTORY") >= 2);
    assertTrue(probe.successfulMigrations("CM_ERP_VIEWS_HISTORY") >= 1);
    assertEquals(0, probe.scalar("SELECT COUNT(*) FROM CM_CONTACT_OPT_OUT WHERE PARTY_ID = 'x'"));
  }

  private void party(String id, String type, String status) throws Exception {
    probe.sql(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID, CREATED_STAMP) VALUES (?, ?, ?, ?)",
        id,
        type,
        status,
        ts(LocalDateTime.now()));
  }

  private void email(
      String party,
      String mech,
      String address,
      String allow,
      Timestamp from,
      Timestamp thru,
      String purpose)
      throws Exception {
    probe.sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID, INFO_STRING)"
            + " VALUES (?, 'EMAIL_ADDRESS', ?)",
        mech,
        address);
    partyMech(party, mech, allow, from, thru, purpose);
  }

  private void address(
      String party,
      String mech,
      String street,
      String city,
      String country,
      Timestamp from,
      Timestamp thru)
      throws Exception {
    probe.sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID) VALUES (?, 'POSTAL_ADDRESS')",
        mech);
    probe.sql(
        "INSERT INTO POSTAL_ADDRESS (CONTACT_MECH_ID, ADDRESS1, CITY, POSTAL_CODE, COUNTRY_GEO_ID)"
            + " VALUES (?, ?, ?, '00000', ?)",
        mech,
        street,
        city,
        country);
    partyMech(party, mech, null, from, thru, "PRIMARY_LOCATION");
  }

  private void partyMech(
      String party, String mech, String allow, Timestamp from, Timestamp thru, String purpose)
      throws Exception {
    probe.sql(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE, THRU_DATE,"
            + " ALLOW_SOLICITATION) VALUES (?, ?, ?, ?, ?)",
        party,
        mech,
        from,
        thru,
        allow);
    probe.sql(
        "INSERT INTO PARTY_CONTACT_MECH_PURPOSE (PARTY_ID, CONTACT_MECH_ID,"
            + " CONTACT_MECH_PURPOSE_TYPE_ID, FROM_DATE) VALUES (?, ?, ?, ?)",
        party,
        mech,
        purpose,
        from);
  }

  private void order(String id, String party, String status, String total) throws Exception {
    probe.sql(
        "INSERT INTO ORDER_HEADER (ORDER_ID, ORDER_TYPE_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL) VALUES (?, 'SALES_ORDER', ?, ?, 'EUR', ?)",
        id,
        ts(LocalDateTime.now().minusDays(10)),
        status,
        new BigDecimal(total));
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?, 'PLACING_CUSTOMER')",
        id,
        party);
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?, 'BILL_TO_CUSTOMER')",
        id,
        party);
    probe.sql(
        "INSERT INTO ORDER_ITEM (ORDER_ID, ORDER_ITEM_SEQ_ID, PRODUCT_ID, QUANTITY, UNIT_PRICE)"
            + " VALUES (?, '00001', 'PROD-1001', 1, ?)",
        id,
        new BigDecimal(total));
  }

  private static Timestamp ts(LocalDateTime t) {
    return Timestamp.valueOf(t);
  }
}
