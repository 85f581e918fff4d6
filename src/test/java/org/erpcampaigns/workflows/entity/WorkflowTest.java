package org.erpcampaigns.workflows.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A workflow's enrolment settings: re-entry needs keep-enrolling, the only path back in. */
class WorkflowTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 3, 9, 0);

  @Test
  void reEntryIsOffByDefaultAndKeptWithKeepEnrolling() {
    Workflow cut = new Workflow(1, "Spring", 1L, true, false, "marketer", NOW);
    assertFalse(cut.isReEntry());
    cut.saveDraft(cut.draft(), 1L, true, true, NOW);
    assertTrue(cut.isReEntry());
    cut.saveDraft(cut.draft(), 1L, true, false, NOW);
    assertFalse(cut.isReEntry());
  }

  @Test
  void reEntryWithoutKeepEnrollingIsRefusedAndChangesNothing() {
    Workflow cut = new Workflow(1, "Spring", 1L, true, true, "marketer", NOW);
    WorkflowRuleException refused =
        assertThrows(
            WorkflowRuleException.class, () -> cut.saveDraft(cut.draft(), 1L, false, true, NOW));
    assertEquals("workflow.error.reEntryNeedsKeepEnrolling", refused.getKey());
    assertTrue(cut.isKeepEnrolling() && cut.isReEntry(), "the saved settings stay");
    assertEquals(
        "workflow.error.reEntryNeedsKeepEnrolling",
        assertThrows(
                WorkflowRuleException.class,
                () -> new Workflow(1, "Spring", 1L, false, true, "marketer", NOW))
            .getKey());
  }
}
