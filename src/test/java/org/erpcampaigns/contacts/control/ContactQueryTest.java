package org.erpcampaigns.contacts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContactQueryTest {
  @Test
  void likeWildcardsInUserValuesMatchLiterally() {
    assertEquals("100\\%", ContactQuery.escape("100%"));
    assertEquals("a\\_b", ContactQuery.escape("a_b"));
    assertEquals("back\\\\slash", ContactQuery.escape("back\\slash"));
    assertEquals("O'Brien", ContactQuery.escape("O'Brien"));
  }
}
