package org.erpcampaigns.workflows.control;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.zip.CRC32;
import org.erpcampaigns.workflows.control.ClaimedBatch.Enrolment;
import org.erpcampaigns.workflows.entity.ConditionEvent;
import org.erpcampaigns.workflows.entity.SendWindow;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;

/**
 * Moves contacts through their workflows (shared/DESIGN.md §5, §6). Every position is a row of
 * CM_ENROLMENT with a due time. {@link #advance} claims due rows ({@code FOR UPDATE SKIP LOCKED},
 * so instances never share one) and runs their steps set-based: the contacts of a batch that stand
 * on the same step are one group, each step is one statement (or one call of an {@link Effects})
 * for the whole group, and the loop goes on until every contact of the batch waits, waits for an
 * event or has left. All of it happens in the caller's transaction together with the position
 * updates, so a crash or a second instance never does a step twice or skips it: what is committed
 * is done, what is rolled back is claimed again.
 *
 * <p>A timed condition ("opened within 3 days, otherwise ...") is a WAITING row due at the end of
 * its period. {@link #scanEvents} matches new events of the workflow's own emails against waiting
 * contacts (a watermark over the event table, with the previous window read again, as event ids are
 * handed out in blocks and may commit out of order); at the due time {@link #advance} looks for the
 * event once more before taking "otherwise", so a late event still counts. Orders are read from the
 * ERP's order view the same way.
 */
public final class WorkflowEngine {
  private static final Logger LOG = Logger.getLogger(WorkflowEngine.class.getName());

  /** The rounds of steps one batch may take: validation refuses loops without a wait. */
  private static final int MAX_ROUNDS = 1000;

  /** The workflows that run: active, of an active campaign (a paused campaign pauses them). */
  private static final String RUNNING =
      "SELECT w.ID FROM CM_WORKFLOW w WHERE w.STATUS = 'ACTIVE' AND w.CAMPAIGN_ID IN"
          + " (SELECT k.ID FROM CM_CAMPAIGN k WHERE k.STATUS = 'ACTIVE')";

  /** An order in the ERP (view %1$s) placed since %2$s. */
  private static final String ORDER_SINCE =
      "EXISTS (SELECT 1 FROM %1$s v WHERE v.CONTACT_ID = e.PARTY_ID AND v.STATUS <> 'CANCELLED'"
          + " AND v.ORDER_DATE >= %2$s)";

  /**
   * A person's event of type %1$s since %2$s on one of the workflow's own emails (%3$s: a condition
   * on {@code ev.MAILING_ID}).
   */
  private static final String EVENT_SINCE =
      "EXISTS (SELECT 1 FROM CM_EVENT ev WHERE ev.PARTY_ID = e.PARTY_ID AND ev.TYPE = %1$s"
          + " AND ev.OCCURRED_AT >= %2$s AND COALESCE(ev.ORIGIN, 'HUMAN') = 'HUMAN'"
          + " AND %3$s)";

  private static final String OF_ITS_WORKFLOW =
      "ev.MAILING_ID IN (SELECT m.ID FROM CM_MAILING m WHERE m.WORKFLOW_ID = e.WORKFLOW_ID)";

  private static final String WAITING_EVENT =
      String.format(EVENT_SINCE, "e.WAIT_EVENT", "e.WAIT_SINCE", OF_ITS_WORKFLOW);

  /**
   * What steps do outside the workflow's own tables, done by the capabilities that own them, in the
   * same transaction.
   */
  public record Effects(
      SendEmail sendEmail,
      ListChange addToList,
      ListChange removeFromList,
      CostRecorder recordCost,
      SegmentMatch matchSegment,
      CrmWriter crm) {
    /** Effects whose CRM updates all stay in the product's own table. */
    public Effects(
        SendEmail sendEmail,
        ListChange addToList,
        ListChange removeFromList,
        CostRecorder recordCost) {
      this(sendEmail, addToList, removeFromList, recordCost, null, CrmWriter.OWN_TABLE);
    }
  }

  /** The contacts among {@code parties} who match the segment now. */
  @FunctionalInterface
  public interface SegmentMatch {
    Set<String> matching(long segmentId, List<String> parties) throws SQLException;
  }

  /**
   * Copies an UPDATE_CRM step's rows of one kind (ROLE, CLASSIFICATION, COMMUNICATION) into the
   * ERP, where the configuration and the mapping allow it for that kind.
   */
  public interface CrmWriter {
    /** Writes nothing into the ERP: CM_CRM_UPDATE is the record of every update. */
    CrmWriter OWN_TABLE =
        new CrmWriter() {
          @Override
          public boolean toErp(String kind) {
            return false;
          }

          @Override
          public void write(String kind, String run) {
            throw new IllegalStateException("no ERP writes: " + kind);
          }
        };

    /** Whether updates of this kind go into the ERP. */
    boolean toErp(String kind);

    /** Copies the CM_CRM_UPDATE rows of this kind and run into the ERP. */
    void write(String kind, String run) throws SQLException;
  }

  /**
   * Enqueues an email step's message for these contacts, as the message of their {@code entry} into
   * the workflow (a second entry's email is a new message); returns those who have it.
   */
  @FunctionalInterface
  public interface SendEmail {
    Set<String> send(long mailingId, int entry, List<String> parties) throws SQLException;
  }

  @FunctionalInterface
  public interface ListChange {
    void apply(long listId, List<String> parties) throws SQLException;
  }

  @FunctionalInterface
  public interface CostRecorder {
    void record(long campaignId, BigDecimal amount, String description) throws SQLException;
  }

  private final Clock clock;
  private final Effects effects;
  private final String orderView;
  private final Duration orderScan;
  private final SendTimes sendTimes;

  /**
   * How often orders are read unless configured ({@code campaigns.workflows.order-scan-seconds}).
   */
  public static final Duration DEFAULT_ORDER_SCAN = Duration.ofSeconds(30);

  private final Map<Long, Version> versions = new ConcurrentHashMap<>();

  /** The mailing of each version's email step, by its step reference (published: never changes). */
  private final Map<String, Long> stepMailings = new ConcurrentHashMap<>();

  /**
   * @param orderView the mapping's order view (CONTACT_ID, ORDER_DATE, STATUS), for ORDERED
   */
  public WorkflowEngine(Clock clock, Effects effects, String orderView) {
    this(clock, effects, orderView, DEFAULT_ORDER_SCAN);
  }

  /**
   * @param orderScan how often the ERP's orders are read for ORDERED conditions and goals (each
   *     read is an EXISTS over every contact waiting for one: not at every 2 s event scan)
   */
  public WorkflowEngine(Clock clock, Effects effects, String orderView, Duration orderScan) {
    this(clock, effects, orderView, orderScan, SendTimes.UTC);
  }

  /**
   * @param sendTimes the contacts' time zones and the installation's holidays, for send windows
   */
  public WorkflowEngine(
      Clock clock, Effects effects, String orderView, Duration orderScan, SendTimes sendTimes) {
    this.clock = clock;
    this.effects = effects;
    this.orderView = orderView;
    this.orderScan = orderScan;
    this.sendTimes = sendTimes;
  }

  /** A published version: its definition, workflow and campaign (immutable, so cached). */
  record Version(
      long id, long workflowId, long campaignId, String createdBy, WorkflowDefinition d) {}

  LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
  }

  // enrolment

  /**
   * Enrols the list's members at the version's start state, due now, and returns how many: those
   * who were never in the workflow (in any version), as entry 1; and, when the workflow allows
   * re-entry, those who left it and joined the list again since, as their next entry. A contact
   * still inside (any status but ENDED) is never enrolled again.
   *
   * <p>"Joined again" is read from the enrolments, not from the list: a list refresh deletes and
   * inserts its members, so ADDED_AT is the refresh time for those who stayed too, and comparing it
   * with the end would enrol everyone who stayed again at every refresh. Instead each call first
   * marks the ended enrolments whose contact is not in the list now (LEFT_LIST_AT); a contact
   * enters again when all its enrolments ended and were seen out of the list since. Staying in the
   * list therefore never re-enrols anyone; leaving and coming back between two calls (30 s apart
   * for the late-joiner scan) is not seen.
   *
   * <p>The workflow's row is locked first: two instances (or START and the late-joiner scan)
   * enrolling at the same time take turns, and the second one's NOT EXISTS, a statement that begins
   * after the first committed, sees the first one's rows. So no contact is in the workflow twice at
   * once, on every database (a partial unique index would exist only on PostgreSQL).
   */
  public int enrol(Connection c, long versionId, long listId) throws SQLException {
    Version v = version(c, versionId);
    LocalDateTime now = now();
    boolean reEntry;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT RE_ENTRY FROM CM_WORKFLOW WHERE ID = ? FOR UPDATE")) {
      ps.setLong(1, v.workflowId());
      try (ResultSet rs = ps.executeQuery()) {
        reEntry = rs.next() && "Y".equals(rs.getString(1));
      }
    }
    if (reEntry) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_ENROLMENT SET LEFT_LIST_AT = ? WHERE WORKFLOW_ID = ?"
                  + " AND STATUS = 'ENDED' AND LEFT_LIST_AT IS NULL AND NOT EXISTS (SELECT 1"
                  + " FROM CM_LIST_MEMBER m WHERE m.LIST_ID = ?"
                  + " AND m.PARTY_ID = CM_ENROLMENT.PARTY_ID)")) {
        ps.setObject(1, now);
        ps.setLong(2, v.workflowId());
        ps.setLong(3, listId);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_ENROLMENT (ID, WORKFLOW_ID, VERSION_ID, PARTY_ID, STATE_KEY, STEP_INDEX,"
                + " STATUS, DUE_AT, ENROLLED_AT, STATE_SINCE, ENTRY)"
                + " SELECT nextval('CM_ENROLMENT_SEQ'), ?, ?, m.PARTY_ID, ?, 0, 'ACTIVE', ?, ?, ?, "
                + (reEntry
                    ? "(SELECT COALESCE(MAX(y.ENTRY), 0) + 1 FROM CM_ENROLMENT y"
                        + " WHERE y.WORKFLOW_ID = ? AND y.PARTY_ID = m.PARTY_ID)"
                    : "1")
                + " FROM CM_LIST_MEMBER m WHERE m.LIST_ID = ?"
                + " AND NOT EXISTS (SELECT 1 FROM CM_ENROLMENT x WHERE x.WORKFLOW_ID = ?"
                + " AND x.PARTY_ID = m.PARTY_ID"
                // inside, or not seen out of the list since it left: not again
                + (reEntry ? " AND (x.STATUS <> 'ENDED' OR x.LEFT_LIST_AT IS NULL)" : "")
                + ")")) {
      int i = 1;
      ps.setLong(i++, v.workflowId());
      ps.setLong(i++, v.id());
      ps.setString(i++, v.d().start());
      ps.setObject(i++, now);
      ps.setObject(i++, now);
      ps.setObject(i++, now);
      if (reEntry) {
        ps.setLong(i++, v.workflowId());
      }
      ps.setLong(i++, listId);
      ps.setLong(i, v.workflowId());
      return ps.executeUpdate();
    }
  }

  // advancing

  /**
   * Claims up to {@code limit} due contacts of running workflows and takes each as far as it goes
   * now. The batch's positions change in memory, round after round, and are written once at its end
   * with its timeline lines ({@link ClaimedBatch}), in the caller's transaction. Returns how many
   * were claimed (0: nothing is due).
   */
  public int advance(Connection c, int limit) throws SQLException {
    LocalDateTime now = now();
    ClaimedBatch batch =
        ClaimedBatch.claim(
            c,
            // no ORDER BY: over two statuses it sorts every due row for each batch (a million
            // when a large send's waits end together); the (STATUS, DUE_AT) index gives each
            // status's rows earliest first
            "e.STATUS IN ('ACTIVE', 'WAITING') AND e.DUE_AT <= ? AND e.WORKFLOW_ID IN ("
                + RUNNING
                + ")",
            limit,
            now,
            now);
    if (batch.isEmpty()) {
      return 0;
    }
    timeOut(c, batch);
    for (int round = 0; ; round++) {
      Map<Position, List<Enrolment>> groups = groups(batch);
      if (groups.isEmpty()) {
        break;
      }
      if (round >= MAX_ROUNDS) {
        LOG.warning(() -> "event=workflow-rounds-exceeded positions=" + groups.keySet());
        break;
      }
      for (Map.Entry<Position, List<Enrolment>> g : groups.entrySet()) {
        run(c, batch, g.getKey(), g.getValue());
      }
    }
    batch.write(c);
    return batch.size();
  }

  /** Where a group of a batch's contacts stands. */
  record Position(long versionId, String state, int step) {}

  /** The batch's contacts whose next step is due, grouped by where they stand, in id order. */
  private static Map<Position, List<Enrolment>> groups(ClaimedBatch batch) {
    Map<Position, List<Enrolment>> groups = new LinkedHashMap<>();
    for (Enrolment e : batch.enrolments()) {
      if ("ACTIVE".equals(e.status) && !e.due.isAfter(batch.now())) {
        groups
            .computeIfAbsent(new Position(e.versionId, e.state, e.step), k -> new ArrayList<>())
            .add(e);
      }
    }
    return groups;
  }

  private void run(Connection c, ClaimedBatch b, Position p, List<Enrolment> group)
      throws SQLException {
    Version v = version(c, p.versionId());
    LocalDateTime now = b.now();
    WorkflowState state = v.d().state(p.state()).orElse(null);
    if (state == null || p.step() >= state.steps().size()) {
      // a state without its way out (published definitions have one): the contact leaves
      end(b, group, p.state(), null, "COMPLETED");
      return;
    }
    Step step = state.steps().get(p.step());
    SendWindow window = step.windowIn(v.d().window());
    if (window != null && (step.kind() == StepKind.SEND_EMAIL || step.kind() == StepKind.GROUP)) {
      group = insideWindow(c, b, v, p.state(), step, window, group);
      if (group.isEmpty()) {
        return;
      }
    }
    switch (step.kind()) {
      case WAIT -> {
        LocalDateTime until =
            step.until() != null
                ? step.until()
                : step.period() != null ? now.plus(step.period()) : now;
        if (Boolean.TRUE.equals(step.untilWindow()) && window != null) {
          untilWindowOpens(c, b, group, p.state(), step, window, until);
        } else {
          b.line(group, "ACTION", p.state(), step.key(), "WAIT until " + until);
          group.forEach(e -> e.next(until));
        }
      }
      case WAIT_FOR -> waitFor(c, b, group, p.state(), step);
      case MOVE -> enter(b, group, p.state(), step.key(), step.target(), "MOVE");
      case SPLIT -> split(b, v, group, p.state(), step);
      case IF_SEGMENT -> segment(b, group, p.state(), step);
      case END -> end(b, group, p.state(), step.key(), outcome(step));
      case GROUP -> {
        for (Step inner : step.steps()) {
          act(c, b, v, group, p.state(), inner);
        }
        group.forEach(e -> e.next(null));
      }
      default -> {
        act(c, b, v, group, p.state(), step);
        group.forEach(e -> e.next(null));
      }
    }
  }

  /**
   * The contacts of a group for whom the window is open now; the others are held on the step until
   * its next opening in their time zone, with a line in their timeline.
   */
  private List<Enrolment> insideWindow(
      Connection c,
      ClaimedBatch b,
      Version v,
      String state,
      Step step,
      SendWindow window,
      List<Enrolment> group)
      throws SQLException {
    Instant at = b.now().toInstant(ZoneOffset.UTC);
    List<Enrolment> inside = new ArrayList<>(group);
    for (Map.Entry<ZoneId, List<Long>> z :
        sendTimes.byZone(c, ClaimedBatch.ids(c, group), window).entrySet()) {
      ZoneId zone = z.getKey();
      Optional<Instant> opens = sendTimes.nextOpening(window, at, zone);
      if (opens.isEmpty()) {
        // every day it could open is a holiday for years: a mistake, not a reason to never mail
        LOG.warning(
            () ->
                "event=send-window-never-opens workflow="
                    + v.workflowId()
                    + " step="
                    + step.key()
                    + " zone="
                    + zone);
        continue;
      }
      if (!opens.get().isAfter(at)) {
        continue;
      }
      List<Enrolment> held = b.of(z.getValue());
      inside.removeAll(held);
      String why = sendTimes.holiday(window, at, zone) ? "a holiday" : "outside the send window";
      b.line(
          held,
          "HELD",
          state,
          step.key(),
          "EMAIL held until " + local(opens.get(), zone) + ": " + why);
      LocalDateTime until = LocalDateTime.ofInstant(opens.get(), ZoneOffset.UTC);
      held.forEach(e -> e.dueAt(until));
    }
    return inside;
  }

  /** A WAIT that goes on after {@code until} until the window opens, in each contact's zone. */
  private void untilWindowOpens(
      Connection c,
      ClaimedBatch b,
      List<Enrolment> group,
      String state,
      Step step,
      SendWindow window,
      LocalDateTime until)
      throws SQLException {
    Instant from = until.toInstant(ZoneOffset.UTC);
    for (Map.Entry<ZoneId, List<Long>> z :
        sendTimes.byZone(c, ClaimedBatch.ids(c, group), window).entrySet()) {
      Instant opens = sendTimes.nextOpening(window, from, z.getKey()).orElse(from);
      List<Enrolment> zone = b.of(z.getValue());
      b.line(
          zone,
          "ACTION",
          state,
          step.key(),
          "WAIT until " + local(opens, z.getKey()) + ": the send window opens");
      LocalDateTime at = LocalDateTime.ofInstant(opens, ZoneOffset.UTC);
      zone.forEach(e -> e.next(at));
    }
  }

  /** "2026-12-07 09:00 Europe/Rome": the moment as the contact's clock shows it. */
  private static String local(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDateTime().format(MINUTES) + " " + zone.getId();
  }

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /**
   * A timed condition begins: the group waits for its event until the period's end; those for whom
   * it came already (a click right after the open that led here) take "then" at once.
   */
  private void waitFor(Connection c, ClaimedBatch b, List<Enrolment> group, String state, Step step)
      throws SQLException {
    LocalDateTime now = b.now();
    b.line(
        group,
        "WAITING",
        state,
        step.key(),
        step.event() + " within " + step.amount() + " " + step.unit());
    boolean ordered = step.event() == ConditionEvent.ORDERED;
    int seconds = (int) Math.min(Integer.MAX_VALUE, step.period().getSeconds());
    for (Enrolment e : group) {
      e.status = "WAITING";
      e.waitEvent = step.event().name();
      // engagement counts from the enrolment (the workflow's own emails); orders from now
      e.waitSince = ordered ? now : e.enrolledAt;
      e.due = now.plus(step.period());
      e.waitSeconds = seconds;
      e.thenState = step.then();
      e.otherwiseState = step.otherwise();
      e.changed = true;
    }
    Set<Long> came = cameAlready(c, group, step.event(), now);
    for (Enrolment e : group) {
      if (came.contains(e.id)) {
        condition(b, e, true);
      }
    }
  }

  /** Those of {@code group} for whom {@code event} came since their wait began. */
  private Set<Long> cameAlready(
      Connection c, List<Enrolment> group, ConditionEvent event, LocalDateTime now)
      throws SQLException {
    String condition;
    Object since;
    if (event == ConditionEvent.DECIDED || (event == ConditionEvent.ORDERED && orderView == null)) {
      return Set.of();
    } else if (event == ConditionEvent.ORDERED) {
      condition = String.format(ORDER_SINCE, orderView, "?");
      since = now;
    } else {
      condition = String.format(EVENT_SINCE, "?", "e.ENROLLED_AT", OF_ITS_WORKFLOW);
      since = event.eventType();
    }
    Set<Long> came = new java.util.HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.ID FROM CM_ENROLMENT e WHERE " + condition + " AND e.ID = ANY (?)")) {
      ps.setObject(1, since);
      ps.setArray(2, ClaimedBatch.ids(c, group));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          came.add(rs.getLong(1));
        }
      }
    }
    return came;
  }

  /** A waiting contact's condition is decided: "then" when its event came, else "otherwise". */
  private static void condition(ClaimedBatch b, Enrolment e, boolean met) {
    b.line(
        List.of(e),
        "CONDITION",
        e.state,
        null,
        e.waitEvent + (met ? ": yes" : ": no, period over"));
    e.enter(met ? e.thenState : e.otherwiseState, b.now());
  }

  /** An instant action for a group; its effects, and its line in each contact's timeline. */
  private void act(
      Connection c, ClaimedBatch b, Version v, List<Enrolment> group, String state, Step step)
      throws SQLException {
    LocalDateTime now = b.now();
    List<String> parties = new ArrayList<>(group.size());
    group.forEach(e -> parties.add(e.party));
    switch (step.kind()) {
      case SEND_EMAIL -> {
        long mailing = stepMailing(c, v, step);
        // one contact is in a group once (never twice inside a workflow); a group holds one entry
        // number mostly, the first entries of a list and a few second ones at most
        Map<Integer, List<String>> byEntry = new java.util.TreeMap<>();
        group.forEach(e -> byEntry.computeIfAbsent(e.entry, k -> new ArrayList<>()).add(e.party));
        Set<String> sent = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<String>> entry : byEntry.entrySet()) {
          sent.addAll(effects.sendEmail().send(mailing, entry.getKey(), entry.getValue()));
        }
        b.line(group, "ACTION", state, step.key(), "EMAIL mailing " + mailing);
        // the ACTION line says the step ran; these contacts may not be mailed (Sendability)
        b.line(
            group.stream().filter(e -> !sent.contains(e.party)).toList(),
            "SKIPPED",
            state,
            step.key(),
            "EMAIL not sent: may not be mailed");
      }
      case TASK -> {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO CM_WORKFLOW_TASK (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, STEP_KEY,"
                    + " KIND, TITLE, ASSIGNEE, DUE_AT, STATUS, CREATED_AT)"
                    + " SELECT nextval('CM_WORKFLOW_TASK_SEQ'), e.WORKFLOW_ID, e.ID, e.PARTY_ID, ?,"
                    + " ?, ?, ?, ?, 'OPEN', ? FROM CM_ENROLMENT e WHERE e.ID = ANY (?)"
                    + " AND NOT EXISTS (SELECT 1 FROM CM_WORKFLOW_TASK t"
                    + " WHERE t.ENROLMENT_ID = e.ID AND t.STEP_KEY = ?)")) {
          // the step's key, the same in every version: a contact migrated to another version
          // and back to this step's state gets no second task
          String key = step.key();
          ps.setString(1, key);
          ps.setString(2, step.taskKind() == null ? "TASK" : step.taskKind());
          ps.setString(3, step.title());
          ps.setString(4, step.assignee() == null ? v.createdBy() : step.assignee());
          ps.setObject(
              5, now.plus(Duration.ofDays(step.dueInDays() == null ? 1 : step.dueInDays())));
          ps.setObject(6, now);
          ps.setArray(7, ClaimedBatch.ids(c, group));
          ps.setString(8, key);
          ps.executeUpdate();
        }
        b.line(group, "ACTION", state, step.key(), "TASK " + step.title());
      }
      case RECORD_COST -> {
        if (Boolean.TRUE.equals(step.perContact())) {
          effects
              .recordCost()
              .record(
                  v.campaignId(),
                  step.cost().multiply(BigDecimal.valueOf(group.size())),
                  costText(v, step, group.size()));
          b.line(group, "ACTION", state, step.key(), "COST " + step.cost());
        } else if (firstTime(c, v, step, now)) {
          effects.recordCost().record(v.campaignId(), step.cost(), costText(v, step, 0));
        }
      }
      case ADD_TO_LIST -> {
        effects.addToList().apply(step.listId(), parties);
        b.line(group, "ACTION", state, step.key(), "LIST + " + step.listId());
      }
      case REMOVE_FROM_LIST -> {
        effects.removeFromList().apply(step.listId(), parties);
        b.line(group, "ACTION", state, step.key(), "LIST - " + step.listId());
      }
      case UPDATE_CRM -> updateCrm(c, b, v, group, state, step);
      case NOTIFY -> notifyOwner(c, b, v, group, state, step);
      default -> throw new IllegalStateException("not an instant action: " + step.kind());
    }
  }

  /**
   * An UPDATE_CRM for a group: one row per part (role, classification, tag, communication event)
   * and contact in CM_CRM_UPDATE, only for those who have none for this step key (the same in every
   * version, so a contact back in the state gets no second update); the new rows of each kind that
   * goes into the ERP are then copied there by one statement, in the same transaction.
   */
  private void updateCrm(
      Connection c, ClaimedBatch b, Version v, List<Enrolment> group, String state, Step step)
      throws SQLException {
    Step.CrmUpdate u = step.crm();
    LocalDateTime now = b.now();
    Array ids = ClaimedBatch.ids(c, group);
    String run = java.util.UUID.randomUUID().toString();
    List<String> done = new ArrayList<>();
    crmPart(c, v, ids, step, run, "ROLE", u.roleTypeId(), null, null, now, done);
    crmPart(
        c, v, ids, step, run, "CLASSIFICATION", u.classificationGroupId(), null, null, now, done);
    crmPart(c, v, ids, step, run, "TAG", u.tag(), null, null, now, done);
    if (u.communication()) {
      crmPart(c, v, ids, step, run, "COMMUNICATION", null, u.subject(), u.note(), now, done);
    }
    // a line for the contacts recorded now; those recorded before (the state again) get none
    List<Long> recorded = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT DISTINCT ENROLMENT_ID FROM CM_CRM_UPDATE WHERE RUN_ID = ?")) {
      ps.setString(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          recorded.add(rs.getLong(1));
        }
      }
    }
    b.line(b.of(recorded), "ACTION", state, step.key(), "CRM " + String.join(", ", done));
  }

  private void crmPart(
      Connection c,
      Version v,
      Array ids,
      Step step,
      String run,
      String kind,
      String value,
      String subject,
      String note,
      LocalDateTime now,
      List<String> done)
      throws SQLException {
    if (value == null && !"COMMUNICATION".equals(kind)) {
      return;
    }
    boolean erp = !"TAG".equals(kind) && effects.crm().toErp(kind);
    int recorded;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_CRM_UPDATE (ID, RUN_ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, STEP_KEY,"
                + " KIND, CODE, SUBJECT, NOTE, WRITTEN_TO, CREATED_AT)"
                + " SELECT nextval('CM_CRM_UPDATE_SEQ'), ?, ?, e.ID, e.PARTY_ID, ?, ?, ?, ?, ?, ?, ?"
                + " FROM CM_ENROLMENT e WHERE e.ID = ANY (?) AND NOT EXISTS (SELECT 1"
                + " FROM CM_CRM_UPDATE x WHERE x.ENROLMENT_ID = e.ID AND x.STEP_KEY = ?"
                + " AND x.KIND = ?)")) {
      ps.setString(1, run);
      ps.setLong(2, v.workflowId());
      ps.setString(3, step.key());
      ps.setString(4, kind);
      ps.setString(5, value);
      ps.setString(6, subject);
      ps.setString(7, note);
      ps.setString(8, erp ? "ERP" : "OWN");
      ps.setObject(9, now);
      ps.setArray(10, ids);
      ps.setString(11, step.key());
      ps.setString(12, kind);
      recorded = ps.executeUpdate();
    }
    if (erp && recorded > 0) {
      effects.crm().write(kind, run);
    }
    done.add(
        kind.toLowerCase(java.util.Locale.ROOT)
            + (value == null ? "" : " " + value)
            + (erp ? " (ERP)" : ""));
  }

  /**
   * A NOTIFY for a group: one notice listing the contacts that reached the step and were in no
   * notice of it before (each contact and step key once); the notice timer mails it, outside this
   * transaction, so a slow relay never holds the engine.
   */
  private void notifyOwner(
      Connection c, ClaimedBatch b, Version v, List<Enrolment> group, String state, Step step)
      throws SQLException {
    LocalDateTime now = b.now();
    long notice;
    try (PreparedStatement ps = c.prepareStatement("SELECT nextval('CM_WORKFLOW_NOTICE_SEQ')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      notice = rs.getLong(1);
    }
    Step.Notice n = step.notice();
    String recipient = n == null || n.recipient() == null ? v.createdBy() : n.recipient();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_NOTICE (ID, WORKFLOW_ID, STEP_KEY, RECIPIENT, SUBJECT,"
                + " CONTACTS, STATE, NEXT_AT, CREATED_AT) VALUES (?, ?, ?, ?, ?, 0, 'PENDING', ?, ?)")) {
      ps.setLong(1, notice);
      ps.setLong(2, v.workflowId());
      ps.setString(3, step.key());
      ps.setString(4, recipient);
      ps.setString(5, n == null ? null : n.subject());
      ps.setObject(6, now);
      ps.setObject(7, now);
      ps.executeUpdate();
    }
    int listed;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_NOTICE_CONTACT (NOTICE_ID, ENROLMENT_ID, STEP_KEY, PARTY_ID)"
                + " SELECT ?, e.ID, ?, e.PARTY_ID FROM CM_ENROLMENT e WHERE e.ID = ANY (?)"
                + " AND NOT EXISTS (SELECT 1 FROM CM_WORKFLOW_NOTICE_CONTACT x"
                + " WHERE x.ENROLMENT_ID = e.ID AND x.STEP_KEY = ?)")) {
      ps.setLong(1, notice);
      ps.setString(2, step.key());
      ps.setArray(3, ClaimedBatch.ids(c, group));
      ps.setString(4, step.key());
      listed = ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            listed == 0
                ? "DELETE FROM CM_WORKFLOW_NOTICE WHERE ID = ?"
                : "UPDATE CM_WORKFLOW_NOTICE SET CONTACTS = " + listed + " WHERE ID = ?")) {
      ps.setLong(1, notice);
      ps.executeUpdate();
    }
    b.line(group, "ACTION", state, step.key(), "NOTIFY " + recipient);
  }

  private static String costText(Version v, Step step, int contacts) {
    String what = step.name() == null ? step.key() : step.name();
    return contacts > 0
        ? "Workflow " + v.workflowId() + ": " + what + " (" + contacts + " x " + step.cost() + ")"
        : "Workflow " + v.workflowId() + ": " + what;
  }

  /** A once-only action of a step (a fixed cost): true the first time, for the whole workflow. */
  private static boolean firstTime(Connection c, Version v, Step step, LocalDateTime now)
      throws SQLException {
    // two batches (threads or instances) reaching the step together: the second waits for the
    // first's commit here, and its NOT EXISTS below then sees the first's line
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ID FROM CM_WORKFLOW WHERE ID = ? FOR UPDATE")) {
      ps.setLong(1, v.workflowId());
      ps.executeQuery().close();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, KIND, STEP_KEY, DETAIL, OCCURRED_AT)"
                + " SELECT nextval('CM_WORKFLOW_ACTIVITY_SEQ'), ?, 'ONCE', ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM CM_WORKFLOW_ACTIVITY a WHERE a.WORKFLOW_ID = ? AND a.KIND = 'ONCE'"
                + " AND a.STEP_KEY = ?)")) {
      ps.setLong(1, v.workflowId());
      ps.setString(2, step.key());
      ps.setString(3, "COST " + step.cost());
      ps.setObject(4, now);
      ps.setLong(5, v.workflowId());
      ps.setString(6, step.key());
      return ps.executeUpdate() == 1;
    }
  }

  private static void split(
      ClaimedBatch b, Version v, List<Enrolment> group, String state, Step step) {
    Map<String, List<Enrolment>> byState = new LinkedHashMap<>();
    for (Enrolment e : group) {
      byState
          .computeIfAbsent(
              branch(step, v.workflowId() + ":" + step.key() + ":" + e.party),
              k -> new ArrayList<>())
          .add(e);
    }
    byState.forEach((to, es) -> enter(b, es, state, step.key(), to, "SPLIT"));
  }

  /** An IF_SEGMENT: who matches the segment now goes to "then", the others to "otherwise". */
  private void segment(ClaimedBatch b, List<Enrolment> group, String state, Step step)
      throws SQLException {
    List<String> parties = new ArrayList<>(group.size());
    group.forEach(e -> parties.add(e.party));
    Set<String> matching = effects.matchSegment().matching(step.segmentId(), parties);
    List<Enrolment> yes = new ArrayList<>();
    List<Enrolment> no = new ArrayList<>();
    group.forEach(e -> (matching.contains(e.party) ? yes : no).add(e));
    for (boolean match : new boolean[] {true, false}) {
      List<Enrolment> es = match ? yes : no;
      if (!es.isEmpty()) {
        enter(
            b,
            es,
            state,
            step.key(),
            match ? step.then() : step.otherwise(),
            "SEGMENT " + step.segmentId() + (match ? ": yes," : ": no,"));
      }
    }
  }

  /** The branch of a SPLIT a contact takes: the same every time for the same contact and step. */
  static String branch(Step step, String seed) {
    CRC32 crc = new CRC32();
    crc.update(seed.getBytes(StandardCharsets.UTF_8));
    long bucket = crc.getValue() % 100;
    int upTo = 0;
    for (Step.Branch br : step.branches()) {
      upTo += br.percent();
      if (bucket < upTo) {
        return br.state();
      }
    }
    return step.branches().get(step.branches().size() - 1).state();
  }

  private static String outcome(Step step) {
    return step.outcome() == null ? "COMPLETED" : step.outcome();
  }

  /** The contacts enter a state (due now: its steps run in the same batch). */
  private static void enter(
      ClaimedBatch b, List<Enrolment> es, String from, String stepKey, String to, String how) {
    b.line(es, "ENTERED", to, stepKey, how + " from " + from);
    es.forEach(e -> e.enter(to, b.now()));
  }

  private static void end(
      ClaimedBatch b, List<Enrolment> es, String state, String stepKey, String outcome) {
    b.line(es, "ENDED", state, stepKey, outcome);
    es.forEach(e -> e.end(outcome, b.now()));
  }

  /** How long a condition whose email is still queued at its due time waits before a new look. */
  static final Duration UNSENT_RECHECK = Duration.ofMinutes(10);

  /**
   * The claimed contacts whose timed condition is due, decided by one read of the batch: those
   * whose event came after all (late, or missed by the scan) take "then". The period counts from
   * when the workflow's email before it was sent, not from when it was queued: a contact whose
   * email went out after the period began gets the send time plus the period as its due time, and
   * one whose email is still queued (a throttled send, a relay down) waits {@link #UNSENT_RECHECK}
   * more; an email that failed or was suppressed leaves the period as it was. The others take
   * "otherwise".
   */
  private void timeOut(Connection c, ClaimedBatch b) throws SQLException {
    LocalDateTime now = b.now();
    List<Enrolment> due = new ArrayList<>();
    for (Enrolment e : b.enrolments()) {
      if ("WAITING".equals(e.status) && !e.due.isAfter(now)) {
        due.add(e);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    String began = "e.DUE_AT - CAST(e.WAIT_SECONDS AS INTEGER) * INTERVAL '1' SECOND";
    String sql =
        "SELECT e.ID, CASE WHEN "
            + waitingMet(
                String.format(
                    EVENT_SINCE, "e.WAIT_EVENT", "e.WAIT_SINCE", "ev.MAILING_ID = ANY (?)"))
            // one look at the contact's emails of the workflow queued before the period began:
            // QUEUED (still to go) when one is, else when the last went out after it began. The
            // state is inside the aggregate: as a condition, with stale statistics, the planner
            // took the (mailing, state) index and read every sent row of the mailing for each
            // contact, where the (mailing, contact) key finds its one row.
            + " THEN 1 ELSE 0 END, CASE WHEN e.WAIT_SECONDS IS NOT NULL THEN (SELECT MAX(CASE"
            + " WHEN o.STATE IN ('PENDING', 'SENDING') THEN CAST(? AS TIMESTAMP)"
            + " WHEN o.STATE = 'SENT' AND o.SENT_AT > "
            + began
            + " THEN o.SENT_AT END) FROM CM_OUTBOX o WHERE o.PARTY_ID = e.PARTY_ID AND o.ENTRY = e.ENTRY"
            + " AND o.MAILING_ID = ANY (?) AND o.CREATED_AT <= "
            + began
            + ") END FROM CM_ENROLMENT e WHERE e.ID = ANY (?) ORDER BY e.ID";
    Map<Long, List<Enrolment>> byWorkflow = new LinkedHashMap<>();
    due.forEach(e -> byWorkflow.computeIfAbsent(e.workflowId, k -> new ArrayList<>()).add(e));
    for (Map.Entry<Long, List<Enrolment>> w : byWorkflow.entrySet()) {
      Array mailings = mailingsOf(c, w.getKey());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setArray(1, mailings);
        ps.setObject(2, QUEUED);
        ps.setArray(3, mailings);
        ps.setArray(4, ClaimedBatch.ids(c, w.getValue()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Enrolment e = b.get(rs.getLong(1));
            LocalDateTime sent = rs.getObject(3, LocalDateTime.class);
            if (rs.getInt(2) == 1) {
              condition(b, e, true);
            } else if (QUEUED.equals(sent)) {
              e.dueAt(now.plus(UNSENT_RECHECK));
            } else if (sent != null && sent.plusSeconds(e.waitSeconds).isAfter(now)) {
              e.dueAt(sent.plusSeconds(e.waitSeconds));
            } else {
              condition(b, e, false);
            }
          }
        }
      }
    }
  }

  /** Stands for "an email is still queued" among send times: later than any. */
  private static final LocalDateTime QUEUED = LocalDateTime.of(9999, 12, 31, 0, 0);

  /** The ids of a workflow's mailings (its email steps' and its ad-hoc sends'). */
  private static Array mailingsOf(Connection c, long workflowId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ID FROM CM_MAILING WHERE WORKFLOW_ID = ?")) {
      ps.setLong(1, workflowId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return c.createArrayOf("BIGINT", ids.toArray());
  }

  /** Whether the event a waiting row waits for came (its own columns say which, since when). */
  private String waitingMet() {
    return waitingMet(WAITING_EVENT);
  }

  private String waitingMet(String eventCame) {
    return "(CASE WHEN e.WAIT_EVENT = 'ORDERED' THEN "
        + (orderView == null ? "1 = 0" : String.format(ORDER_SINCE, orderView, "e.WAIT_SINCE"))
        // a decision is made by a person (Workflows.decide), never found here: at the
        // period's end, nobody deciding is a no
        + " WHEN e.WAIT_EVENT = 'DECIDED' THEN 1 = 0 ELSE "
        + eventCame
        + " END)";
  }

  /**
   * Waiting contacts among {@code ids} (not claimed by a batch: a release by hand) whose event came
   * take "then", due now.
   */
  private void thenIfCame(Connection c, Array ids, LocalDateTime now) throws SQLException {
    String which =
        " FROM CM_ENROLMENT e WHERE e.ID = ANY (?) AND e.STATUS = 'WAITING' AND " + waitingMet();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, DETAIL, OCCURRED_AT) SELECT nextval('CM_WORKFLOW_ACTIVITY_SEQ'),"
                + " e.WORKFLOW_ID, e.ID, e.PARTY_ID, 'CONDITION', e.STATE_KEY,"
                + " CONCAT(e.WAIT_EVENT, ': yes'), ?"
                + which)) {
      ps.setObject(1, now);
      ps.setArray(2, ids);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT SET STATE_KEY = THEN_STATE, STEP_INDEX = 0, STATUS = 'ACTIVE',"
                + " DUE_AT = ?, STATE_SINCE = ?, WAIT_EVENT = NULL, WAIT_SINCE = NULL,"
                + " THEN_STATE = NULL, OTHERWISE_STATE = NULL WHERE ID IN (SELECT e.ID"
                + which
                + ")")) {
      ps.setObject(1, now);
      ps.setObject(2, now);
      ps.setArray(3, ids);
      ps.executeUpdate();
    }
  }

  // holding contacts by hand

  /**
   * Holds these enrolments where they are: none of their steps runs and none of their conditions is
   * decided until {@link #release}; their due time is kept. The workflow's goal still takes them
   * out (a contact who ordered is converted, paused or not). Returns how many were held.
   */
  public int hold(Connection c, Array ids) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT SET PAUSED_STATUS = STATUS, STATUS = 'PAUSED'"
                + " WHERE ID = ANY (?) AND STATUS IN ('ACTIVE', 'WAITING')")) {
      ps.setArray(1, ids);
      return ps.executeUpdate();
    }
  }

  /**
   * Lets held enrolments go on where they were. A condition whose event came while the contact was
   * held takes "then" at once; waits and periods that ended meanwhile are due at the next tick.
   * Returns how many were released.
   */
  public int release(Connection c, Array ids) throws SQLException {
    int released;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT SET STATUS = COALESCE(PAUSED_STATUS, 'ACTIVE'),"
                + " PAUSED_STATUS = NULL WHERE ID = ANY (?) AND STATUS = 'PAUSED'")) {
      ps.setArray(1, ids);
      released = ps.executeUpdate();
    }
    thenIfCame(c, ids, now());
    return released;
  }

  // manual acts

  /**
   * Locks the enrolments of a workflow that a manual act is for: the given contacts, or (none
   * given) everyone in {@code state}, among those meeting {@code which} (a condition on {@code e}),
   * in id order. Returns their ids, or null when there are none.
   */
  public static Array chosen(
      Connection c, long workflowId, String which, List<String> parties, String state)
      throws SQLException {
    boolean some = parties != null && !parties.isEmpty();
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.ID FROM CM_ENROLMENT e WHERE e.WORKFLOW_ID = ? AND "
                + which
                + (some ? " AND e.PARTY_ID = ANY (?)" : " AND e.STATE_KEY = ?")
                + " ORDER BY e.ID FOR UPDATE")) {
      ps.setLong(1, workflowId);
      if (some) {
        ps.setArray(2, c.createArrayOf("VARCHAR", parties.toArray()));
      } else {
        ps.setString(2, state);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids.isEmpty() ? null : c.createArrayOf("BIGINT", ids.toArray());
  }

  // decisions by hand

  /**
   * A person's decision on contacts waiting for one (a DECIDED condition): yes takes "then", no
   * "otherwise", due at once; contacts among {@code ids} that wait for no decision (decided
   * already, timed out, moved) are left as they are. Each gets a CONDITION line with the actor.
   * Returns how many were decided.
   */
  public int decide(Connection c, Array ids, boolean yes, String actor) throws SQLException {
    LocalDateTime now = now();
    String which =
        " FROM CM_ENROLMENT e WHERE e.ID = ANY (?) AND e.STATUS = 'WAITING'"
            + " AND e.WAIT_EVENT = 'DECIDED'";
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), e.WORKFLOW_ID, e.ID, e.PARTY_ID,"
                + " 'CONDITION', e.STATE_KEY, ?, ?, ?"
                + which)) {
      ps.setString(1, yes ? "DECIDED: yes" : "DECIDED: no");
      ps.setString(2, actor);
      ps.setObject(3, now);
      ps.setArray(4, ids);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_ENROLMENT SET STATE_KEY = "
                + (yes ? "THEN_STATE" : "OTHERWISE_STATE")
                + ", STEP_INDEX = 0, STATUS = 'ACTIVE', DUE_AT = ?, STATE_SINCE = ?,"
                + " WAIT_EVENT = NULL, WAIT_SINCE = NULL, WAIT_SECONDS = NULL, THEN_STATE = NULL,"
                + " OTHERWISE_STATE = NULL WHERE ID IN (SELECT e.ID"
                + which
                + ")")) {
      ps.setObject(1, now);
      ps.setObject(2, now);
      ps.setArray(3, ids);
      return ps.executeUpdate();
    }
  }

  // events

  /**
   * Matches the events recorded since the last scan against the contacts waiting for them: a
   * waiting contact whose event came takes its condition's "then" state, due at once; a contact
   * whose workflow's goal event came leaves the workflow as converted. Skips when another instance
   * is scanning. Returns how many contacts moved.
   */
  public int scanEvents(Connection c) throws SQLException {
    long last;
    long previous;
    LocalDateTime ordersScannedAt;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT LAST_EVENT_ID, PREVIOUS_EVENT_ID, ORDERS_SCANNED_AT FROM"
                + " CM_WORKFLOW_WATERMARK WHERE ID = 1 FOR UPDATE SKIP LOCKED")) {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return 0; // another instance scans
        }
        last = rs.getLong(1);
        previous = rs.getLong(2);
        ordersScannedAt = rs.getObject(3, LocalDateTime.class);
      }
    }
    long high;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(ID), 0) FROM CM_EVENT");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      high = rs.getLong(1);
    }
    LocalDateTime now = now();
    int moved = 0;
    // the contacts with people's engagement in the window, read by the event ids: the waiting
    // and goal statements below look only at them (through the enrolments' party index), not at
    // every waiting contact (a million of them while a large send's reminders go out, with a
    // SENT and a DELIVERED event a message and no engagement at all)
    Array engaged = high > previous ? engaged(c, previous, high) : null;
    if (engaged != null) {
      String window =
          "e.PARTY_ID = ANY (?) AND EXISTS (SELECT 1 FROM CM_EVENT ev WHERE ev.ID > ? AND ev.ID <= ?"
              + " AND ev.PARTY_ID = e.PARTY_ID AND ev.TYPE = e.WAIT_EVENT"
              + " AND COALESCE(ev.ORIGIN, 'HUMAN') = 'HUMAN'"
              + " AND ev.OCCURRED_AT >= e.WAIT_SINCE AND ev.MAILING_ID IN (SELECT m.ID"
              + " FROM CM_MAILING m WHERE m.WORKFLOW_ID = e.WORKFLOW_ID))";
      moved += resolveWaiting(c, window, now, engaged, previous, high);
    }
    boolean orders =
        orderView != null
            && (ordersScannedAt == null || !ordersScannedAt.plus(orderScan).isAfter(now));
    moved += goals(c, now, previous, high, engaged, orders);
    if (orders) {
      moved += ordersSince(c, now);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_WORKFLOW_WATERMARK SET PREVIOUS_EVENT_ID = ?, LAST_EVENT_ID = ?,"
                + " SCANNED_AT = ?, ORDERS_SCANNED_AT = ? WHERE ID = 1")) {
      ps.setLong(1, last);
      ps.setLong(2, high);
      ps.setObject(3, now);
      ps.setObject(4, orders ? now : ordersScannedAt);
      ps.executeUpdate();
    }
    return moved;
  }

  /** The engagement a condition or a goal can wait for (CM_EVENT types). */
  private static final List<String> ENGAGEMENT =
      java.util.Arrays.stream(ConditionEvent.values())
          .map(ConditionEvent::eventType)
          .filter(java.util.Objects::nonNull)
          .toList();

  /** The contacts with people's engagement among the events (from, to], or null when none. */
  private static Array engaged(Connection c, long from, long to) throws SQLException {
    List<String> parties = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT PARTY_ID FROM CM_EVENT WHERE ID > ? AND ID <= ? AND TYPE = ANY (?)"
                + " AND COALESCE(ORIGIN, 'HUMAN') = 'HUMAN' AND PARTY_ID IS NOT NULL")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setArray(3, c.createArrayOf("VARCHAR", ENGAGEMENT.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parties.add(rs.getString(1));
        }
      }
    }
    return parties.isEmpty() ? null : c.createArrayOf("VARCHAR", parties.toArray());
  }

  /** ORDERED conditions, read from the ERP's order view for the contacts waiting for an order. */
  private int ordersSince(Connection c, LocalDateTime now) throws SQLException {
    if (orderView == null) {
      return 0;
    }
    return resolveWaiting(
        c,
        "e.WAIT_EVENT = 'ORDERED' AND " + String.format(ORDER_SINCE, orderView, "e.WAIT_SINCE"),
        now);
  }

  /** Waiting contacts (not claimed by a batch) that meet {@code condition} take "then". */
  private int resolveWaiting(Connection c, String condition, LocalDateTime now, Object... window)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.ID FROM CM_ENROLMENT e WHERE e.STATUS = 'WAITING' AND "
                + condition
                + " AND e.WORKFLOW_ID IN ("
                + RUNNING
                + ") FOR UPDATE SKIP LOCKED")) {
      for (int i = 0; i < window.length; i++) {
        ps.setObject(i + 1, window[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    for (int from = 0; from < ids.size(); from += 1000) {
      Array chunk =
          c.createArrayOf("BIGINT", ids.subList(from, Math.min(ids.size(), from + 1000)).toArray());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                  + " STATE_KEY, DETAIL, OCCURRED_AT) SELECT nextval('CM_WORKFLOW_ACTIVITY_SEQ'),"
                  + " e.WORKFLOW_ID, e.ID, e.PARTY_ID, 'CONDITION', e.STATE_KEY,"
                  + " CONCAT(e.WAIT_EVENT, ': yes'), ? FROM CM_ENROLMENT e WHERE e.ID = ANY (?)")) {
        ps.setObject(1, now);
        ps.setArray(2, chunk);
        ps.executeUpdate();
      }
      update(
          c,
          chunk,
          "STATE_KEY = THEN_STATE, STEP_INDEX = 0, STATUS = 'ACTIVE', DUE_AT = ?, STATE_SINCE = ?,"
              + " WAIT_EVENT = NULL, WAIT_SINCE = NULL, THEN_STATE = NULL, OTHERWISE_STATE = NULL",
          now,
          now);
    }
    return ids.size();
  }

  /** Contacts whose workflow's goal event came (in the window) leave it as converted. */
  private int goals(
      Connection c, LocalDateTime now, long from, long to, Array engaged, boolean orders)
      throws SQLException {
    int ended = 0;
    for (Version v : activeVersionsWithGoal(c)) {
      ConditionEvent goal = v.d().goal();
      boolean ordered = goal == ConditionEvent.ORDERED;
      if (ordered ? !orders : engaged == null) {
        continue;
      }
      String reached =
          ordered
              ? "EXISTS (SELECT 1 FROM "
                  + orderView
                  + " v WHERE v.CONTACT_ID = e.PARTY_ID AND v.STATUS <> 'CANCELLED'"
                  + " AND v.ORDER_DATE >= e.ENROLLED_AT)"
              : "e.PARTY_ID = ANY (?) AND EXISTS (SELECT 1 FROM CM_EVENT ev WHERE ev.ID > ?"
                  + " AND ev.ID <= ? AND ev.PARTY_ID = e.PARTY_ID AND ev.TYPE = ?"
                  + " AND ev.CAMPAIGN_ID = ?"
                  + " AND COALESCE(ev.ORIGIN, 'HUMAN') = 'HUMAN')";
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT e.ID FROM CM_ENROLMENT e WHERE e.VERSION_ID = ? AND e.STATUS <> 'ENDED' AND "
                  + reached
                  + " FOR UPDATE SKIP LOCKED")) {
        ps.setLong(1, v.id());
        if (!ordered) {
          ps.setArray(2, engaged);
          ps.setLong(3, from);
          ps.setLong(4, to);
          ps.setString(5, goal.eventType());
          ps.setLong(6, v.campaignId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      if (!ids.isEmpty()) {
        Array chunk = c.createArrayOf("BIGINT", ids.toArray());
        activity(c, v, chunk, "GOAL", null, null, goal.name(), now);
        update(c, chunk, "STATUS = 'ENDED', OUTCOME = 'CONVERTED', ENDED_AT = ?", now);
        ended += ids.size();
      }
    }
    return ended;
  }

  private List<Version> activeVersionsWithGoal(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                // the versions of running workflows (a handful), not a scan of their enrolments
                "SELECT v.ID FROM CM_WORKFLOW_VERSION v WHERE v.WORKFLOW_ID IN (" + RUNNING + ")");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    List<Version> result = new ArrayList<>();
    for (long id : ids) {
      Version v = version(c, id);
      if (v.d().goal() != null) {
        result.add(v);
      }
    }
    return result;
  }

  // helpers

  private static void update(Connection c, Array ids, String set, Object... values)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_ENROLMENT SET " + set + " WHERE ID = ANY (?)")) {
      int i = 1;
      for (Object value : values) {
        ps.setObject(i++, value);
      }
      ps.setArray(i, ids);
      ps.executeUpdate();
    }
  }

  private static void activity(
      Connection c,
      Version v,
      Array ids,
      String kind,
      String state,
      String step,
      String detail,
      LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                + " STATE_KEY, STEP_KEY, DETAIL, OCCURRED_AT)"
                + " SELECT nextval('CM_WORKFLOW_ACTIVITY_SEQ'), ?, e.ID, e.PARTY_ID, ?,"
                + " COALESCE(?, e.STATE_KEY), ?, ?, ? FROM CM_ENROLMENT e WHERE e.ID = ANY (?)")) {
      ps.setLong(1, v.workflowId());
      ps.setString(2, kind);
      ps.setString(3, state);
      ps.setString(4, step);
      ps.setString(
          5, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
      ps.setObject(6, now);
      ps.setArray(7, ids);
      ps.executeUpdate();
    }
  }

  /**
   * The mailing an email step of a version sends through (created when the version was published):
   * that of the first version of the workflow with the same email step (key and template), so that
   * a contact migrated to another version never gets the same email twice.
   */
  private long stepMailing(Connection c, Version v, Step step) throws SQLException {
    // by this version's own step: earlier versions never change, so neither does the answer
    Long cached = stepMailings.get(stepReference(v.id(), step.key()));
    if (cached != null) {
      return cached;
    }
    String reference = stepReference(emailVersion(c, v, step), step.key());
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ID FROM CM_MAILING WHERE WORKFLOW_STEP = ?")) {
      ps.setString(1, reference);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(
              "no mailing for step " + step.key() + " of workflow version " + v.id());
        }
        stepMailings.put(stepReference(v.id(), step.key()), rs.getLong(1));
        return rs.getLong(1);
      }
    }
  }

  /**
   * The first version of {@code v}'s workflow that sends {@code step}'s email ({@code v} at last).
   */
  private long emailVersion(Connection c, Version v, Step step) throws SQLException {
    List<Long> earlier = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ID FROM CM_WORKFLOW_VERSION WHERE WORKFLOW_ID = ? AND NUMBER <"
                + " (SELECT NUMBER FROM CM_WORKFLOW_VERSION WHERE ID = ?) ORDER BY NUMBER")) {
      ps.setLong(1, v.workflowId());
      ps.setLong(2, v.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          earlier.add(rs.getLong(1));
        }
      }
    }
    for (long id : earlier) {
      if (version(c, id).d().sendsSameEmail(step)) {
        return id;
      }
    }
    return v.id();
  }

  /** How a workflow version's email step names its mailing (CM_MAILING.WORKFLOW_STEP). */
  public static String stepReference(long versionId, String stepKey) {
    return versionId + ":" + stepKey;
  }

  Version version(Connection c, long versionId) throws SQLException {
    Version cached = versions.get(versionId);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.ID, v.WORKFLOW_ID, w.CAMPAIGN_ID, w.CREATED_BY, v.DEFINITION"
                + " FROM CM_WORKFLOW_VERSION v JOIN CM_WORKFLOW w ON w.ID = v.WORKFLOW_ID"
                + " WHERE v.ID = ?")) {
      ps.setLong(1, versionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no workflow version " + versionId);
        }
        Version v =
            new Version(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                WorkflowDefinition.parse(rs.getString(5)));
        versions.put(versionId, v);
        return v;
      }
    }
  }
}
