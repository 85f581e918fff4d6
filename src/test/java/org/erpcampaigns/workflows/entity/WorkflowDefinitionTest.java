package org.erpcampaigns.workflows.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.erpcampaigns.workflows.control.WorkflowTemplates;
import org.junit.jupiter.api.Test;

/** What keeps a definition from running is found, with its place; JSON reads back the same. */
class WorkflowDefinitionTest {

  static List<String> problems(String json) {
    return WorkflowDefinition.parse(json).problems().stream()
        .map(
            p -> p.key().substring("workflow.problem.".length()) + "@" + p.state() + "/" + p.step())
        .collect(Collectors.toList());
  }

  @Test
  void aCompleteDefinitionHasNoProblemAndReadsBackTheSame() {
    String json =
        "{\"start\":\"a\",\"goal\":\"ORDERED\",\"states\":["
            + "{\"key\":\"a\",\"name\":\"Send\",\"steps\":["
            + "{\"key\":\"s\",\"kind\":\"SEND_EMAIL\",\"templateId\":4},"
            + "{\"key\":\"g\",\"kind\":\"GROUP\",\"steps\":["
            + "{\"key\":\"c\",\"kind\":\"RECORD_COST\",\"cost\":\"12.50\",\"perContact\":true},"
            + "{\"key\":\"t\",\"kind\":\"TASK\",\"taskKind\":\"CALL\",\"title\":\"Call\"}]},"
            + "{\"key\":\"w\",\"kind\":\"WAIT_FOR\",\"event\":\"OPENED\",\"amount\":3,"
            + "\"unit\":\"DAYS\",\"then\":\"b\",\"otherwise\":\"b\"}]},"
            + "{\"key\":\"b\",\"name\":\"End\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\","
            + "\"outcome\":\"CONVERTED\"}]}]}";
    WorkflowDefinition d = WorkflowDefinition.parse(json);
    assertEquals(List.of(), d.problems());
    assertEquals(d, WorkflowDefinition.parse(d.toJson().toString()));
    assertEquals(6, d.allSteps().size());
  }

  @Test
  void eachProblemIsFoundAtItsPlace() {
    assertEquals(List.of("noStates@null/null"), problems("{\"states\":[]}"));
    assertEquals(
        List.of("decisionGoal@null/null"),
        problems(
            "{\"start\":\"a\",\"goal\":\"DECIDED\",\"states\":[{\"key\":\"a\",\"name\":\"A\","
                + "\"steps\":[{\"key\":\"w\",\"kind\":\"WAIT_FOR\",\"event\":\"DECIDED\","
                + "\"amount\":1,\"unit\":\"DAYS\",\"then\":\"b\",\"otherwise\":\"b\"}]},"
                + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\"}]}]}"),
        "a decision as a condition is fine, as the goal it is not");
    assertEquals(
        List.of("noTemplate@a/s", "noWayOut@a/null", "noStart@x/null".replace("x", "zz")).stream()
            .sorted()
            .toList(),
        problems(
                "{\"start\":\"zz\",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
                    + "{\"key\":\"s\",\"kind\":\"SEND_EMAIL\"}]}]}")
            .stream()
            .sorted()
            .toList());
    assertEquals(
        List.of("noOtherwise@a/w"),
        problems(
            "{\"start\":\"a\",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
                + "{\"key\":\"w\",\"kind\":\"WAIT_FOR\",\"event\":\"CLICKED\",\"amount\":1,"
                + "\"unit\":\"DAYS\",\"then\":\"a\"}]}]}"));
    assertEquals(
        List.of("unreachable@b/null"),
        problems(
            "{\"start\":\"a\",\"states\":["
                + "{\"key\":\"a\",\"name\":\"A\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\"}]},"
                + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"f\",\"kind\":\"END\"}]}]}"));
    assertEquals(
        List.of("loopWithoutWait@a/null"),
        problems(
            "{\"start\":\"a\",\"states\":["
                + "{\"key\":\"a\",\"name\":\"A\",\"steps\":[{\"key\":\"m\",\"kind\":\"MOVE\","
                + "\"target\":\"b\"}]},"
                + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"n\",\"kind\":\"MOVE\","
                + "\"target\":\"a\"}]}]}"));
    assertEquals(
        List.of("afterEnd@a/x"),
        problems(
            "{\"start\":\"a\",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
                + "{\"key\":\"e\",\"kind\":\"END\"},{\"key\":\"x\",\"kind\":\"END\"}]}]}"));
    assertEquals(
        List.of("split@a/p"),
        problems(
            "{\"start\":\"a\",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
                + "{\"key\":\"p\",\"kind\":\"SPLIT\",\"branches\":[{\"percent\":60,\"state\":\"b\"},"
                + "{\"percent\":30,\"state\":\"b\"}]}]},"
                + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\"}]}]}"));
    assertEquals(
        List.of("groupNotInstant@a/w"),
        problems(
            "{\"start\":\"a\",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
                + "{\"key\":\"g\",\"kind\":\"GROUP\",\"steps\":[{\"key\":\"w\",\"kind\":\"WAIT\","
                + "\"amount\":1,\"unit\":\"HOURS\"},{\"key\":\"t\",\"kind\":\"TASK\",\"title\":\"x\"}]},"
                + "{\"key\":\"e\",\"kind\":\"END\"}]}]}"));
    assertEquals(
        List.of("duplicateStep@b/e", "unknownState@a/m"),
        problems(
                "{\"start\":\"a\",\"states\":["
                    + "{\"key\":\"a\",\"name\":\"A\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\"},"
                    + "{\"key\":\"m\",\"kind\":\"MOVE\",\"target\":\"nowhere\"}]},"
                    + "{\"key\":\"b\",\"name\":\"B\",\"steps\":[{\"key\":\"e\",\"kind\":\"END\"}]}]}")
            .stream()
            .filter(p -> !p.startsWith("afterEnd"))
            .sorted()
            .toList());
  }

  @Test
  void badJsonIsRefusedWithAReason() {
    WorkflowRuleException e =
        assertThrows(WorkflowRuleException.class, () -> WorkflowDefinition.parse("{\"states\":["));
    assertEquals("workflow.error.json", e.getKey());
    assertEquals(
        "workflow.error.value",
        assertThrows(
                WorkflowRuleException.class,
                () ->
                    WorkflowDefinition.parse(
                        "{\"states\":[{\"key\":\"a\",\"steps\":[{\"key\":\"x\",\"kind\":\"FLY\"}]}]}"))
            .getKey());
    assertEquals(
        "workflow.error.number",
        assertThrows(
                WorkflowRuleException.class,
                () ->
                    WorkflowDefinition.parse(
                        "{\"states\":[{\"key\":\"a\",\"steps\":[{\"key\":\"x\",\"kind\":\"WAIT\","
                            + "\"amount\":\"1e999999\"}]}]}"))
            .getKey());
    assertEquals(
        "workflow.error.date",
        assertThrows(
                WorkflowRuleException.class,
                () ->
                    WorkflowDefinition.parse(
                        "{\"states\":[{\"key\":\"a\",\"steps\":[{\"key\":\"x\",\"kind\":\"WAIT\","
                            + "\"until\":\"+999999999-12-31T00:00\"}]}]}"))
            .getKey());
  }

  @Test
  void theReadyMadeWorkflowsOnlyLackTheirTemplates() {
    for (WorkflowTemplates.Template t : WorkflowTemplates.all()) {
      List<WorkflowDefinition.Problem> problems = t.definition().problems();
      assertTrue(!problems.isEmpty(), t.key());
      assertTrue(
          problems.stream().allMatch(p -> p.key().equals("workflow.problem.noTemplate")),
          t.key() + ": " + problems);
      assertEquals(t.definition(), WorkflowDefinition.parse(t.definition().toJson().toString()));
    }
  }

  static String withWindow(String window, String steps) {
    return "{\"start\":\"a\",\"window\":"
        + window
        + ",\"states\":[{\"key\":\"a\",\"name\":\"A\",\"steps\":["
        + steps
        + "{\"key\":\"e\",\"kind\":\"END\"}]}]}";
  }

  @Test
  void aSendWindowReadsBackTheSameWithItsStepOptions() {
    String json =
        withWindow(
            "{\"days\":[\"MONDAY\",\"friday\"],\"from\":\"09:00\",\"to\":\"00:00\","
                + "\"zone\":\"Europe/Rome\",\"holidays\":[\"2026-12-08\",\"12-25\"]}",
            "{\"key\":\"s\",\"kind\":\"SEND_EMAIL\",\"templateId\":1,\"anyTime\":true},"
                + "{\"key\":\"w\",\"kind\":\"WAIT\",\"untilWindow\":true,\"window\":"
                + "{\"days\":[\"SATURDAY\"],\"from\":\"10:00\",\"to\":\"12:00\"}},");
    WorkflowDefinition d = WorkflowDefinition.parse(json);
    assertEquals(List.of(), d.problems());
    assertEquals(d, WorkflowDefinition.parse(d.toJson().toString()));
    SendWindow w = d.window();
    assertEquals(
        java.util.EnumSet.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY), w.days());
    assertEquals(java.time.LocalTime.MIDNIGHT, w.to());
    assertEquals(List.of("2026-12-08", "12-25"), w.holidays());
    Step send = d.allSteps().get(0);
    Step wait = d.allSteps().get(1);
    assertEquals(null, send.windowIn(w), "an email at any time keeps to no window");
    assertEquals(java.util.Set.of(java.time.DayOfWeek.SATURDAY), wait.windowIn(w).days());
  }

  @Test
  void eachSendWindowProblemIsFound() {
    String send = "{\"key\":\"s\",\"kind\":\"SEND_EMAIL\",\"templateId\":1},";
    assertEquals(
        List.of("windowDays@null/null"),
        problems(withWindow("{\"days\":[],\"from\":\"09:00\",\"to\":\"17:00\"}", send)));
    assertEquals(
        List.of("windowHours@null/null"),
        problems(withWindow("{\"days\":[\"MONDAY\"],\"from\":\"17:00\",\"to\":\"09:00\"}", send)));
    assertEquals(
        List.of("windowHours@null/null"),
        problems(withWindow("{\"days\":[\"MONDAY\"],\"from\":\"09:00\"}", send)));
    assertEquals(
        List.of("windowZone@null/null"),
        problems(
            withWindow(
                "{\"days\":[\"MONDAY\"],\"from\":\"09:00\",\"to\":\"17:00\","
                    + "\"zone\":\"Europe/Atlantis\"}",
                send)));
    List<WorkflowDefinition.Problem> bad =
        WorkflowDefinition.parse(
                withWindow(
                    "{\"days\":[\"MONDAY\"],\"from\":\"09:00\",\"to\":\"17:00\","
                        + "\"holidays\":[\"2026-12-08\",\"2026-02-30\"]}",
                    send))
            .problems();
    assertEquals(
        List.of("workflow.problem.windowHoliday"), bad.stream().map(p -> p.key()).toList());
    assertEquals("2026-02-30", bad.get(0).detail());
    assertEquals(
        List.of("windowHours@a/w"),
        problems(
            withWindow(
                "null",
                "{\"key\":\"w\",\"kind\":\"WAIT\",\"untilWindow\":true,\"window\":"
                    + "{\"days\":[\"MONDAY\"],\"from\":\"12:00\",\"to\":\"12:00\"}},")));
    assertEquals(
        List.of("noWindow@a/w"),
        problems(withWindow("null", "{\"key\":\"w\",\"kind\":\"WAIT\",\"untilWindow\":true},")));
    assertEquals(
        "workflow.error.time",
        assertThrows(
                WorkflowRuleException.class,
                () ->
                    WorkflowDefinition.parse(
                        withWindow("{\"days\":[\"MONDAY\"],\"from\":\"9h\"}", send)))
            .getKey());
    assertEquals(
        "workflow.error.value",
        assertThrows(
                WorkflowRuleException.class,
                () -> WorkflowDefinition.parse(withWindow("{\"days\":[\"MONTAG\"]}", send)))
            .getKey());
  }

  @Test
  void crmUpdatesAndNoticesReadBackTheSame() {
    String json =
        withWindow(
            null,
            "{\"key\":\"mark\",\"kind\":\"UPDATE_CRM\",\"crm\":{\"roleTypeId\":\"PROSPECT\","
                + "\"classificationGroupId\":\"HOT_LEAD\",\"tag\":\"NO_ANSWER\","
                + "\"communication\":true,\"subject\":\"No answer\",\"note\":\"Call again\"}},"
                + "{\"key\":\"g\",\"kind\":\"GROUP\",\"steps\":["
                + "{\"key\":\"tag\",\"kind\":\"UPDATE_CRM\",\"crm\":{\"tag\":\"CLICKED\"}},"
                + "{\"key\":\"tell\",\"kind\":\"NOTIFY\",\"notice\":"
                + "{\"recipient\":\"boss@shop.test\",\"subject\":\"Clicked\"}}]},"
                + "{\"key\":\"owner\",\"kind\":\"NOTIFY\"},");
    WorkflowDefinition d = WorkflowDefinition.parse(json);
    assertEquals(List.of(), d.problems());
    assertEquals(d, WorkflowDefinition.parse(d.toJson().toString()));
    Step mark = d.allSteps().get(0);
    assertEquals(
        new Step.CrmUpdate("PROSPECT", "HOT_LEAD", "NO_ANSWER", true, "No answer", "Call again"),
        mark.crm());
    assertEquals(new Step.Notice("boss@shop.test", "Clicked"), d.allSteps().get(3).notice());
    assertEquals(null, d.allSteps().get(4).notice(), "no settings: the owner, a standard subject");
    assertEquals(
        new Step.CrmUpdate(null, null, "CLICKED", false, null, null), d.allSteps().get(2).crm());
  }

  @Test
  void eachCrmAndNoticeProblemIsFound() {
    assertEquals(
        List.of("crmNothing@a/m"),
        problems(withWindow(null, "{\"key\":\"m\",\"kind\":\"UPDATE_CRM\"},")));
    assertEquals(
        List.of("crmNothing@a/m"),
        problems(withWindow(null, "{\"key\":\"m\",\"kind\":\"UPDATE_CRM\",\"crm\":{}},")));
    assertEquals(
        List.of("crmValue@a/m", "crmValue@a/m"),
        problems(
            withWindow(
                null,
                "{\"key\":\"m\",\"kind\":\"UPDATE_CRM\",\"crm\":{\"roleTypeId\":"
                    + "\"A ROLE\",\"tag\":\"MUCH_TOO_LONG_FOR_AN_ID_OF_OFBIZ\"}},")));
    assertEquals(
        List.of("crmSubject@a/m"),
        problems(
            withWindow(
                null,
                "{\"key\":\"m\",\"kind\":\"UPDATE_CRM\",\"crm\":{\"communication\":true}},")));
    assertEquals(
        List.of("noticeRecipient@a/n"),
        problems(
            withWindow(
                null,
                "{\"key\":\"n\",\"kind\":\"NOTIFY\",\"notice\":{\"recipient\":\"boss@\"}},")));
    assertEquals(
        List.of("noticeRecipient@a/n"),
        problems(
            withWindow(
                null,
                "{\"key\":\"n\",\"kind\":\"NOTIFY\",\"notice\":{\"recipient\":\"a user\"}},")));
    assertEquals(
        List.of(),
        problems(
            withWindow(
                null,
                "{\"key\":\"n\",\"kind\":\"NOTIFY\",\"notice\":{\"recipient\":\"marketer\"}},")),
        "a user name");
    assertEquals(
        List.of("noticeSubject@a/n"),
        problems(
            withWindow(
                null,
                "{\"key\":\"n\",\"kind\":\"NOTIFY\",\"notice\":{\"subject\":\""
                    + "x".repeat(201)
                    + "\"}},")));
  }
}
