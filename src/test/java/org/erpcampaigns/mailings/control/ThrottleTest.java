package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThrottleTest {
  @Test
  void theConfiguredRateIsSharedAmongTheSendingInstancesRoundedUp() {
    Throttle t = new Throttle(100);
    assertEquals(100, t.instanceShare());
    t.share(3);
    assertEquals(34, t.instanceShare());
    assertEquals(100, t.perSecond(), "the configured rate stays the cluster's");
    t.share(500);
    assertEquals(1, t.instanceShare(), "never nothing");
    t.share(1);
    assertEquals(100, t.instanceShare());
    Throttle none = new Throttle(0);
    none.share(4);
    assertEquals(0, none.instanceShare());
    assertTrue(none.acquire());
  }

  @Test
  void aSharedThrottlePacesAtItsShare() {
    Throttle t = new Throttle(200);
    t.share(4); // 50 a second here, bursts of 2.5
    long start = System.nanoTime();
    for (int i = 0; i < 27; i++) {
      assertTrue(t.acquire());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // 27 tokens at 50/s with at most 2.5 at once take at least (27 - 2.5) / 50 = 0.49 s
    assertTrue(seconds >= 0.45, "paced at the share, not at 200/s: " + seconds);
  }
}
