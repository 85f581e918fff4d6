package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.mailings.boundary.Mailings;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.boundary.UserView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;
import org.erpcampaigns.workflows.control.WorkflowGraph;
import org.erpcampaigns.workflows.entity.ConditionEvent;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.TimeUnit;
import org.erpcampaigns.workflows.entity.Workflow;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowStatus;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * The designer ({@code ?id=}): the workflow's states, steps, groups and transitions as forms, the
 * problems that keep it from being published with their place, publishing and the status moves, and
 * the graph of its states with the contacts in each, refreshed every few seconds.
 */
@Named
@ViewScoped
public class WorkflowDesignerView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a step inside a group can be: the actions that run and go on at once. */
  static final List<StepKind> GROUP_KINDS =
      List.of(StepKind.values()).stream()
          .filter(k -> k.isInstant() && k != StepKind.GROUP)
          .toList();

  @EJB transient Workflows workflows;
  @EJB transient Mailings mailings;
  @EJB transient DistributionLists lists;
  @EJB transient Campaigns campaigns;
  @Inject LocaleView localeView;
  @Inject UserView userView;

  private Long id;
  private Workflow workflow;
  private String campaignName;
  private Integer versionNumber;
  private WorkflowDraft draft;
  private String name;
  private Long listId;
  private boolean keepEnrolling;
  private boolean reEntry;
  private List<WorkflowProblems.Shown> problems = List.of();
  private Map<String, Map<String, Long>> counts = Map.of();
  private List<MailTemplate> templates = List.of();
  private List<DistributionList> listChoices = List.of();
  private List<org.erpcampaigns.audiences.entity.Segment> segmentChoices = List.of();

  /** Loads the workflow named by ?id=; an unknown one is a clear message and a 404. */
  public void load() {
    try {
      workflow = id == null ? null : workflows.get(id);
    } catch (RuleException e) {
      workflow = null;
    }
    if (workflow == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
      Feedback.warn(Messages.get(locale(), "workflow.error.unknown", id == null ? "" : id));
      return;
    }
    draft = WorkflowDraft.of(workflow.draft());
    name = workflow.getName();
    listId = workflow.getListId();
    keepEnrolling = workflow.isKeepEnrolling();
    reEntry = workflow.isReEntry();
    templates = mailings.templates();
    listChoices = lists.lists();
    segmentChoices = lists.segments();
    reread();
  }

  /** The workflow's status, version and counts again, after a change or on the poll. */
  private void reread() {
    workflow = workflows.get(id);
    campaignName =
        campaigns
            .find(workflow.getCampaignId())
            .map(Campaign::getName)
            .orElse("#" + workflow.getCampaignId());
    versionNumber =
        workflows.versions(id).stream()
            .filter(v -> v.getId().equals(workflow.getPublishedVersionId()))
            .map(WorkflowVersion::getNumber)
            .findFirst()
            .orElse(null);
    problems = WorkflowProblems.shown(workflows.problems(draft.toDefinition()), locale());
    counts = workflows.counts(id);
  }

  /** The poll: contacts per state (and the status, which a campaign's pause may change). */
  public void refreshCounts() {
    if (workflow != null) {
      workflow = workflows.get(id);
      counts = workflows.counts(id);
    }
  }

  /** Saves the draft; says whether it can be published as it is. */
  public boolean save() {
    try {
      workflows.saveDraft(
          id, workflow.getVersion(), name, listId, keepEnrolling, reEntry, draft.toDefinition());
      reread();
      Feedback.info(Messages.get(locale(), "workflow.saved"));
      if (!problems.isEmpty()) {
        Feedback.warn(Messages.get(locale(), "workflow.problemsLeft", problems.size()));
      }
      return true;
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    return false;
  }

  /** Checks the definition as the form has it, without saving. */
  public void check() {
    problems = WorkflowProblems.shown(workflows.problems(draft.toDefinition()), locale());
    if (problems.isEmpty()) {
      Feedback.info(Messages.get(locale(), "workflow.noProblems"));
    } else {
      Feedback.warn(Messages.get(locale(), "workflow.problemsLeft", problems.size()));
    }
  }

  /** Saves the draft and publishes it as a new version; refused with the first problem's place. */
  public void publish() {
    if (!saveQuietly()) {
      return;
    }
    try {
      int number = workflows.publish(id, workflow.getVersion()).getNumber();
      Feedback.info(Messages.get(locale(), "workflow.published", workflow.getName(), number));
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    reread();
  }

  private boolean saveQuietly() {
    try {
      workflows.saveDraft(
          id, workflow.getVersion(), name, listId, keepEnrolling, reEntry, draft.toDefinition());
      reread();
      return true;
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    return false;
  }

  /** START, PAUSE, RESUME or STOP. */
  public void perform(String action) {
    try {
      workflows.perform(id, workflow.getVersion(), action);
      Feedback.info(
          Messages.get(
              locale(),
              "workflow.moved",
              workflow.getName(),
              Messages.get(locale(), "workflow.action." + action)));
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    reread();
  }

  // the forms' structure

  public void addState() {
    draft.addState(Messages.get(locale(), "workflow.newState"));
  }

  public void removeState(WorkflowDraft.State s) {
    draft.getStates().remove(s);
  }

  public void addStep(WorkflowDraft.State s) {
    draft.addStep(s.getSteps(), s.getKindToAdd());
  }

  public void addToGroup(WorkflowDraft.StepForm group) {
    draft.addStep(group.getSteps(), group.getKindToAdd());
  }

  public void removeStep(List<WorkflowDraft.StepForm> from, WorkflowDraft.StepForm step) {
    from.remove(step);
  }

  public void stepUp(List<WorkflowDraft.StepForm> in, WorkflowDraft.StepForm step) {
    WorkflowDraft.up(in, step);
  }

  public void addBranch(WorkflowDraft.StepForm split) {
    split.getBranches().add(new WorkflowDraft.BranchForm());
  }

  public void removeBranch(WorkflowDraft.StepForm split, WorkflowDraft.BranchForm branch) {
    split.getBranches().remove(branch);
  }

  // what the page shows

  /** Contacts in a state now (all but those who ended there). */
  public long inside(String state) {
    return counts.getOrDefault(state, Map.of()).entrySet().stream()
        .filter(e -> !"ENDED".equals(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Contacts who left the workflow in a state. */
  public long ended(String state) {
    return counts.getOrDefault(state, Map.of()).getOrDefault("ENDED", 0L);
  }

  /** The states that have a problem, to mark their forms. */
  public boolean hasProblem(String state) {
    return state != null && problems.stream().anyMatch(p -> state.equals(p.state()));
  }

  /**
   * The graph as the page's script draws it: each state's box (name, contacts inside and ended,
   * place), each arrow with its label, the start and the states with a problem marked.
   */
  public String getGraph() {
    if (draft == null) {
      return "{}";
    }
    WorkflowDefinition d = draft.toDefinition();
    WorkflowGraph.Layout layout = WorkflowGraph.of(d);
    Set<String> troubled = new HashSet<>();
    problems.forEach(p -> troubled.add(p.state()));
    JsonArrayBuilder nodes = Json.createArrayBuilder();
    for (var s : d.states()) {
      WorkflowGraph.Place place = layout.places().get(s.key());
      if (place == null) {
        continue;
      }
      long inside = inside(s.key());
      long ended = ended(s.key());
      String label =
          (s.name() == null ? s.key() : s.name())
              + "\n"
              + Messages.get(locale(), "workflow.graph.inside", inside)
              + (ended > 0 ? "\n" + Messages.get(locale(), "workflow.graph.ended", ended) : "");
      nodes.add(
          Json.createObjectBuilder()
              .add("id", s.key())
              .add("label", label)
              .add("inside", inside)
              .add("ended", ended)
              .add("column", place.column())
              .add("row", place.row())
              .add("start", s.key().equals(d.start()))
              .add("problem", troubled.contains(s.key())));
    }
    JsonArrayBuilder arrows = Json.createArrayBuilder();
    for (WorkflowGraph.Arrow a : layout.arrows()) {
      arrows.add(
          Json.createObjectBuilder()
              .add("source", a.from())
              .add("target", a.to())
              .add("label", arrowLabel(a))
              .add("back", a.back())
              .add(
                  "span",
                  layout.places().get(a.to()).column() - layout.places().get(a.from()).column()));
    }
    JsonObjectBuilder graph =
        Json.createObjectBuilder()
            .add("nodes", nodes)
            .add("arrows", arrows)
            .add("title", Messages.get(locale(), "workflow.graph.title"));
    return graph.build().toString();
  }

  private String arrowLabel(WorkflowGraph.Arrow a) {
    Step step = a.step();
    return switch (a.way()) {
      case THEN ->
          step.kind() == StepKind.IF_SEGMENT
              ? Messages.get(locale(), "workflow.graph.inSegment")
              : event(step.event());
      case OTHERWISE ->
          step.amount() == null || step.unit() == null
              ? Messages.get(locale(), "workflow.graph.otherwise")
              : Messages.get(
                  locale(),
                  "workflow.graph.otherwiseAfter",
                  step.amount(),
                  Messages.get(locale(), "workflow.unit." + step.unit().name()));
      case SPLIT -> (a.percent() == null ? 0 : a.percent()) + " %";
      case MOVE -> "";
    };
  }

  private String event(ConditionEvent e) {
    return e == null ? "?" : Messages.get(locale(), "workflow.event." + e.name());
  }

  /** Whether the forms take changes: a marketer's or admin's, on a workflow not stopped. */
  public boolean isEditable() {
    return workflow != null
        && workflow.getStatus() != WorkflowStatus.STOPPED
        && userView.isEditor();
  }

  public List<StepKind> getKinds() {
    return List.of(StepKind.values());
  }

  /** The weekdays a send window may open on, Monday first. */
  public List<String> getWeekdays() {
    return List.of(DayOfWeek.values()).stream().map(DayOfWeek::name).toList();
  }

  /** A weekday's name in the user's language. */
  public String dayName(String day) {
    return DayOfWeek.valueOf(day).getDisplayName(TextStyle.SHORT, locale());
  }

  /** The time zones a send window may name, by id. */
  public List<String> getZones() {
    return ZONES;
  }

  private static final List<String> ZONES =
      ZoneId.getAvailableZoneIds().stream()
          .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
          .sorted()
          .toList();

  public List<StepKind> getGroupKinds() {
    return GROUP_KINDS;
  }

  public List<ConditionEvent> getEvents() {
    return List.of(ConditionEvent.values());
  }

  /** What can be a goal: an event or an order, not a person's decision. */
  public List<ConditionEvent> getGoals() {
    return getEvents().stream().filter(e -> e != ConditionEvent.DECIDED).toList();
  }

  public List<TimeUnit> getUnits() {
    return List.of(TimeUnit.values());
  }

  public List<String> getTaskKinds() {
    return Step.TASK_KINDS;
  }

  public List<String> getOutcomes() {
    return Step.OUTCOMES;
  }

  public List<MailTemplate> getTemplates() {
    return templates;
  }

  public List<org.erpcampaigns.audiences.entity.Segment> getSegmentChoices() {
    return segmentChoices;
  }

  public List<DistributionList> getListChoices() {
    return listChoices;
  }

  private Locale locale() {
    return localeView.getLocale();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public Workflow getWorkflow() {
    return workflow;
  }

  public String getCampaignName() {
    return campaignName;
  }

  public Integer getVersionNumber() {
    return versionNumber;
  }

  public WorkflowDraft getDraft() {
    return draft;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getListId() {
    return listId;
  }

  public void setListId(Long listId) {
    this.listId = listId;
  }

  public boolean isKeepEnrolling() {
    return keepEnrolling;
  }

  public void setKeepEnrolling(boolean keepEnrolling) {
    this.keepEnrolling = keepEnrolling;
  }

  public boolean isReEntry() {
    return reEntry;
  }

  public void setReEntry(boolean reEntry) {
    this.reEntry = reEntry;
  }

  public List<WorkflowProblems.Shown> getProblems() {
    return problems;
  }
}
