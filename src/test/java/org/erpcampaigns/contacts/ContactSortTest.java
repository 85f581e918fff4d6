package org.erpcampaigns.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.control.Countries;
import org.junit.jupiter.api.Test;

class ContactSortTest {
  @Test
  void acceptsColumnAndAttributeNamesOnly() {
    assertEquals(Optional.of(ContactSort.NAME), ContactSort.parse("displayName"));
    assertEquals(Optional.of(ContactSort.NAME), ContactSort.parse("name"));
    assertEquals(Optional.of(ContactSort.COUNTRY), ContactSort.parse(" Country "));
    assertTrue(ContactSort.parse("password").isEmpty());
    assertTrue(ContactSort.parse("displayName; DROP TABLE PARTY").isEmpty());
    assertTrue(ContactSort.parse(null).isEmpty());
  }

  @Test
  void countryNamesFromOfbizAndIsoCodesInTheUsersLanguage() {
    assertEquals("Italy", Countries.name("ITA", Locale.ENGLISH));
    assertEquals("Italia", Countries.name("ITA", Locale.ITALIAN));
    assertEquals("Deutschland", Countries.name("DE", Locale.GERMAN));
    assertEquals("XYZ", Countries.name("XYZ", Locale.ENGLISH));
    assertEquals("", Countries.name(null, Locale.ENGLISH));
  }
}
