package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.workflows.control.WorkflowMigration;
import org.erpcampaigns.workflows.entity.Workflow;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowRuleException;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * Workflows over REST: drafts, validation, publishing, the status moves, contacts per state, manual
 * moves and "run now", tasks and a contact's timeline. Same rules and messages as the screens.
 */
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflows", description = "A campaign's workflow of states, steps and conditions")
public class WorkflowsResource {
  @EJB Workflows workflows;
  @EJB WorkflowDecisions decisions;
  @Context HttpHeaders headers;

  /** A workflow: the draft definition is JSON as the designer writes it. */
  public record WorkflowBody(
      Long campaignId,
      String name,
      Long listId,
      Boolean keepEnrolling,
      Boolean reEntry,
      JsonObject definition,
      String template,
      Integer version) {}

  public record WorkflowJson(
      long id,
      long campaignId,
      String name,
      String status,
      Long listId,
      boolean keepEnrolling,
      boolean reEntry,
      Long publishedVersionId,
      int version,
      JsonObject definition,
      List<WorkflowProblems.Shown> problems,
      Map<String, Map<String, Long>> contacts) {}

  public record MoveBody(List<String> parties, String fromState, String toState) {}

  public record TaskDone(String result) {}

  /** Whom a manual act is for: these contacts, or everyone in {@code state}. */
  public record ContactsBody(List<String> parties, String state) {}

  public record TemplateJson(String key, String name, JsonObject definition) {}

  private Locale locale() {
    return Messages.supported(headers.getAcceptableLanguages());
  }

  private WorkflowJson json(Workflow w) {
    WorkflowDefinition d = w.draft();
    return new WorkflowJson(
        w.getId(),
        w.getCampaignId(),
        w.getName(),
        w.getStatus().name(),
        w.getListId(),
        w.isKeepEnrolling(),
        w.isReEntry(),
        w.getPublishedVersionId(),
        w.getVersion(),
        d.toJson(),
        WorkflowProblems.shown(workflows.problems(d), locale()),
        workflows.counts(w.getId()));
  }

  private static WorkflowDefinition definition(WorkflowBody b) {
    return b.definition() == null ? null : WorkflowDefinition.of(b.definition());
  }

  @GET
  @Operation(summary = "Workflows, newest first, optionally of one campaign")
  public List<WorkflowJson> list(@QueryParam("campaign") Long campaign) {
    return (campaign == null ? workflows.all() : workflows.ofCampaign(campaign))
        .stream().map(this::json).toList();
  }

  @GET
  @Path("templates")
  @Operation(summary = "Ready-made workflows to start from")
  public List<TemplateJson> templates() {
    return workflows.templates().stream()
        .map(
            t ->
                new TemplateJson(
                    t.key(), Messages.get(locale(), t.nameKey()), t.definition().toJson()))
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a draft, empty, from a definition or from a ready-made workflow")
  public Response create(WorkflowBody b) {
    if (b == null || b.campaignId() == null) {
      throw WorkflowRuleException.invalid("workflow.error.noCampaign");
    }
    Workflow w =
        workflows.create(
            b.campaignId(),
            b.name(),
            b.listId(),
            Boolean.TRUE.equals(b.keepEnrolling()),
            Boolean.TRUE.equals(b.reEntry()),
            definition(b),
            b.template());
    return Response.status(201).entity(json(w)).build();
  }

  @POST
  @Path("validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The problems that keep a definition from being published, with their place")
  public List<WorkflowProblems.Shown> validate(JsonObject definition) {
    if (definition == null) {
      throw WorkflowRuleException.invalid("workflow.error.json", "empty");
    }
    return WorkflowProblems.shown(workflows.problems(WorkflowDefinition.of(definition)), locale());
  }

  @GET
  @Path("{id}")
  public WorkflowJson get(@PathParam("id") long id) {
    return json(workflows.get(id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Save the draft (version: the one read; 409 when changed since)")
  public WorkflowJson save(@PathParam("id") long id, WorkflowBody b) {
    if (b == null || b.definition() == null) {
      throw WorkflowRuleException.invalid("workflow.error.json", "empty");
    }
    return json(
        workflows.saveDraft(
            id,
            b.version(),
            b.name(),
            b.listId(),
            Boolean.TRUE.equals(b.keepEnrolling()),
            Boolean.TRUE.equals(b.reEntry()),
            definition(b)));
  }

  public record VersionJson(long id, int number, String publishedBy, String publishedAt) {}

  @POST
  @Path("{id}/publish")
  @Operation(summary = "Publish the draft as a new version (400 with the first problem)")
  public VersionJson publish(@PathParam("id") long id, @QueryParam("version") Integer version) {
    WorkflowVersion v = workflows.publish(id, version);
    return new VersionJson(
        v.getId(), v.getNumber(), v.getPublishedBy(), v.getPublishedAt().toString());
  }

  @POST
  @Path("{id}/actions/{action}")
  @Operation(summary = "START (enrols the list), PAUSE, RESUME or STOP the workflow")
  public WorkflowJson act(
      @PathParam("id") long id,
      @PathParam("action") String action,
      @QueryParam("version") Integer version) {
    return json(workflows.perform(id, version, action));
  }

  @GET
  @Path("{id}/contacts")
  @Operation(summary = "A page of the workflow's contacts, optionally of one state")
  public List<Workflows.Member> contacts(
      @PathParam("id") long id,
      @QueryParam("state") String state,
      @QueryParam("first") int first,
      @QueryParam("size") Integer size) {
    return workflows.members(id, state, first, size == null ? 50 : size);
  }

  public record Moved(int contacts) {}

  @POST
  @Path("{id}/move")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Move contacts (given, or all of fromState) to a state; its steps run now")
  public Moved move(@PathParam("id") long id, MoveBody b) {
    if (b == null) {
      throw WorkflowRuleException.invalid("workflow.error.nobodyToMove");
    }
    return new Moved(workflows.move(id, b.parties(), b.fromState(), b.toState()));
  }

  @POST
  @Path("{id}/contacts/pause")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Pause contacts where they are (the given ones, or everyone in a state)",
      description = "{\"parties\": [..]} or {\"state\": ..}; the goal still takes them out")
  public Moved pauseContacts(@PathParam("id") long id, ContactsBody b) {
    return new Moved(
        workflows.pauseContacts(id, b == null ? null : b.parties(), b == null ? null : b.state()));
  }

  @POST
  @Path("{id}/contacts/resume")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Resume contacts paused by hand; events that came meanwhile count")
  public Moved resumeContacts(@PathParam("id") long id, ContactsBody b) {
    return new Moved(
        workflows.resumeContacts(id, b == null ? null : b.parties(), b == null ? null : b.state()));
  }

  /**
   * A migration's state mapping: a state key of an earlier version to a state of the published one,
   * or null for "stays on its version"; states not named go to the state of the same key.
   */
  public record MigrationBody(Map<String, String> mapping) {}

  @POST
  @Path("{id}/migration/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "What moving the earlier versions' contacts to the published version would do",
      description =
          "Per earlier version and state: contacts inside, the state they would go to and how"
              + " many keep their place (the step they stand on is in that state). Changes nothing.")
  public List<WorkflowMigration.Row> migrationPreview(@PathParam("id") long id, MigrationBody b) {
    return workflows.migrationPreview(id, b == null ? null : b.mapping());
  }

  @POST
  @Path("{id}/migration")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Move the earlier versions' contacts to the published version, state by state",
      description = "{\"mapping\": {\"old-state\": \"new-state\", \"kept\": null}}")
  public Moved migrate(@PathParam("id") long id, MigrationBody b) {
    return new Moved(workflows.migrate(id, b == null ? null : b.mapping()));
  }

  public record SendBody(Long templateId) {}

  @POST
  @Path("{id}/states/{state}/send")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send a template now to the contacts in a state, outside the workflow's steps",
      description =
          "{\"templateId\": N}; held and ended contacts are left out, and those who may not be"
              + " mailed. Answers the new mailing and how many contacts it was queued for.")
  public Workflows.AdHocSend sendNow(
      @PathParam("id") long id, @PathParam("state") String state, SendBody b) {
    return workflows.sendNow(id, state, b == null ? null : b.templateId());
  }

  @POST
  @Path("{id}/states/{state}/run-now")
  @Operation(summary = "End the waits of a state's contacts now (conditions decided now)")
  public Moved runNow(@PathParam("id") long id, @PathParam("state") String state) {
    return new Moved(workflows.runNow(id, state));
  }

  /** A decision: yes ("then") or no ("otherwise"), for these contacts or everyone in a state. */
  public record DecisionBody(List<String> parties, String state, Boolean yes) {}

  @GET
  @Path("decisions")
  @Operation(summary = "Contacts waiting for a person's decision, soonest due first (at most 500)")
  public List<WorkflowDecisions.Decision> decisions(@QueryParam("workflow") Long workflow) {
    return decisions.pending(workflow);
  }

  @POST
  @Path("{id}/decisions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Decide for contacts waiting for a decision: yes takes 'then', no 'otherwise'",
      description = "{\"parties\": [..], \"yes\": true} or {\"state\": .., \"yes\": false}")
  public Moved decide(@PathParam("id") long id, DecisionBody b) {
    return new Moved(
        decisions.decide(
            id,
            b == null ? null : b.parties(),
            b == null ? null : b.state(),
            b == null ? null : b.yes()));
  }

  @GET
  @Path("tasks")
  @Operation(summary = "Tasks workflows created: open ones by default")
  public List<Workflows.Task> tasks(
      @QueryParam("workflow") Long workflow,
      @QueryParam("assignee") String assignee,
      @QueryParam("all") boolean all) {
    return workflows.tasks(workflow, assignee, !all);
  }

  @POST
  @Path("tasks/{id}/done")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Close a task with its result")
  public Response done(@PathParam("id") long id, TaskDone b) {
    workflows.completeTask(id, b == null ? null : b.result());
    return Response.noContent().build();
  }

  @GET
  @Path("timeline/{partyId}")
  @Operation(summary = "A contact's timeline in workflows, newest first")
  public List<Workflows.Activity> timeline(@PathParam("partyId") String partyId) {
    return workflows.timeline(partyId);
  }

  @GET
  @Path("crm-updates/{partyId}")
  @Operation(summary = "What workflows recorded about a contact in the CRM, newest first")
  public List<Workflows.CrmUpdate> crmUpdates(@PathParam("partyId") String partyId) {
    return workflows.crmUpdates(partyId);
  }
}
