package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.boundary.UserView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * The work queue of the interactions workflows ask people for (calls, meetings, tasks, notes): the
 * caller's open ones by default, soonest due first, overdue ones marked; each closed with its
 * result, which the contact's timeline keeps.
 */
@Named
@ViewScoped
public class TasksView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whose tasks the queue shows. */
  public enum Scope {
    MINE,
    ALL
  }

  @EJB transient Workflows workflows;
  @EJB transient WorkflowDecisions decisions;
  @Inject transient Clock clock;
  @Inject LocaleView localeView;
  @Inject UserView userView;

  private Scope scope = Scope.MINE;
  private boolean openOnly = true;
  private List<Workflows.Task> tasks;
  private Long selectedId;
  private String result;

  @PostConstruct
  void init() {
    load();
  }

  private List<WorkflowDecisions.Decision> pending = List.of();
  private List<WorkflowDecisions.Decision> chosen = new java.util.ArrayList<>();

  public void load() {
    tasks = workflows.tasks(null, scope == Scope.MINE ? userView.getName() : null, openOnly);
    pending = decisions.pending(null);
    chosen = new java.util.ArrayList<>();
  }

  /** Decides yes or no for the contacts chosen in the decisions table. */
  public void decide(boolean yes) {
    if (chosen == null || chosen.isEmpty()) {
      Feedback.warn(Messages.get(localeView.getLocale(), "workflow.error.nobodySelected"));
      return;
    }
    java.util.Map<Long, List<String>> byWorkflow = new java.util.TreeMap<>();
    chosen.forEach(
        d ->
            byWorkflow
                .computeIfAbsent(d.workflowId(), k -> new java.util.ArrayList<>())
                .add(d.partyId()));
    try {
      int decided = 0;
      for (var e : byWorkflow.entrySet()) {
        decided += decisions.decide(e.getKey(), e.getValue(), null, yes);
      }
      Feedback.info(
          Messages.get(
              localeView.getLocale(), yes ? "decision.doneYes" : "decision.doneNo", decided));
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(localeView.getLocale(), "error.forbidden"));
    }
    load();
  }

  public List<WorkflowDecisions.Decision> getPending() {
    return pending;
  }

  public List<WorkflowDecisions.Decision> getChosen() {
    return chosen;
  }

  public void setChosen(List<WorkflowDecisions.Decision> chosen) {
    this.chosen = chosen;
  }

  /** Opens the dialog that closes a task. */
  public void select(long id) {
    selectedId = id;
    result = null;
  }

  public void complete() {
    if (selectedId == null) {
      return;
    }
    try {
      workflows.completeTask(selectedId, result);
      Feedback.info(Messages.get(localeView.getLocale(), "task.done.confirmed"));
      selectedId = null;
      result = null;
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(localeView.getLocale(), "error.forbidden"));
    }
    load();
  }

  public boolean overdue(Workflows.Task t) {
    return t.overdueAt(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
  }

  public Workflows.Task getSelected() {
    return selectedId == null || tasks == null
        ? null
        : tasks.stream().filter(t -> t.id() == selectedId).findFirst().orElse(null);
  }

  public List<Workflows.Task> getTasks() {
    return tasks;
  }

  public Scope[] getScopes() {
    return Scope.values();
  }

  public Scope getScope() {
    return scope;
  }

  public void setScope(Scope scope) {
    this.scope = scope == null ? Scope.MINE : scope;
  }

  public boolean isOpenOnly() {
    return openOnly;
  }

  public void setOpenOnly(boolean openOnly) {
    this.openOnly = openOnly;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }
}
