package org.erpcampaigns.workflows.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.erpcampaigns.workflows.control.WorkflowTemplates;
import org.erpcampaigns.workflows.entity.SendWindow;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.junit.jupiter.api.Test;

/** The designer's forms keep a definition as it is, and a changed kind leaves no stray settings. */
class WorkflowDraftTest {

  @Test
  void everyReadyMadeWorkflowComesBackUnchangedFromTheForms() {
    for (WorkflowTemplates.Template t : WorkflowTemplates.all()) {
      WorkflowDefinition d = t.definition();
      assertEquals(d, WorkflowDraft.of(d).toDefinition(), t.key());
    }
  }

  @Test
  void newStatesAndStepsGetKeysOfTheirOwnAndTheFirstStateIsTheStart() {
    WorkflowDraft cut = new WorkflowDraft();
    WorkflowDraft.State a = cut.addState("Send");
    WorkflowDraft.State b = cut.addState("Done");
    assertEquals("state-1", a.getKey());
    assertEquals("state-2", b.getKey());
    assertEquals("state-1", cut.getStart());
    cut.addStep(a.getSteps(), StepKind.SEND_EMAIL);
    WorkflowDraft.StepForm group = cut.addStep(a.getSteps(), StepKind.GROUP);
    cut.addStep(group.getSteps(), StepKind.SEND_EMAIL);
    WorkflowDraft.StepForm condition = cut.addStep(a.getSteps(), StepKind.WAIT_FOR);
    assertEquals(
        List.of("send-email-1", "group-1", "wait-for-1"),
        a.getSteps().stream().map(WorkflowDraft.StepForm::getKey).toList());
    assertEquals("send-email-2", group.getSteps().get(0).getKey());
    // a condition starts as "within 3 days", waiting for its event and its two ways
    Step w = condition.toStep();
    assertEquals(3, w.amount());
    assertEquals(
        List.of(
            "workflow.problem.groupSize",
            "workflow.problem.noEvent",
            "workflow.problem.noOtherwise"),
        cut.toDefinition().problems().stream()
            .map(WorkflowDefinition.Problem::key)
            .filter(k -> !k.equals("workflow.problem.noTemplate"))
            .filter(k -> !k.equals("workflow.problem.noWayOut"))
            .toList());
  }

  @Test
  void aStepWhoseKindChangedKeepsOnlyWhatItsNewKindReads() {
    WorkflowDraft cut = new WorkflowDraft();
    WorkflowDraft.State s = cut.addState("Costs");
    WorkflowDraft.StepForm step = cut.addStep(s.getSteps(), StepKind.SEND_EMAIL);
    step.setTemplateId(7L);
    step.setKind(StepKind.RECORD_COST);
    step.setCost(new BigDecimal("2.50"));
    Step cost = step.toStep();
    assertNull(cost.templateId());
    assertEquals(new BigDecimal("2.50"), cost.cost());
    WorkflowDraft.up(s.getSteps(), step);
    assertEquals(step, s.getSteps().get(0));
  }

  @Test
  void theSendWindowFormMakesTheWindowAndABadHolidayIsAProblem() {
    WorkflowDefinition none = WorkflowTemplates.all().get(0).definition();
    WorkflowDraft cut = WorkflowDraft.of(none);
    assertEquals(false, cut.isWindowOn());
    assertEquals(
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), cut.getWindowDays());
    assertNull(cut.toDefinition().window(), "off: the offered office hours are not taken");
    cut.setWindowOn(true);
    cut.setWindowDays(List.of("SATURDAY", "MONDAY"));
    cut.setWindowTo(java.time.LocalTime.MIDNIGHT);
    cut.setWindowZone("America/New_York");
    cut.setWindowHolidays(" 2026-12-24,2026-12-25\n12-31 ");
    SendWindow w = cut.toDefinition().window();
    assertEquals(
        java.util.EnumSet.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.SATURDAY), w.days());
    assertEquals(java.time.LocalTime.of(9, 0), w.from());
    assertEquals(List.of("2026-12-24", "2026-12-25", "12-31"), w.holidays());
    assertEquals(w, WorkflowDraft.of(cut.toDefinition()).toDefinition().window(), "reads back");
    cut.setWindowHolidays("2026-12-32");
    assertEquals(
        List.of("workflow.problem.windowHoliday"),
        cut.toDefinition().problems().stream()
            .map(WorkflowDefinition.Problem::key)
            .filter(k -> k.startsWith("workflow.problem.window"))
            .toList());
  }

  @Test
  void theWindowOptionsOfStepsStayWithTheirKinds() {
    WorkflowDraft cut = new WorkflowDraft();
    WorkflowDraft.State s = cut.addState("Send");
    WorkflowDraft.StepForm email = cut.addStep(s.getSteps(), StepKind.SEND_EMAIL);
    email.setAnyTime(true);
    WorkflowDraft.StepForm wait = cut.addStep(s.getSteps(), StepKind.WAIT);
    wait.setUntilWindow(true);
    assertEquals(true, email.toStep().anyTime());
    assertEquals(true, wait.toStep().untilWindow());
    email.setKind(StepKind.WAIT);
    assertEquals(false, email.toStep().anyTime());
    assertEquals(false, email.toStep().untilWindow());
  }
}
