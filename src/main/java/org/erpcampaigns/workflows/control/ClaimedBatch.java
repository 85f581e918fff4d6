package org.erpcampaigns.workflows.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.platform.control.Databases;

/**
 * The enrolments one engine batch has claimed, moved in memory and written back once: the steps of
 * a batch change positions round after round, and each change as its own UPDATE cost three non-HOT
 * updates (each writing every index of CM_ENROLMENT) per contact where one does. The timeline lines
 * of the batch are kept in the order they happen and inserted together at the end, in the same
 * transaction, so what is committed is still the whole batch or nothing.
 */
final class ClaimedBatch {
  /** Where one claimed contact stands; changed by the batch's steps, written by {@link #write}. */
  static final class Enrolment {
    final long id;
    final long workflowId;
    final String party;
    final LocalDateTime enrolledAt;

    /** Which pass of the contact through the workflow this is (1, 2, ... with re-entry). */
    final int entry;

    long versionId;
    String state;
    int step;
    String status;
    LocalDateTime due;
    String waitEvent;
    LocalDateTime waitSince;
    Integer waitSeconds;
    String thenState;
    String otherwiseState;
    String outcome;
    LocalDateTime stateSince;
    LocalDateTime endedAt;
    boolean changed;

    Enrolment(long id, long workflowId, String party, LocalDateTime enrolledAt, int entry) {
      this.id = id;
      this.workflowId = workflowId;
      this.party = party;
      this.enrolledAt = enrolledAt;
      this.entry = entry;
    }

    /** Enters {@code to} at its first step, due now, with no condition pending. */
    void enter(String to, LocalDateTime now) {
      state = to;
      step = 0;
      status = "ACTIVE";
      due = now;
      stateSince = now;
      waitEvent = null;
      waitSince = null;
      thenState = null;
      otherwiseState = null;
      changed = true;
    }

    void end(String outcome, LocalDateTime now) {
      status = "ENDED";
      this.outcome = outcome;
      endedAt = now;
      changed = true;
    }

    void next(LocalDateTime dueAt) {
      step++;
      if (dueAt != null) {
        due = dueAt;
      }
      changed = true;
    }

    void dueAt(LocalDateTime at) {
      due = at;
      changed = true;
    }
  }

  /** A line of a contact's timeline (CM_WORKFLOW_ACTIVITY), all of a batch at the same moment. */
  record Line(Enrolment e, String kind, String state, String step, String detail) {}

  private static final String COLUMNS =
      "e.ID, e.WORKFLOW_ID, e.PARTY_ID, e.ENROLLED_AT, e.VERSION_ID, e.STATE_KEY, e.STEP_INDEX,"
          + " e.STATUS, e.DUE_AT, e.WAIT_EVENT, e.WAIT_SINCE, e.WAIT_SECONDS, e.THEN_STATE,"
          + " e.OTHERWISE_STATE, e.OUTCOME, e.STATE_SINCE, e.ENDED_AT, e.ENTRY";

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final Map<Long, Enrolment> byId = new LinkedHashMap<>();
  private final List<Line> lines = new ArrayList<>();
  private final LocalDateTime now;

  private ClaimedBatch(LocalDateTime now) {
    this.now = now;
  }

  /**
   * Claims up to {@code limit} rows of {@code where} (a condition on {@code e} with {@code
   * parameters}), skipping rows another batch holds, and reads them whole in the same statement.
   */
  static ClaimedBatch claim(
      Connection c, String where, int limit, LocalDateTime now, Object... parameters)
      throws SQLException {
    ClaimedBatch batch = new ClaimedBatch(now);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM CM_ENROLMENT e WHERE "
                + where
                + " LIMIT ? FOR UPDATE"
                + " SKIP LOCKED")) {
      int i = 1;
      for (Object p : parameters) {
        ps.setObject(i++, p);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Enrolment e =
              new Enrolment(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getObject(4, LocalDateTime.class),
                  rs.getInt(18));
          e.versionId = rs.getLong(5);
          e.state = rs.getString(6);
          e.step = rs.getInt(7);
          e.status = rs.getString(8);
          e.due = rs.getObject(9, LocalDateTime.class);
          e.waitEvent = rs.getString(10);
          e.waitSince = rs.getObject(11, LocalDateTime.class);
          int seconds = rs.getInt(12);
          e.waitSeconds = rs.wasNull() ? null : seconds;
          e.thenState = rs.getString(13);
          e.otherwiseState = rs.getString(14);
          e.outcome = rs.getString(15);
          e.stateSince = rs.getObject(16, LocalDateTime.class);
          e.endedAt = rs.getObject(17, LocalDateTime.class);
          batch.byId.put(e.id, e);
        }
      }
    }
    // id order, as the set-based statements before this class took their groups
    List<Enrolment> sorted = new ArrayList<>(batch.byId.values());
    sorted.sort((a, b) -> Long.compare(a.id, b.id));
    batch.byId.clear();
    sorted.forEach(e -> batch.byId.put(e.id, e));
    return batch;
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  int size() {
    return byId.size();
  }

  LocalDateTime now() {
    return now;
  }

  Collection<Enrolment> enrolments() {
    return byId.values();
  }

  Enrolment get(long id) {
    return byId.get(id);
  }

  /** The batch's enrolments of these ids, in the batch's (id) order. */
  List<Enrolment> of(Collection<Long> ids) {
    java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
    List<Enrolment> es = new ArrayList<>(wanted.size());
    for (Enrolment e : byId.values()) {
      if (wanted.contains(e.id)) {
        es.add(e);
      }
    }
    return es;
  }

  /** The ids of these enrolments, as a parameter for {@code ID = ANY (?)}. */
  static Array ids(Connection c, Collection<Enrolment> es) throws SQLException {
    Object[] ids = new Object[es.size()];
    int i = 0;
    for (Enrolment e : es) {
      ids[i++] = e.id;
    }
    return c.createArrayOf("BIGINT", ids);
  }

  void line(Collection<Enrolment> es, String kind, String state, String step, String detail) {
    String d = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    for (Enrolment e : es) {
      lines.add(new Line(e, kind, state == null ? e.state : state, step, d));
    }
  }

  /** The changed positions in one statement, then the timeline in one more. */
  void write(Connection c) throws SQLException {
    List<Enrolment> changed = new ArrayList<>();
    for (Enrolment e : byId.values()) {
      if (e.changed) {
        changed.add(e);
      }
    }
    if (Databases.isPostgres(c)) {
      writePositionsPostgres(c, changed);
      writeLinesPostgres(c);
    } else {
      writePositionsBatched(c, changed);
      writeLinesBatched(c);
    }
    lines.clear();
    changed.forEach(e -> e.changed = false);
  }

  private static final String SET =
      " STATE_KEY = ?, STEP_INDEX = ?, STATUS = ?, DUE_AT = ?, STATE_SINCE = ?, WAIT_EVENT = ?,"
          + " WAIT_SINCE = ?, WAIT_SECONDS = ?, THEN_STATE = ?, OTHERWISE_STATE = ?, OUTCOME = ?,"
          + " ENDED_AT = ?";

  private static void writePositionsPostgres(Connection c, List<Enrolment> es) throws SQLException {
    if (es.isEmpty()) {
      return;
    }
    int n = es.size();
    Object[] id = new Object[n];
    Object[] state = new Object[n];
    Object[] step = new Object[n];
    Object[] status = new Object[n];
    Object[] due = new Object[n];
    Object[] since = new Object[n];
    Object[] event = new Object[n];
    Object[] waitSince = new Object[n];
    Object[] seconds = new Object[n];
    Object[] then = new Object[n];
    Object[] otherwise = new Object[n];
    Object[] outcome = new Object[n];
    Object[] ended = new Object[n];
    for (int i = 0; i < n; i++) {
      Enrolment e = es.get(i);
      id[i] = e.id;
      state[i] = e.state;
      step[i] = e.step;
      status[i] = e.status;
      due[i] = text(e.due);
      since[i] = text(e.stateSince);
      event[i] = e.waitEvent;
      waitSince[i] = text(e.waitSince);
      seconds[i] = e.waitSeconds;
      then[i] = e.thenState;
      otherwise[i] = e.otherwiseState;
      outcome[i] = e.outcome;
      ended[i] = text(e.endedAt);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT e SET STATE_KEY = v.STATE_KEY, STEP_INDEX = v.STEP_INDEX,"
                + " STATUS = v.STATUS, DUE_AT = CAST(v.DUE_AT AS TIMESTAMP),"
                + " STATE_SINCE = CAST(v.STATE_SINCE AS TIMESTAMP), WAIT_EVENT = v.WAIT_EVENT,"
                + " WAIT_SINCE = CAST(v.WAIT_SINCE AS TIMESTAMP), WAIT_SECONDS = v.WAIT_SECONDS,"
                + " THEN_STATE = v.THEN_STATE, OTHERWISE_STATE = v.OTHERWISE_STATE,"
                + " OUTCOME = v.OUTCOME, ENDED_AT = CAST(v.ENDED_AT AS TIMESTAMP)"
                + " FROM UNNEST(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS v(ID, STATE_KEY,"
                + " STEP_INDEX, STATUS, DUE_AT, STATE_SINCE, WAIT_EVENT, WAIT_SINCE, WAIT_SECONDS,"
                + " THEN_STATE, OTHERWISE_STATE, OUTCOME, ENDED_AT) WHERE e.ID = v.ID")) {
      ps.setArray(1, c.createArrayOf("BIGINT", id));
      ps.setArray(2, c.createArrayOf("VARCHAR", state));
      ps.setArray(3, c.createArrayOf("INTEGER", step));
      ps.setArray(4, c.createArrayOf("VARCHAR", status));
      ps.setArray(5, c.createArrayOf("VARCHAR", due));
      ps.setArray(6, c.createArrayOf("VARCHAR", since));
      ps.setArray(7, c.createArrayOf("VARCHAR", event));
      ps.setArray(8, c.createArrayOf("VARCHAR", waitSince));
      ps.setArray(9, c.createArrayOf("INTEGER", seconds));
      ps.setArray(10, c.createArrayOf("VARCHAR", then));
      ps.setArray(11, c.createArrayOf("VARCHAR", otherwise));
      ps.setArray(12, c.createArrayOf("VARCHAR", outcome));
      ps.setArray(13, c.createArrayOf("VARCHAR", ended));
      ps.executeUpdate();
    }
  }

  private static void writePositionsBatched(Connection c, List<Enrolment> es) throws SQLException {
    if (es.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_ENROLMENT SET" + SET + " WHERE ID = ?")) {
      for (Enrolment e : es) {
        ps.setString(1, e.state);
        ps.setInt(2, e.step);
        ps.setString(3, e.status);
        ps.setObject(4, e.due);
        ps.setObject(5, e.stateSince);
        ps.setString(6, e.waitEvent);
        ps.setObject(7, e.waitSince);
        ps.setObject(8, e.waitSeconds);
        ps.setString(9, e.thenState);
        ps.setString(10, e.otherwiseState);
        ps.setString(11, e.outcome);
        ps.setObject(12, e.endedAt);
        ps.setLong(13, e.id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeLinesPostgres(Connection c) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    int n = lines.size();
    Object[] workflow = new Object[n];
    Object[] enrolment = new Object[n];
    Object[] party = new Object[n];
    Object[] kind = new Object[n];
    Object[] state = new Object[n];
    Object[] step = new Object[n];
    Object[] detail = new Object[n];
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      workflow[i] = l.e().workflowId;
      enrolment[i] = l.e().id;
      party[i] = l.e().party;
      kind[i] = l.kind();
      state[i] = l.state();
      step[i] = l.step();
      detail[i] = l.detail();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, STEP_KEY, DETAIL, OCCURRED_AT)"
                + " SELECT nextval('CM_WORKFLOW_ACTIVITY_SEQ'), v.W, v.E, v.P, v.K, v.S, v.T,"
                + " v.D, ? FROM UNNEST(?, ?, ?, ?, ?, ?, ?) WITH ORDINALITY"
                + " AS v(W, E, P, K, S, T, D, N) ORDER BY v.N")) {
      ps.setObject(1, now);
      ps.setArray(2, c.createArrayOf("BIGINT", workflow));
      ps.setArray(3, c.createArrayOf("BIGINT", enrolment));
      ps.setArray(4, c.createArrayOf("VARCHAR", party));
      ps.setArray(5, c.createArrayOf("VARCHAR", kind));
      ps.setArray(6, c.createArrayOf("VARCHAR", state));
      ps.setArray(7, c.createArrayOf("VARCHAR", step));
      ps.setArray(8, c.createArrayOf("VARCHAR", detail));
      ps.executeUpdate();
    }
  }

  private void writeLinesBatched(Connection c) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, STEP_KEY, DETAIL, OCCURRED_AT)"
                + " VALUES (nextval('CM_WORKFLOW_ACTIVITY_SEQ'), ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Line l : lines) {
        ps.setLong(1, l.e().workflowId);
        ps.setLong(2, l.e().id);
        ps.setString(3, l.e().party);
        ps.setString(4, l.kind());
        ps.setString(5, l.state());
        ps.setString(6, l.step());
        ps.setString(7, l.detail());
        ps.setObject(8, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String text(LocalDateTime t) {
    return t == null ? null : t.format(SQL_TIMESTAMP);
  }
}
