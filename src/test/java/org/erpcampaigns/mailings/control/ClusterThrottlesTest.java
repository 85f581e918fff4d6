package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.erpcampaigns.mailings.control.ClusterThrottles.ClaimInProgress;
import org.junit.jupiter.api.Test;

class ClusterThrottlesTest {
  static final String HERE = "4711@host-a:1x2y";
  final ClusterThrottles cut = new ClusterThrottles(HERE, 1000);

  @Test
  void aClaimTokenNamesItsInstance() {
    assertEquals(HERE, ClusterThrottles.instanceOf(HERE + ":87:1203"));
    assertEquals(HERE, ClusterThrottles.instanceOf(HERE + ":reconcile:5"));
    assertEquals("plain", ClusterThrottles.instanceOf("plain"));
  }

  @Test
  void theGlobalRateIsSharedByTheInstancesSendingNow() {
    assertEquals(1000, cut.global().instanceShare(), "alone, this instance has it all");
    cut.share(
        List.of(
            new ClaimInProgress("other@host-b:9z:12:40", 1),
            new ClaimInProgress("other@host-b:9z:13:41", 1),
            new ClaimInProgress("third@host-c:7k:12:7", 2)));
    assertEquals(334, cut.global().instanceShare(), "three instances, rounded up");
    cut.share(List.of(new ClaimInProgress(HERE + ":12:99", 1)));
    assertEquals(1000, cut.global().instanceShare(), "the others stopped sending");
  }

  @Test
  void aMailingsRateIsSharedByTheInstancesSendingIt() {
    cut.share(
        List.of(
            new ClaimInProgress("other@host-b:9z:12:40", 5),
            new ClaimInProgress("third@host-c:7k:12:7", 6)));
    Throttle five = cut.forMailing(5, 100);
    assertEquals(50, five.instanceShare(), "this instance and host-b send mailing 5");
    assertEquals(100, cut.forMailing(7, 100).instanceShare(), "nobody else sends mailing 7");
    assertSame(five, cut.forMailing(5, 100), "one throttle per mailing");
    cut.share(List.of());
    assertEquals(100, five.instanceShare(), "host-b stopped sending it");
  }

  @Test
  void aChangedRateMakesANewThrottleAndNoRateNone() {
    Throttle before = cut.forMailing(5, 100);
    Throttle after = cut.forMailing(5, 40);
    assertNotSame(before, after);
    assertEquals(40, after.perSecond());
    assertNull(cut.forMailing(5, null));
    cut.forget(5);
    assertNotSame(after, cut.forMailing(5, 40), "forgotten: made again");
  }

  @Test
  void aClaimHoldsAboutOneSecondOfTheThreadsShare() {
    assertEquals(250, cut.claimLimit(500, null, 4), "1000 a second over four threads");
    assertEquals(10, cut.claimLimit(10, null, 4), "never more than the claim size");
    assertEquals(5, cut.claimLimit(500, cut.forMailing(3, 20), 4), "the mailing's own rate");
    assertEquals(1, cut.claimLimit(500, cut.forMailing(4, 2), 4), "at least one row");
    ClusterThrottles unlimited = new ClusterThrottles(HERE, 0);
    assertEquals(500, unlimited.claimLimit(500, null, 4), "no throttle: the claim size");
  }
}
