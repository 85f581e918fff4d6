package org.erpcampaigns.workflows.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;

/**
 * Moves the contacts of a workflow's earlier versions onto a later one, state by state as the user
 * maps them (shared/DESIGN.md §6): publishing never moves anybody, a migration does, and {@link
 * #preview} shows what it would do, with counts, before {@link #migrate} does it.
 *
 * <p>A contact keeps its place when the state it is mapped to holds the step it stands on (the same
 * key): it stays at that step, with its due time, and a condition it waits for takes the new
 * version's event, ways and period (counted from when the wait began). Otherwise it starts the
 * mapped state from its first step, due at once. Steps already done are not done twice: an email
 * step of the same key and template shares one mailing across versions, and a task is keyed by its
 * step's key. Set-based: one UPDATE per (version, state, step, status) group, never per contact.
 */
public final class WorkflowMigration {

  /** One group of contacts of an earlier version: where they stand and how many they are. */
  record Place(
      long versionId, String state, int step, String status, String pausedStatus, long contacts) {
    /** Whether it waits for a condition (or did, when it was held). */
    boolean waiting() {
      return "WAITING".equals(status) || "WAITING".equals(pausedStatus);
    }
  }

  /**
   * What a migration does to the contacts of one state of one earlier version.
   *
   * @param target the state they go to in the new version (the user's choice, or the state of the
   *     same key; null: there is none, they stay unless mapped)
   * @param keepPlace how many keep the step they stand on; the others start {@code target} again
   */
  public record Row(
      long versionId, int number, String state, long contacts, String target, long keepPlace) {}

  private final long workflowId;
  private final Map<Long, Integer> numbers;
  private final Map<Long, WorkflowDefinition> definitions;
  private final long toVersionId;
  private final WorkflowDefinition to;

  /**
   * @param definitions the workflow's versions by id, the new one among them
   * @param numbers their numbers (1, 2, ...) by id
   */
  public WorkflowMigration(
      long workflowId,
      Map<Long, WorkflowDefinition> definitions,
      Map<Long, Integer> numbers,
      long toVersionId) {
    this.workflowId = workflowId;
    this.definitions = definitions;
    this.numbers = numbers;
    this.toVersionId = toVersionId;
    this.to = definitions.get(toVersionId);
    if (to == null) {
      throw new IllegalArgumentException("no version " + toVersionId);
    }
  }

  /**
   * Per state of every other version with contacts inside (not ended): how many, where they would
   * go ({@code mapping}, else the state of the same key in the new version) and how many keep their
   * place there.
   */
  public List<Row> preview(Connection c, Map<String, String> mapping) throws SQLException {
    // the target depends on the state alone: one row per version and state
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Place p : places(c)) {
      String target = target(p.state(), mapping);
      long keep = target != null && newStep(p, target).isPresent() ? p.contacts() : 0;
      rows.merge(
          p.versionId() + ":" + p.state(),
          new Row(
              p.versionId(),
              numbers.getOrDefault(p.versionId(), 0),
              p.state(),
              p.contacts(),
              target,
              keep),
          (a, b) ->
              new Row(
                  a.versionId(),
                  a.number(),
                  a.state(),
                  a.contacts() + b.contacts(),
                  a.target(),
                  a.keepPlace() + b.keepPlace()));
    }
    return new ArrayList<>(rows.values());
  }

  /**
   * Moves the contacts of the other versions' mapped states to the new version. {@code mapping}
   * takes a state key to a state of the new version; states it does not name go to the state of the
   * same key, if the new version has one; the others stay. Each contact moved gets a MANUAL line in
   * its timeline with {@code actor}. A contact a running batch is working on is moved after it, if
   * it still stands where it stood; else it stays, and a second migration takes it. Returns how
   * many moved.
   *
   * @throws IllegalArgumentException naming a target state the new version does not have
   */
  public int migrate(Connection c, Map<String, String> mapping, String actor, LocalDateTime now)
      throws SQLException {
    for (String target : mapping.values()) {
      if (target != null && to.state(target).isEmpty()) {
        throw new IllegalArgumentException(target);
      }
    }
    int moved = 0;
    for (Place p : places(c)) {
      String target = target(p.state(), mapping);
      if (target != null) {
        moved += move(c, p, target, actor, now);
      }
    }
    return moved;
  }

  private String target(String state, Map<String, String> mapping) {
    if (mapping.containsKey(state)) {
      return mapping.get(state);
    }
    return to.state(state).isPresent() ? state : null;
  }

  /** The index of the step a contact of {@code p} stands on, in {@code target}, if it is there. */
  private OptionalInt newStep(Place p, String target) {
    Step step = oldStep(p);
    return step == null ? OptionalInt.empty() : to.stepIndex(target, step.key());
  }

  private Step oldStep(Place p) {
    WorkflowDefinition from = definitions.get(p.versionId());
    List<Step> steps =
        from == null
            ? List.of()
            : from.state(p.state()).map(WorkflowState::steps).orElse(List.of());
    return p.step() < steps.size() ? steps.get(p.step()) : null;
  }

  private List<Place> places(Connection c) throws SQLException {
    List<Place> places = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT VERSION_ID, STATE_KEY, STEP_INDEX, STATUS, PAUSED_STATUS, COUNT(*)"
                + " FROM CM_ENROLMENT WHERE WORKFLOW_ID = ? AND VERSION_ID <> ?"
                + " AND STATUS <> 'ENDED'"
                + " GROUP BY VERSION_ID, STATE_KEY, STEP_INDEX, STATUS, PAUSED_STATUS"
                + " ORDER BY VERSION_ID, STATE_KEY, STEP_INDEX, STATUS, PAUSED_STATUS")) {
      ps.setLong(1, workflowId);
      ps.setLong(2, toVersionId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          places.add(
              new Place(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getLong(6)));
        }
      }
    }
    return places;
  }

  private int move(Connection c, Place p, String target, String actor, LocalDateTime now)
      throws SQLException {
    OptionalInt index = newStep(p, target);
    Step oldStep = oldStep(p);
    Step newStep =
        index.isPresent() ? to.state(target).orElseThrow().steps().get(index.getAsInt()) : null;
    boolean waiting = p.waiting();
    boolean keep = newStep != null && (!waiting || newStep.kind() == StepKind.WAIT_FOR);
    String how =
        "migrated from version "
            + numbers.getOrDefault(p.versionId(), 0)
            + " state "
            + p.state()
            + " to version "
            + numbers.getOrDefault(toVersionId, 0)
            + (keep ? ", keeps its place" : ", starts the state");
    String where =
        " WHERE WORKFLOW_ID = ? AND VERSION_ID = ? AND STATE_KEY = ? AND STEP_INDEX = ?"
            + " AND STATUS = ? AND COALESCE(PAUSED_STATUS, '-') = ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), WORKFLOW_ID, ID, PARTY_ID, 'MANUAL', ?, ?,"
                + " ?, ? FROM CM_ENROLMENT"
                + where)) {
      ps.setString(1, target);
      ps.setString(2, how);
      ps.setString(3, actor);
      ps.setObject(4, now);
      bind(ps, 5, p);
      ps.executeUpdate();
    }
    List<Object> values = new ArrayList<>(List.of(toVersionId, target));
    String set;
    if (keep && waiting) {
      // the condition of the new version, its period counted from when the wait began
      long shift = seconds(newStep.period()) - seconds(oldStep.period());
      set =
          "STEP_INDEX = ?, WAIT_EVENT = ?, THEN_STATE = ?, OTHERWISE_STATE = ?,"
              + " DUE_AT = DUE_AT + CAST(? AS INTEGER) * INTERVAL '1' SECOND,"
              + " WAIT_SECONDS = CASE WHEN WAIT_SECONDS IS NULL THEN NULL ELSE ? END";
      values.addAll(
          List.of(
              index.getAsInt(),
              newStep.event().name(),
              newStep.then(),
              newStep.otherwise(),
              shift,
              (int) seconds(newStep.period())));
    } else if (keep) {
      set = "STEP_INDEX = ?";
      values.add(index.getAsInt());
    } else {
      // held contacts stay held, at the state's start
      boolean held = "PAUSED".equals(p.status());
      set =
          (held
                  ? "STATUS = 'PAUSED', PAUSED_STATUS = 'ACTIVE'"
                  : "STATUS = 'ACTIVE', PAUSED_STATUS = NULL")
              + ", STEP_INDEX = 0, DUE_AT = ?, STATE_SINCE = ?, WAIT_EVENT = NULL,"
              + " WAIT_SINCE = NULL, THEN_STATE = NULL, OTHERWISE_STATE = NULL";
      values.add(now);
      values.add(now);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT SET VERSION_ID = ?, STATE_KEY = ?, " + set + where)) {
      int i = 1;
      for (Object v : values) {
        ps.setObject(i++, v);
      }
      bind(ps, i, p);
      return ps.executeUpdate();
    }
  }

  private static long seconds(Duration d) {
    return d == null ? 0 : d.getSeconds();
  }

  private void bind(PreparedStatement ps, int from, Place p) throws SQLException {
    ps.setLong(from, workflowId);
    ps.setLong(from + 1, p.versionId());
    ps.setString(from + 2, p.state());
    ps.setInt(from + 3, p.step());
    ps.setString(from + 4, p.status());
    ps.setString(from + 5, p.pausedStatus() == null ? "-" : p.pausedStatus());
  }
}
