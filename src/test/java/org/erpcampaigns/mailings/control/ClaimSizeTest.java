package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClaimSizeTest {
  @Test
  void claimsLastAboutTwoSecondsOfTheThreadsOwnPace() {
    ClaimSize cut = new ClaimSize(500);
    assertEquals(50, cut.next(), "starts small");
    cut.after(50, 100_000_000L); // 500 a second
    assertEquals(100, cut.next(), "grows at most twofold");
    cut.after(100, 200_000_000L);
    cut.after(200, 400_000_000L);
    cut.after(400, 800_000_000L);
    assertEquals(500, cut.next(), "at most the batch size");
    cut.after(500, 50_000_000_000L); // a slow server: 10 a second
    assertEquals(20, cut.next(), "two seconds of the new pace");
    cut.after(0, 1_000_000_000L);
    assertEquals(20, cut.next(), "an empty claim says nothing about the pace");
    cut.after(1, 30_000_000_000L);
    assertEquals(1, cut.next(), "never nothing");
  }

  @Test
  void aSmallBatchSizeIsTheLimitFromTheStart() {
    assertEquals(10, new ClaimSize(10).next());
    assertEquals(1, new ClaimSize(0).next(), "a batch size below one still claims a row");
  }
}
