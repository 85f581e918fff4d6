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

  @Test
  void claimsLastAboutTwoSecondsOfTheThreadsOwnPace() {
    MailingSender.ClaimSize size = new MailingSender.ClaimSize(500);
    assertEquals(50, size.next(), "starts small");
    size.after(50, 100_000_000L); // 500 a second
    assertEquals(100, size.next(), "grows at most twofold");
    size.after(100, 200_000_000L);
    size.after(200, 400_000_000L);
    size.after(400, 800_000_000L);
    assertEquals(500, size.next(), "at most the batch size");
    size.after(500, 50_000_000_000L); // a slow server: 10 a second
    assertEquals(20, size.next(), "two seconds of the new pace");
    size.after(0, 1_000_000_000L);
    assertEquals(20, size.next(), "an empty claim says nothing about the pace");
    size.after(1, 30_000_000_000L);
    assertEquals(1, size.next(), "never nothing");
  }
}
