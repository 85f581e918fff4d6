package org.erpcampaigns.workflows.control;

import java.util.List;
import org.erpcampaigns.workflows.entity.ConditionEvent;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.TimeUnit;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;

/**
 * Ready-made workflows to start from. Their email steps have no template yet: the designer asks for
 * one before the workflow can be published.
 */
public final class WorkflowTemplates {
  private WorkflowTemplates() {}

  /** A ready-made workflow: its key, the message key of its name, its definition. */
  public record Template(String key, String nameKey, WorkflowDefinition definition) {}

  public static List<Template> all() {
    return List.of(
        new Template("newsletter", "workflow.template.newsletter", newsletter()),
        new Template("welcome", "workflow.template.welcome", welcome()),
        new Template("reminder", "workflow.template.reminder", reminder()),
        new Template("event", "workflow.template.event", event()),
        new Template("fluentis", "workflow.template.fluentis", fluentis()));
  }

  public static java.util.Optional<Template> named(String key) {
    return all().stream().filter(t -> t.key().equals(key)).findFirst();
  }

  static WorkflowDefinition newsletter() {
    return new WorkflowDefinition(
        "send",
        null,
        List.of(
            new WorkflowState(
                "send", "Email send", List.of(email("newsletter"), end("sent", "COMPLETED")))));
  }

  static WorkflowDefinition welcome() {
    return new WorkflowDefinition(
        "welcome",
        ConditionEvent.ORDERED,
        List.of(
            new WorkflowState(
                "welcome",
                "Welcome",
                List.of(email("welcome-mail"), wait("pause-1", 2), move("to-tips", "tips"))),
            new WorkflowState(
                "tips",
                "Tips",
                List.of(email("tips-mail"), wait("pause-2", 5), move("to-offer", "offer"))),
            new WorkflowState(
                "offer", "Offer", List.of(email("offer-mail"), end("welcomed", "COMPLETED")))));
  }

  static WorkflowDefinition reminder() {
    return new WorkflowDefinition(
        "send",
        null,
        List.of(
            new WorkflowState(
                "send",
                "Email send",
                List.of(
                    email("first-mail"),
                    waitFor("opened", ConditionEvent.OPENED, 3, "followup", "reminder"))),
            new WorkflowState(
                "reminder",
                "Reminder",
                List.of(
                    noAnswer("no-answer"),
                    email("reminder-mail"),
                    move("to-followup", "followup"))),
            new WorkflowState(
                "followup",
                "Follow-up",
                List.of(waitFor("clicked", ConditionEvent.CLICKED, 3, "call", "analysis"))),
            new WorkflowState(
                "call",
                "Call",
                List.of(
                    task("call-clicker", "CALL", "Call the contact who clicked"),
                    notifyOwner("tell-owner"),
                    move("to-analysis", "analysis"))),
            new WorkflowState("analysis", "Result analysis", List.of(end("done", "COMPLETED")))));
  }

  static WorkflowDefinition event() {
    return new WorkflowDefinition(
        "invite",
        null,
        List.of(
            new WorkflowState(
                "invite",
                "Invitation",
                List.of(
                    email("invitation"),
                    waitFor("registered", ConditionEvent.CLICKED, 7, "thanks", "remind"))),
            new WorkflowState(
                "remind",
                "Reminder",
                List.of(
                    email("invitation-reminder"),
                    waitFor("registered-late", ConditionEvent.CLICKED, 5, "thanks", "closed"))),
            new WorkflowState(
                "thanks", "Thank you", List.of(email("thank-you"), end("attending", "CONVERTED"))),
            new WorkflowState("closed", "Closed", List.of(end("no-answer", "NOT_INTERESTED")))));
  }

  /** Preparation → Email send → Follow-up → Result analysis. */
  static WorkflowDefinition fluentis() {
    return new WorkflowDefinition(
        "preparation",
        ConditionEvent.ORDERED,
        List.of(
            new WorkflowState(
                "preparation",
                "Preparation",
                List.of(
                    task("check-list", "TASK", "Check the list and the email before sending"),
                    wait("prepare", 1),
                    move("to-send", "email-send"))),
            new WorkflowState(
                "email-send",
                "Email send",
                List.of(
                    email("campaign-mail"),
                    waitFor("answered", ConditionEvent.OPENED, 3, "follow-up", "reminder"))),
            new WorkflowState(
                "reminder",
                "Reminder",
                List.of(
                    noAnswer("no-answer"), email("reminder-mail"), move("reminded", "follow-up"))),
            new WorkflowState(
                "follow-up",
                "Follow-up",
                List.of(
                    waitFor("interested", ConditionEvent.CLICKED, 5, "call", "result-analysis"))),
            new WorkflowState(
                "call",
                "Sales call",
                List.of(
                    task("sales-call", "CALL", "Call the interested contact"),
                    notifyOwner("tell-owner"),
                    move("to-analysis", "result-analysis"))),
            new WorkflowState(
                "result-analysis", "Result analysis", List.of(end("analysed", "COMPLETED")))));
  }

  /** The contact did not answer within the period: a tag of our own says so in the CRM. */
  private static Step noAnswer(String key) {
    return Step.of(key, StepKind.UPDATE_CRM)
        .withCrm(new Step.CrmUpdate(null, null, "NO_ANSWER", false, null, null));
  }

  /** The workflow's owner hears which contacts reached the step (one email per run). */
  private static Step notifyOwner(String key) {
    return Step.of(key, StepKind.NOTIFY);
  }

  private static Step email(String key) {
    return Step.of(key, StepKind.SEND_EMAIL);
  }

  private static Step wait(String key, int days) {
    return new Step(
        key,
        StepKind.WAIT,
        null,
        null,
        days,
        TimeUnit.DAYS,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Step waitFor(
      String key, ConditionEvent event, int days, String then, String otherwise) {
    return new Step(
        key,
        StepKind.WAIT_FOR,
        null,
        null,
        days,
        TimeUnit.DAYS,
        null,
        event,
        then,
        otherwise,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Step task(String key, String kind, String title) {
    return new Step(
        key,
        StepKind.TASK,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        kind,
        title,
        null,
        2,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Step move(String key, String to) {
    return new Step(
        key,
        StepKind.MOVE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        to,
        null,
        null,
        null);
  }

  private static Step end(String key, String outcome) {
    return new Step(
        key,
        StepKind.END,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        outcome,
        null,
        null);
  }
}
