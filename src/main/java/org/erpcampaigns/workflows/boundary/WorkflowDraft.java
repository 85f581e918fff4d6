package org.erpcampaigns.workflows.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.erpcampaigns.workflows.entity.ConditionEvent;
import org.erpcampaigns.workflows.entity.SendWindow;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.TimeUnit;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;

/**
 * The designer's editable copy of a definition: the forms write into it field by field, and it
 * becomes a {@link WorkflowDefinition} again to be checked, saved and published. It holds no rule
 * of its own: what may run is the definition's to say.
 */
public class WorkflowDraft implements Serializable {
  private static final long serialVersionUID = 1L;

  private String start;
  private ConditionEvent goal;
  private final List<State> states = new ArrayList<>();
  private boolean windowOn;
  private List<String> windowDays = new ArrayList<>();
  private LocalTime windowFrom;
  private LocalTime windowTo;
  private String windowZone;
  private String windowHolidays;

  /** A state's form: its key, its name and its steps in order. */
  public static class State implements Serializable {
    private static final long serialVersionUID = 1L;
    private String key;
    private String name;
    private StepKind kindToAdd = StepKind.SEND_EMAIL;
    private final List<StepForm> steps = new ArrayList<>();

    /** The kind of step the state's "add" button adds. */
    public StepKind getKindToAdd() {
      return kindToAdd;
    }

    public void setKindToAdd(StepKind kindToAdd) {
      this.kindToAdd = kindToAdd;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<StepForm> getSteps() {
      return steps;
    }
  }

  /** One way out of a split: a share in percent and its state. */
  public static class BranchForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private Integer percent;
    private String state;

    public Integer getPercent() {
      return percent;
    }

    public void setPercent(Integer percent) {
      this.percent = percent;
    }

    public String getState() {
      return state;
    }

    public void setState(String state) {
      this.state = state;
    }
  }

  /** A step's form: every setting a kind may read; the step's kind says which are shown. */
  public static class StepForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private String key;
    private StepKind kind;
    private String name;
    private Long templateId;
    private Integer amount;
    private TimeUnit unit;
    private LocalDateTime until;
    private ConditionEvent event;
    private String then;
    private String otherwise;
    private String taskKind;
    private String title;
    private String assignee;
    private Integer dueInDays;
    private BigDecimal cost;
    private boolean perContact;
    private Long listId;
    private Long segmentId;
    private String target;
    private String outcome;
    private final List<BranchForm> branches = new ArrayList<>();
    private final List<StepForm> steps = new ArrayList<>();
    private StepKind kindToAdd = StepKind.SEND_EMAIL;
    private SendWindow window;
    private boolean anyTime;
    private boolean untilWindow;
    private String crmRole;
    private String crmClassification;
    private String crmTag;
    private boolean crmCommunication;
    private String crmSubject;
    private String crmNote;
    private String noticeRecipient;
    private String noticeSubject;

    /** The kind of action a group's "add" button adds. */
    public StepKind getKindToAdd() {
      return kindToAdd;
    }

    public void setKindToAdd(StepKind kindToAdd) {
      this.kindToAdd = kindToAdd;
    }

    static StepForm of(Step s) {
      StepForm f = new StepForm();
      f.key = s.key();
      f.kind = s.kind();
      f.name = s.name();
      f.templateId = s.templateId();
      f.amount = s.amount();
      f.unit = s.unit();
      f.until = s.until();
      f.event = s.event();
      f.then = s.then();
      f.otherwise = s.otherwise();
      f.taskKind = s.taskKind();
      f.title = s.title();
      f.assignee = s.assignee();
      f.dueInDays = s.dueInDays();
      f.cost = s.cost();
      f.perContact = Boolean.TRUE.equals(s.perContact());
      f.listId = s.listId();
      f.segmentId = s.segmentId();
      f.target = s.target();
      f.outcome = s.outcome();
      for (Step.Branch b : s.branches()) {
        BranchForm bf = new BranchForm();
        bf.percent = b.percent();
        bf.state = b.state();
        f.branches.add(bf);
      }
      s.steps().forEach(inner -> f.steps.add(of(inner)));
      f.window = s.window();
      f.anyTime = Boolean.TRUE.equals(s.anyTime());
      f.untilWindow = Boolean.TRUE.equals(s.untilWindow());
      if (s.crm() != null) {
        f.crmRole = s.crm().roleTypeId();
        f.crmClassification = s.crm().classificationGroupId();
        f.crmTag = s.crm().tag();
        f.crmCommunication = s.crm().communication();
        f.crmSubject = s.crm().subject();
        f.crmNote = s.crm().note();
      }
      if (s.notice() != null) {
        f.noticeRecipient = s.notice().recipient();
        f.noticeSubject = s.notice().subject();
      }
      return f;
    }

    /** The step, with only the settings its kind reads (a changed kind leaves no stray values). */
    private Step commonSettings() {
      StepKind k = kind;
      boolean waits = k == StepKind.WAIT || k == StepKind.WAIT_FOR;
      boolean task = k == StepKind.TASK;
      boolean list = k == StepKind.ADD_TO_LIST || k == StepKind.REMOVE_FROM_LIST;
      boolean ways = k == StepKind.WAIT_FOR || k == StepKind.IF_SEGMENT;
      return new Step(
          blank(key),
          k,
          blank(name),
          k == StepKind.SEND_EMAIL ? templateId : null,
          waits ? amount : null,
          waits ? unit : null,
          k == StepKind.WAIT ? until : null,
          k == StepKind.WAIT_FOR ? event : null,
          ways ? blank(then) : null,
          ways ? blank(otherwise) : null,
          task ? blank(taskKind) : null,
          task ? blank(title) : null,
          task ? blank(assignee) : null,
          task ? dueInDays : null,
          k == StepKind.RECORD_COST ? cost : null,
          k == StepKind.RECORD_COST && perContact,
          list ? listId : null,
          k == StepKind.MOVE ? blank(target) : null,
          k == StepKind.END ? blank(outcome) : null,
          k == StepKind.SPLIT
              ? branches.stream()
                  .map(b -> new Step.Branch(b.percent == null ? 0 : b.percent, blank(b.state)))
                  .toList()
              : List.of(),
          k == StepKind.GROUP ? steps.stream().map(StepForm::toStep).toList() : List.of(),
          k == StepKind.SEND_EMAIL || k == StepKind.WAIT ? window : null,
          k == StepKind.SEND_EMAIL && anyTime,
          k == StepKind.WAIT && untilWindow,
          k == StepKind.IF_SEGMENT ? segmentId : null,
          null,
          null);
    }

    public Long getSegmentId() {
      return segmentId;
    }

    public void setSegmentId(Long segmentId) {
      this.segmentId = segmentId;
    }

    /** The step, with its kind's CRM update or notice settings too. */
    Step toStep() {
      StepKind k = kind;
      return commonSettings()
          .withCrm(
              k == StepKind.UPDATE_CRM
                  ? new Step.CrmUpdate(
                      blank(crmRole),
                      blank(crmClassification),
                      blank(crmTag),
                      crmCommunication,
                      crmCommunication ? blank(crmSubject) : null,
                      crmCommunication ? blank(crmNote) : null)
                  : null)
          .withNotice(
              // no settings: the owner with a standard subject, as a ready-made workflow has it
              k == StepKind.NOTIFY
                      && (blank(noticeRecipient) != null || blank(noticeSubject) != null)
                  ? new Step.Notice(blank(noticeRecipient), blank(noticeSubject))
                  : null);
    }

    public String getCrmRole() {
      return crmRole;
    }

    public void setCrmRole(String crmRole) {
      this.crmRole = crmRole;
    }

    public String getCrmClassification() {
      return crmClassification;
    }

    public void setCrmClassification(String crmClassification) {
      this.crmClassification = crmClassification;
    }

    public String getCrmTag() {
      return crmTag;
    }

    public void setCrmTag(String crmTag) {
      this.crmTag = crmTag;
    }

    public boolean isCrmCommunication() {
      return crmCommunication;
    }

    public void setCrmCommunication(boolean crmCommunication) {
      this.crmCommunication = crmCommunication;
    }

    public String getCrmSubject() {
      return crmSubject;
    }

    public void setCrmSubject(String crmSubject) {
      this.crmSubject = crmSubject;
    }

    public String getCrmNote() {
      return crmNote;
    }

    public void setCrmNote(String crmNote) {
      this.crmNote = crmNote;
    }

    public String getNoticeRecipient() {
      return noticeRecipient;
    }

    public void setNoticeRecipient(String noticeRecipient) {
      this.noticeRecipient = noticeRecipient;
    }

    public String getNoticeSubject() {
      return noticeSubject;
    }

    public void setNoticeSubject(String noticeSubject) {
      this.noticeSubject = noticeSubject;
    }

    /** Whether an email step sends when it comes due, whatever the send window says. */
    public boolean isAnyTime() {
      return anyTime;
    }

    public void setAnyTime(boolean anyTime) {
      this.anyTime = anyTime;
    }

    /** Whether a wait goes on until the send window opens. */
    public boolean isUntilWindow() {
      return untilWindow;
    }

    public void setUntilWindow(boolean untilWindow) {
      this.untilWindow = untilWindow;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public StepKind getKind() {
      return kind;
    }

    public void setKind(StepKind kind) {
      this.kind = kind;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Long getTemplateId() {
      return templateId;
    }

    public void setTemplateId(Long templateId) {
      this.templateId = templateId;
    }

    public Integer getAmount() {
      return amount;
    }

    public void setAmount(Integer amount) {
      this.amount = amount;
    }

    public TimeUnit getUnit() {
      return unit;
    }

    public void setUnit(TimeUnit unit) {
      this.unit = unit;
    }

    public LocalDateTime getUntil() {
      return until;
    }

    public void setUntil(LocalDateTime until) {
      this.until = until;
    }

    public ConditionEvent getEvent() {
      return event;
    }

    public void setEvent(ConditionEvent event) {
      this.event = event;
    }

    public String getThen() {
      return then;
    }

    public void setThen(String then) {
      this.then = then;
    }

    public String getOtherwise() {
      return otherwise;
    }

    public void setOtherwise(String otherwise) {
      this.otherwise = otherwise;
    }

    public String getTaskKind() {
      return taskKind;
    }

    public void setTaskKind(String taskKind) {
      this.taskKind = taskKind;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getAssignee() {
      return assignee;
    }

    public void setAssignee(String assignee) {
      this.assignee = assignee;
    }

    public Integer getDueInDays() {
      return dueInDays;
    }

    public void setDueInDays(Integer dueInDays) {
      this.dueInDays = dueInDays;
    }

    public BigDecimal getCost() {
      return cost;
    }

    public void setCost(BigDecimal cost) {
      this.cost = cost;
    }

    public boolean isPerContact() {
      return perContact;
    }

    public void setPerContact(boolean perContact) {
      this.perContact = perContact;
    }

    public Long getListId() {
      return listId;
    }

    public void setListId(Long listId) {
      this.listId = listId;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }

    public String getOutcome() {
      return outcome;
    }

    public void setOutcome(String outcome) {
      this.outcome = outcome;
    }

    public List<BranchForm> getBranches() {
      return branches;
    }

    public List<StepForm> getSteps() {
      return steps;
    }
  }

  public static WorkflowDraft of(WorkflowDefinition d) {
    WorkflowDraft draft = new WorkflowDraft();
    draft.start = d.start();
    draft.goal = d.goal();
    // without a window the form offers office hours, taken when the user switches it on
    SendWindow w = d.window() == null ? SendWindow.officeHours() : d.window();
    draft.windowOn = d.window() != null;
    w.days().stream().sorted().forEach(day -> draft.windowDays.add(day.name()));
    draft.windowFrom = w.from();
    draft.windowTo = w.to();
    draft.windowZone = w.zone();
    draft.windowHolidays = String.join(", ", w.holidays());
    for (WorkflowState s : d.states()) {
      State f = new State();
      f.key = s.key();
      f.name = s.name();
      s.steps().forEach(st -> f.steps.add(StepForm.of(st)));
      draft.states.add(f);
    }
    return draft;
  }

  public WorkflowDefinition toDefinition() {
    return new WorkflowDefinition(
        blank(start),
        goal,
        states.stream()
            .map(
                s ->
                    new WorkflowState(
                        blank(s.key),
                        blank(s.name),
                        s.steps.stream().map(StepForm::toStep).toList()))
            .toList(),
        windowOn ? window() : null);
  }

  private SendWindow window() {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    windowDays.forEach(d -> days.add(DayOfWeek.valueOf(d)));
    List<String> holidays =
        windowHolidays == null || windowHolidays.isBlank()
            ? List.of()
            : List.of(windowHolidays.strip().split("[,;\\s]+"));
    return new SendWindow(days, windowFrom, windowTo, holidays, blank(windowZone));
  }

  /**
   * A new state at the end, with a key no other state has; the first one is where contacts start.
   */
  public State addState(String name) {
    State s = new State();
    s.key = unique("state", stateKeys());
    s.name = name;
    states.add(s);
    if (blank(start) == null) {
      start = s.key;
    }
    return s;
  }

  /** A new step of {@code kind} at the end of a state (or of a group), with a key of its own. */
  public StepForm addStep(List<StepForm> to, StepKind kind) {
    StepForm f = new StepForm();
    f.kind = kind;
    f.key = unique(kind.name().toLowerCase().replace('_', '-'), stepKeys());
    switch (kind) {
      case WAIT, WAIT_FOR -> {
        f.amount = 3;
        f.unit = TimeUnit.DAYS;
      }
      case TASK -> {
        f.taskKind = "CALL";
        f.dueInDays = 2;
      }
      case END -> f.outcome = "COMPLETED";
      default -> {}
    }
    to.add(f);
    return f;
  }

  /** Moves an item one place up in its list. */
  public static <T> void up(List<T> items, T item) {
    int i = items.indexOf(item);
    if (i > 0) {
      items.remove(i);
      items.add(i - 1, item);
    }
  }

  private Set<String> stateKeys() {
    Set<String> keys = new HashSet<>();
    states.forEach(s -> keys.add(s.key));
    return keys;
  }

  private Set<String> stepKeys() {
    Set<String> keys = new HashSet<>();
    for (State s : states) {
      for (StepForm f : s.steps) {
        keys.add(f.key);
        f.steps.forEach(inner -> keys.add(inner.key));
      }
    }
    return keys;
  }

  private static String unique(String prefix, Set<String> taken) {
    for (int i = 1; ; i++) {
      String key = prefix + "-" + i;
      if (!taken.contains(key)) {
        return key;
      }
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public ConditionEvent getGoal() {
    return goal;
  }

  public void setGoal(ConditionEvent goal) {
    this.goal = goal;
  }

  public List<State> getStates() {
    return states;
  }

  /** Whether the workflow's emails keep to a send window. */
  public boolean isWindowOn() {
    return windowOn;
  }

  public void setWindowOn(boolean windowOn) {
    this.windowOn = windowOn;
  }

  /** The window's weekdays, as DayOfWeek names. */
  public List<String> getWindowDays() {
    return windowDays;
  }

  public void setWindowDays(List<String> windowDays) {
    this.windowDays = windowDays == null ? new ArrayList<>() : new ArrayList<>(windowDays);
  }

  public LocalTime getWindowFrom() {
    return windowFrom;
  }

  public void setWindowFrom(LocalTime windowFrom) {
    this.windowFrom = windowFrom;
  }

  public LocalTime getWindowTo() {
    return windowTo;
  }

  public void setWindowTo(LocalTime windowTo) {
    this.windowTo = windowTo;
  }

  public String getWindowZone() {
    return windowZone;
  }

  public void setWindowZone(String windowZone) {
    this.windowZone = windowZone;
  }

  /** The window's holidays as the user writes them: separated by commas, blanks or lines. */
  public String getWindowHolidays() {
    return windowHolidays;
  }

  public void setWindowHolidays(String windowHolidays) {
    this.windowHolidays = windowHolidays;
  }
}
