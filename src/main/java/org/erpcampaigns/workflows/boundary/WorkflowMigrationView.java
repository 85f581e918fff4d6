package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;
import org.erpcampaigns.workflows.control.WorkflowMigration;
import org.erpcampaigns.workflows.entity.Workflow;
import org.erpcampaigns.workflows.entity.WorkflowState;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * The designer's "contacts on earlier versions" card: per state of the earlier versions, the
 * contacts inside, where they would go in the published version (the user chooses; by default the
 * state of the same key) and how many keep their step; then one click moves them.
 */
@Named
@ViewScoped
public class WorkflowMigrationView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The target that means "stays on its version". */
  public static final String STAY = "-";

  @EJB transient Workflows workflows;
  @Inject WorkflowDesignerView designer;
  @Inject LocaleView localeView;

  /** One state of the earlier versions, with the user's choice of where it goes. */
  public static final class StateForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String state;
    private final String versions;
    private long contacts;
    private long keepPlace;
    private String target;

    StateForm(String state, String versions, String target) {
      this.state = state;
      this.versions = versions;
      this.target = target;
    }

    public String getState() {
      return state;
    }

    public String getVersions() {
      return versions;
    }

    public long getContacts() {
      return contacts;
    }

    public long getKeepPlace() {
      return keepPlace;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }
  }

  private Long loadedFor;
  private Integer number;
  private List<StateForm> rows = List.of();
  private List<WorkflowState> targets = List.of();

  /** The states with contacts on earlier versions; read again when another version is published. */
  public List<StateForm> getRows() {
    Workflow w = designer.getWorkflow();
    if (w == null || w.getPublishedVersionId() == null) {
      return List.of();
    }
    if (!Objects.equals(loadedFor, w.getPublishedVersionId())) {
      loadedFor = w.getPublishedVersionId();
      WorkflowVersion published =
          workflows.versions(w.getId()).stream()
              .filter(v -> v.getId().equals(loadedFor))
              .findFirst()
              .orElseThrow();
      number = published.getNumber();
      targets = published.definition().states();
      rows = List.of();
      read(Map.of());
    }
    return rows;
  }

  /** The counts again for the targets as chosen. */
  public void preview() {
    read(mapping());
  }

  /** Moves the contacts as chosen; says how many moved. */
  public void apply() {
    try {
      int moved = workflows.migrate(designer.getId(), mapping());
      Feedback.info(Messages.get(locale(), "workflow.migration.done", moved, number));
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    rows = List.of();
    read(Map.of());
    designer.refreshCounts();
  }

  private Map<String, String> mapping() {
    Map<String, String> m = new HashMap<>();
    for (StateForm r : rows) {
      m.put(r.state, STAY.equals(r.target) || r.target == null ? null : r.target);
    }
    return m;
  }

  private void read(Map<String, String> mapping) {
    Map<String, String> chosen = new HashMap<>();
    rows.forEach(r -> chosen.put(r.state, r.target));
    Map<String, List<WorkflowMigration.Row>> byState = new LinkedHashMap<>();
    for (WorkflowMigration.Row r : workflows.migrationPreview(designer.getId(), mapping)) {
      byState.computeIfAbsent(r.state(), k -> new ArrayList<>()).add(r);
    }
    List<StateForm> read = new ArrayList<>();
    byState.forEach(
        (state, of) -> {
          TreeSet<Integer> numbers = new TreeSet<>();
          of.forEach(r -> numbers.add(r.number()));
          String target = of.get(0).target();
          StateForm f =
              new StateForm(
                  state,
                  String.join(", ", numbers.stream().map(String::valueOf).toList()),
                  chosen.getOrDefault(state, target == null ? STAY : target));
          of.forEach(
              r -> {
                f.contacts += r.contacts();
                f.keepPlace += r.keepPlace();
              });
          read.add(f);
        });
    rows = read;
  }

  /** The published version's states, where contacts can go. */
  public List<WorkflowState> getTargets() {
    return targets;
  }

  public String getApplyLabel() {
    return Messages.get(locale(), "workflow.migration.apply", number);
  }

  public Integer getNumber() {
    return number;
  }

  public long getContacts() {
    return getRows().stream().mapToLong(StateForm::getContacts).sum();
  }

  private Locale locale() {
    return localeView.getLocale();
  }
}
