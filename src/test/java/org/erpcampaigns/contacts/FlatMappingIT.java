package org.erpcampaigns.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactAddress;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.contacts.entity.ContactOrder;
import org.erpcampaigns.contacts.entity.ContactType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same WAR and the same queries on a different ERP: only campaigns.erp.mapping=flat differs,
 * and the contacts come from one flat table.
 */
@ExtendWith(ArquillianExtension.class)
class FlatMappingIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.withConfig(
        Deployments.inContainer(ContactBridgeProbe.class), "campaigns.erp.mapping=flat\n");
  }

  @Inject ContactBridgeProbe probe;

  @BeforeEach
  void flatRows() throws Exception {
    probe.sql("DELETE FROM FLAT_CONTACT WHERE CONTACT_ID LIKE 'FL-%'");
    insert(
        "FL-1",
        "N",
        "Y",
        "Anna",
        "Qxqbianchi",
        null,
        "anna@example.test",
        "Y",
        "Milano",
        "ITA",
        "CUSTOMER");
    insert(
        "FL-2", "N", "Y", "Luc", "Qxqmartin", null, "luc@example.test", "N", "Lyon", "FRA", "LEAD");
    insert("FL-3", "Y", "N", null, null, "Qxq Flat GmbH", null, null, "Berlin", "DEU", "CUSTOMER");
    probe.refreshIndex();
  }

  @Test
  void contactsComeFromTheFlatTable() {
    Contact anna = probe.find("FL-1");
    assertEquals("anna@example.test", anna.getEmail());
    assertEquals(Boolean.TRUE, anna.getSolicitationAllowed());
    assertEquals("Qxqbianchi Anna", anna.getDisplayName());
    assertEquals("Milano", anna.getCity());
    assertEquals(List.of("CUSTOMER"), anna.getRoles());
    assertEquals(Boolean.FALSE, probe.find("FL-2").getSolicitationAllowed());

    Contact company = probe.find("FL-3");
    assertEquals(ContactType.ORGANISATION, company.getType());
    assertFalse(company.isEnabled());
    assertEquals("Qxq Flat GmbH", company.getDisplayName());
  }

  @Test
  void theDetailEntitiesWorkToo() {
    List<ContactAddress> addresses = probe.byContact(ContactAddress.class, "FL-2");
    assertEquals(1, addresses.size());
    assertEquals("Lyon", addresses.get(0).getCity());
    List<ContactChannel> channels = probe.byContact(ContactChannel.class, "FL-1");
    assertEquals(
        List.of("anna@example.test"), channels.stream().map(ContactChannel::getValue).toList());
    assertTrue(probe.byContact(ContactOrder.class, "FL-1").isEmpty(), "a flat table has no orders");
  }

  @Test
  void theSameFiltersSortingAndPaging() {
    ContactFilter zz = ContactFilter.none().withName("qxq");
    assertEquals(3, probe.count(zz));
    assertEquals(1, probe.count(zz.withCountry("FRA")));
    assertEquals(
        List.of("Qxq Flat GmbH", "Qxqbianchi Anna", "Qxqmartin Luc"),
        probe.page(zz, ContactSort.NAME, true, 0, 10).stream()
            .map(ContactCard::getDisplayName)
            .toList());
    ContactFilter customers =
        new ContactFilter("qxq", null, null, null, null, "CUSTOMER", null, null);
    assertEquals(2, probe.count(customers));
    assertEquals(0, probe.count(ContactFilter.none().withName("' OR '1'='1")));
  }

  @Test
  void theOfbizTablesAreNotUsed() throws Exception {
    // the demo's OFBiz contacts exist in this database, but the flat mapping does not see them
    assertTrue(probe.scalar("SELECT COUNT(*) FROM PARTY") > 0);
    assertEquals(
        probe.scalar("SELECT COUNT(*) FROM FLAT_CONTACT"), probe.count(ContactFilter.none()));
    assertEquals(
        1,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_CONTACT_INDEX_STATE WHERE SOURCE_VIEW = 'CM_FLAT_CONTACT'"),
        "the contact index was filled from the flat mapping's view");
  }

  private void insert(
      String id,
      String company,
      String active,
      String first,
      String last,
      String companyName,
      String email,
      String optIn,
      String city,
      String country,
      String type)
      throws Exception {
    probe.sql(
        "INSERT INTO FLAT_CONTACT (CONTACT_ID, IS_COMPANY, ACTIVE, FIRST_NAME, LAST_NAME, COMPANY,"
            + " EMAIL, EMAIL_OPT_IN, STREET, CITY, POSTAL_CODE, COUNTRY, CUSTOMER_TYPE)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Main street 1', ?, '1000', ?, ?)",
        id,
        company,
        active,
        first,
        last,
        companyName,
        email,
        optIn,
        city,
        country,
        type);
  }
}
