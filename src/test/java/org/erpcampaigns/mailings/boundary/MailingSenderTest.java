package org.erpcampaigns.mailings.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailingSenderTest {
  @Test
  void aClaimTokenNamesItsInstance() {
    assertEquals("4711@host-a:1x2y", MailingSender.instanceOf("4711@host-a:1x2y:87:1203"));
    assertEquals("4711@host-a:1x2y", MailingSender.instanceOf("4711@host-a:1x2y:reconcile:5"));
    assertEquals("plain", MailingSender.instanceOf("plain"));
  }
}
