package org.erpcampaigns.audiences.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import org.erpcampaigns.platform.control.RuleException;
import org.junit.jupiter.api.Test;

/** A list's rebuilds: one at a time, but one whose instance died does not block it for ever. */
class DistributionListTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 10, 0);
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  final DistributionList cut =
      new DistributionList("Qxz", null, ListKind.STATIC, null, "marketer", NOW);

  @Test
  void aSecondRebuildIsRefusedWhileTheFirstRuns() {
    assertFalse(cut.startRefresh(NOW, TIMEOUT));
    assertEquals(NOW, cut.getRefreshStartedAt());
    AudienceException busy =
        assertThrows(AudienceException.class, () -> cut.startRefresh(NOW.plusMinutes(14), TIMEOUT));
    assertEquals("audience.error.refreshing", busy.getKey());
    assertEquals(RuleException.Kind.CONFLICT, busy.getKind());
    assertTrue(cut.isRefreshInProgress(NOW.plusMinutes(14), TIMEOUT));
  }

  @Test
  void aRebuildOlderThanTheTimeoutIsTakenOver() {
    cut.startRefresh(NOW, TIMEOUT);
    assertTrue(cut.isRefreshAbandoned(NOW.plusMinutes(15), TIMEOUT));
    assertFalse(cut.isRefreshInProgress(NOW.plusMinutes(15), TIMEOUT));
    assertTrue(cut.startRefresh(NOW.plusMinutes(15), TIMEOUT), "taken over");
    assertEquals(NOW.plusMinutes(15), cut.getRefreshStartedAt());
    assertTrue(cut.isRefreshInProgress(NOW.plusMinutes(16), TIMEOUT), "the new one runs");
  }

  @Test
  void finishingOrAbortingClearsTheStartAndKeepsOrReplacesTheMembers() {
    cut.startRefresh(NOW, TIMEOUT);
    cut.finishRefresh(12, 15L, NOW.plusSeconds(3), 3000);
    assertEquals(ListStatus.READY, cut.getStatus());
    assertNull(cut.getRefreshStartedAt());
    assertEquals(12, cut.getMemberCount());
    cut.startRefresh(NOW.plusHours(1), TIMEOUT);
    cut.abortRefresh();
    assertEquals(ListStatus.READY, cut.getStatus());
    assertNull(cut.getRefreshStartedAt());
    assertEquals(12, cut.getMemberCount(), "an aborted rebuild keeps the previous members");
    assertFalse(cut.isRefreshAbandoned(NOW.plusDays(1), TIMEOUT), "a READY list is not abandoned");
  }
}
