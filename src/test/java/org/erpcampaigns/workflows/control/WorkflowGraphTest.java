package org.erpcampaigns.workflows.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.erpcampaigns.workflows.control.WorkflowGraph.Arrow;
import org.erpcampaigns.workflows.control.WorkflowGraph.Layout;
import org.erpcampaigns.workflows.control.WorkflowGraph.Place;
import org.erpcampaigns.workflows.control.WorkflowGraph.Way;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.junit.jupiter.api.Test;

/** The designer's graph: states left to right in the order contacts go, one arrow per way. */
class WorkflowGraphTest {

  @Test
  void theReminderWorkflowGoesLeftToRightWithEveryWayAnArrow() {
    Layout cut = WorkflowGraph.of(WorkflowTemplates.reminder());
    assertEquals(new Place(0, 0), cut.places().get("send"));
    assertEquals(1, cut.places().get("reminder").column());
    // follow-up comes after the reminder, which leads to it too
    assertEquals(2, cut.places().get("followup").column());
    assertEquals(3, cut.places().get("call").column());
    assertEquals(4, cut.places().get("analysis").column());
    List<String> arrows =
        cut.arrows().stream().map(a -> a.from() + ">" + a.to() + ":" + a.way()).toList();
    assertEquals(
        List.of(
            "send>followup:THEN",
            "send>reminder:OTHERWISE",
            "reminder>followup:MOVE",
            "followup>call:THEN",
            "followup>analysis:OTHERWISE",
            "call>analysis:MOVE"),
        arrows);
    assertTrue(cut.arrows().stream().noneMatch(Arrow::back));
  }

  @Test
  void aLoopIsDrawnBackwardsAndStatesOfOneColumnGetRowsOfTheirOwn() {
    String json =
        "{\"start\":\"a\",\"states\":["
            + "{\"key\":\"a\",\"name\":\"A\",\"steps\":[{\"key\":\"s\",\"kind\":\"SPLIT\","
            + "\"branches\":[{\"percent\":50,\"state\":\"b\"},{\"percent\":50,\"state\":\"c\"}]}]},"
            + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"w\",\"kind\":\"WAIT\","
            + "\"amount\":1,\"unit\":\"DAYS\"},{\"key\":\"m\",\"kind\":\"MOVE\",\"target\":\"a\"}]},"
            + "{\"key\":\"c\",\"name\":\"C\",\"steps\":[{\"key\":\"x\",\"kind\":\"MOVE\","
            + "\"target\":\"nowhere\"}]}]}";
    Layout cut = WorkflowGraph.of(WorkflowDefinition.parse(json));
    assertEquals(new Place(0, 0), cut.places().get("a"));
    assertEquals(new Place(1, 0), cut.places().get("b"));
    assertEquals(new Place(1, 1), cut.places().get("c"));
    Arrow loop = cut.arrows().stream().filter(a -> a.from().equals("b")).findFirst().orElseThrow();
    assertEquals("a", loop.to());
    assertTrue(loop.back());
    assertEquals(
        List.of(50, 50),
        cut.arrows().stream().filter(a -> a.way() == Way.SPLIT).map(Arrow::percent).toList());
    // a way to a state that does not exist is the definition's problem, not an arrow
    assertFalse(cut.arrows().stream().anyMatch(a -> a.to().equals("nowhere")));
    assertEquals(3, cut.arrows().size());
  }

  @Test
  void everyReadyMadeWorkflowHasAPlaceForEachState() {
    for (WorkflowTemplates.Template t : WorkflowTemplates.all()) {
      Layout cut = WorkflowGraph.of(t.definition());
      assertEquals(t.definition().states().size(), cut.places().size(), t.key());
      assertEquals(cut.places().size(), cut.places().values().stream().distinct().count(), t.key());
    }
  }
}
