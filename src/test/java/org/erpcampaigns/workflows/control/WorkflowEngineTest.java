package org.erpcampaigns.workflows.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.erpcampaigns.contacts.control.CrmWrites;
import org.erpcampaigns.platform.control.Migrations;
import org.erpcampaigns.workflows.entity.ConditionEvent;
import org.erpcampaigns.workflows.entity.SendWindow;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.TimeUnit;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's decisions on the product's own schema (H2, PostgreSQL mode) with a clock the test
 * moves: emails once per contact and step, waits, timed conditions decided by the event or by the
 * period's end (also when the event came late), tasks, costs, splits, the goal, a paused workflow.
 */
class WorkflowEngineTest {
  static final Instant START = Instant.parse("2026-12-02T09:00:00Z");

  final AtomicLong millis = new AtomicLong(START.toEpochMilli());
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };

  Connection db;
  JdbcDataSource dataSource;
  final Map<Long, List<String>> sent = new TreeMap<>();
  final List<String> costs = new ArrayList<>();
  final Set<String> unmailable = new HashSet<>();

  /** The members of each segment, as the audiences capability would match them. */
  final Map<Long, Set<String>> segments = new TreeMap<>();

  final Map<Long, List<String>> added = new TreeMap<>();
  WorkflowEngine.Effects effects;
  WorkflowEngine cut;
  long version;
  static int databases;

  @BeforeEach
  void schema() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:workflow" + (databases++) + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    Migrations.campaignsSchema(ds);
    dataSource = ds;
    db = ds.getConnection();
    sql(
        "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
            + " STATUS, CREATED_BY, CREATED_AT) VALUES (1, 'Spring', 'MARKETING', 'B2C', 'marketer',"
            + " 'EUR', 'UTC', 'ACTIVE', 'test', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
            + " VALUES (1, 'All', 'STATIC', 'READY', 'test', CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO CM_MAIL_TEMPLATE (ID, NAME, SENDER_NAME, SENDER_ADDRESS, DEFAULT_LANGUAGE,"
            + " CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (1, 't', 'Shop', 'news@shop.test', 'en',"
            + " 'test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    for (int i = 1; i <= 10; i++) {
      sql(
          "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
              + " VALUES (1, ?, ?, 'MANUAL', CURRENT_TIMESTAMP)",
          party(i),
          party(i) + "@example.test");
    }
    sql(
        "CREATE TABLE TEST_ORDERS (CONTACT_ID VARCHAR(20), ORDER_DATE TIMESTAMP,"
            + " STATUS VARCHAR(20))");
    effects =
        new WorkflowEngine.Effects(
            (mailing, entry, parties) -> {
              Set<String> ok = new HashSet<>();
              for (String p : parties) {
                if (!unmailable.contains(p)) {
                  sent.computeIfAbsent(mailing, k -> new ArrayList<>())
                      .add(entry == 1 ? p : p + "#" + entry);
                  ok.add(p);
                }
              }
              return ok;
            },
            (list, parties) -> added.computeIfAbsent(list, k -> new ArrayList<>()).addAll(parties),
            (list, parties) -> added.computeIfAbsent(-list, k -> new ArrayList<>()).addAll(parties),
            (campaign, amount, text) -> costs.add(amount.toPlainString()),
            (segment, parties) -> {
              Set<String> in = new HashSet<>(parties);
              in.retainAll(segments.getOrDefault(segment, Set.of()));
              return in;
            },
            WorkflowEngine.CrmWriter.OWN_TABLE);
    cut = new WorkflowEngine(clock, effects, "TEST_ORDERS");
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  static String party(int i) {
    return String.format("P%02d", i);
  }

  /** Publishes the definition as version 1 of workflow 1, with a mailing per email step. */
  void publish(WorkflowDefinition d) throws SQLException {
    assertEquals(List.of(), d.problems());
    sql(
        "INSERT INTO CM_WORKFLOW (ID, CAMPAIGN_ID, NAME, STATUS, LIST_ID, DRAFT_DEFINITION,"
            + " CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (1, 1, 'w', 'ACTIVE', 1, ?, 'owner',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        d.toJson().toString());
    version = 1;
    publishVersion(1, d, 100);
  }

  final Map<Long, WorkflowDefinition> versions = new TreeMap<>();

  /**
   * Publishes {@code d} as version {@code number} of workflow 1 (its id is its number), with a
   * mailing (ids from {@code firstMailing}) per email step that no earlier version sends, as {@code
   * Workflows.publish} does.
   */
  void publishVersion(long number, WorkflowDefinition d, long firstMailing) throws SQLException {
    assertEquals(List.of(), d.problems());
    sql(
        "INSERT INTO CM_WORKFLOW_VERSION (ID, WORKFLOW_ID, NUMBER, DEFINITION, PUBLISHED_BY,"
            + " PUBLISHED_AT) VALUES (?, 1, ?, ?, 'owner', CURRENT_TIMESTAMP)",
        number,
        number,
        d.toJson().toString());
    long mailing = firstMailing;
    for (Step s : d.allSteps()) {
      if (s.kind() == StepKind.SEND_EMAIL
          && versions.values().stream().noneMatch(e -> e.sendsSameEmail(s))) {
        sql(
            "INSERT INTO CM_MAILING (ID, TEMPLATE_ID, CAMPAIGN_ID, LIST_ID, STATE, SEND_AT,"
                + " TIME_ZONE, CREATED_BY, CREATED_AT, WORKFLOW_ID, WORKFLOW_STEP)"
                + " VALUES (?, 1, 1, 1, 'SENDING', CURRENT_TIMESTAMP, 'UTC', 'test',"
                + " CURRENT_TIMESTAMP, 1, ?)",
            mailing++,
            WorkflowEngine.stepReference(number, s.key()));
      }
    }
    versions.put(number, d);
  }

  /** A migration of workflow 1's contacts to version {@code to} of those published. */
  WorkflowMigration migration(long to) {
    Map<Long, Integer> numbers = new TreeMap<>();
    versions.keySet().forEach(n -> numbers.put(n, n.intValue()));
    return new WorkflowMigration(1, versions, numbers, to);
  }

  /**
   * The reminder workflow of the issue: send; within 3 days an open or a reminder; clickers get a
   * call.
   */
  static WorkflowDefinition reminder() {
    Step send = step("send", StepKind.SEND_EMAIL, s -> s.templateId = 1L);
    Step opened =
        step(
            "opened",
            StepKind.WAIT_FOR,
            s -> {
              s.event = ConditionEvent.OPENED;
              s.amount = 3;
              s.unit = TimeUnit.DAYS;
              s.then = "followup";
              s.otherwise = "reminder";
            });
    Step remind = step("remind", StepKind.SEND_EMAIL, s -> s.templateId = 1L);
    Step toFollowUp = step("to-followup", StepKind.MOVE, s -> s.target = "followup");
    Step clicked =
        step(
            "clicked",
            StepKind.WAIT_FOR,
            s -> {
              s.event = ConditionEvent.CLICKED;
              s.amount = 2;
              s.unit = TimeUnit.DAYS;
              s.then = "call";
              s.otherwise = "done";
            });
    Step call =
        step(
            "call-task",
            StepKind.TASK,
            s -> {
              s.taskKind = "CALL";
              s.title = "Call the clicker";
            });
    Step toDone = step("to-done", StepKind.MOVE, s -> s.target = "done");
    Step end = step("end", StepKind.END, s -> s.outcome = "COMPLETED");
    return new WorkflowDefinition(
        "send",
        null,
        List.of(
            new WorkflowState("send", "Email send", List.of(send, opened)),
            new WorkflowState("reminder", "Reminder", List.of(remind, toFollowUp)),
            new WorkflowState("followup", "Follow-up", List.of(clicked)),
            new WorkflowState("call", "Call", List.of(call, toDone)),
            new WorkflowState("done", "Result analysis", List.of(end))));
  }

  @Test
  void sendThenAReminderToTheNonOpenersOnlyThenACallForTheClickers() throws SQLException {
    publish(reminder());
    assertEquals(10, cut.enrol(db, version, 1));
    assertEquals(0, cut.enrol(db, version, 1), "nobody is enrolled twice");
    assertEquals(10, advanceAll());
    assertEquals(parties(1, 10), sentBy(100));
    assertEquals(1, sent.size());
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'WAITING'"));

    // opens of P01..P04 on the workflow's mail; P05 opened another mailing's: not this workflow's
    event(100, 1, "OPENED", 1);
    event(100, 2, "OPENED", 1);
    event(100, 3, "OPENED", 2);
    event(100, 4, "OPENED", 2);
    event(999, 5, "OPENED", 1); // another mailing's open: not this workflow's
    assertEquals(4, cut.scanEvents(db));
    assertEquals(4, advanceAll());
    assertEquals(
        List.of("P01", "P02", "P03", "P04"),
        strings("SELECT PARTY_ID FROM CM_ENROLMENT WHERE STATE_KEY = 'followup' ORDER BY 1"));

    event(100, 1, "CLICKED", 3);
    event(100, 2, "CLICKED", 3);
    assertEquals(2, cut.scanEvents(db));
    assertEquals(0, cut.scanEvents(db), "the previous window read again moves nobody twice");

    // three days after the send: the others get the reminder, once
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertEquals(parties(5, 10), sentBy(101));
    assertEquals(
        List.of("P05", "P06", "P07", "P08", "P09", "P10"),
        strings(
            "SELECT PARTY_ID FROM CM_WORKFLOW_ACTIVITY WHERE KIND = 'CONDITION'"
                + " AND DETAIL LIKE 'OPENED: no%' ORDER BY 1"));
    assertEquals(
        List.of("P01", "P02"),
        strings("SELECT PARTY_ID FROM CM_WORKFLOW_TASK WHERE KIND = 'CALL' ORDER BY 1"));
    assertEquals(
        "owner", strings("SELECT DISTINCT ASSIGNEE FROM CM_WORKFLOW_TASK").get(0), "the default");

    assertEquals(
        List.of("P01", "P02", "P03", "P04"),
        strings("SELECT PARTY_ID FROM CM_ENROLMENT WHERE STATUS = 'ENDED' ORDER BY 1"),
        "P01, P02 called; P03, P04 did not click within two days");
    assertEquals(6, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'WAITING'"));

    // two more days: the reminded did not click either; nobody got anything twice
    millis.addAndGet(Duration.ofDays(2).toMillis());
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100));
    assertEquals(parties(5, 10), sentBy(101));
    assertEquals(2, sent.size());
    assertEquals(2, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'ENDED'"));
  }

  /** The engine with the real outbox behind its email steps (contact index rows for P01..P10). */
  WorkflowEngine withOutbox() throws SQLException {
    for (int i = 1; i <= 10; i++) {
      sql(
          "INSERT INTO CM_CONTACT_INDEX (PARTY_ID, CONTACT_TYPE, ENABLED, DISPLAY_NAME, EMAIL)"
              + " VALUES (?, 'PERSON', 'Y', ?, ?)",
          party(i),
          party(i),
          party(i) + "@example.test");
    }
    return new WorkflowEngine(
        clock,
        new WorkflowEngine.Effects(
            (mailing, entry, parties) ->
                org.erpcampaigns.mailings.control.OutboxStore.enqueueContacts(
                    db, mailing, 1, entry, parties, cut.now()),
            effects.addToList(),
            effects.removeFromList(),
            effects.recordCost(),
            effects.matchSegment(),
            WorkflowEngine.CrmWriter.OWN_TABLE),
        "TEST_ORDERS");
  }

  /** Advances everything due; the relay accepts what the outbox holds at once. */
  void advanceAndSend(WorkflowEngine engine) throws SQLException {
    while (engine.advance(db, 100) > 0) {}
    sql("UPDATE CM_OUTBOX SET STATE = 'SENT', SENT_AT = CREATED_AT WHERE STATE = 'PENDING'");
  }

  /** Takes the reminder workflow's ten contacts to its end: P01 opened, the others reminded. */
  void everyoneThroughTheReminder(WorkflowEngine engine) throws SQLException {
    assertEquals(10, engine.enrol(db, version, 1));
    advanceAndSend(engine);
    event(100, 1, "OPENED", 1);
    engine.scanEvents(db);
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAndSend(engine);
    millis.addAndGet(Duration.ofDays(2).toMillis());
    advanceAndSend(engine);
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'ENDED'"));
  }

  /** P01 leaves the list and, {@code minutes} later, joins it again. */
  void leavesAndJoinsAgain(WorkflowEngine engine, boolean scanBetween) throws SQLException {
    sql("DELETE FROM CM_LIST_MEMBER WHERE PARTY_ID = 'P01'");
    if (scanBetween) {
      assertEquals(0, engine.enrol(db, version, 1), "out of the list: nobody to enrol");
    }
    millis.addAndGet(Duration.ofMinutes(1).toMillis());
    sql(
        "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
            + " VALUES (1, 'P01', 'P01@example.test', 'MANUAL', ?)",
        engine.now());
  }

  @Test
  void withoutReEntryLeavingAndJoiningTheListAgainEnrolsNobody() throws SQLException {
    publish(reminder());
    sql("UPDATE CM_WORKFLOW SET KEEP_ENROLLING = 'Y'");
    WorkflowEngine engine = withOutbox();
    everyoneThroughTheReminder(engine);
    leavesAndJoinsAgain(engine, true);
    assertEquals(0, engine.enrol(db, version, 1));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT"));
    assertEquals(1, count("SELECT COUNT(*) FROM CM_OUTBOX WHERE PARTY_ID = 'P01'"));
  }

  @Test
  void withReEntryAContactWhoLeftAndJoinedAgainEntersOnceAndGetsTheEmailAgainOnce()
      throws SQLException {
    publish(reminder());
    sql("UPDATE CM_WORKFLOW SET KEEP_ENROLLING = 'Y', RE_ENTRY = 'Y'");
    WorkflowEngine engine = withOutbox();
    everyoneThroughTheReminder(engine);
    // a refresh rewrites every member (ADDED_AT: now): staying in the list is not joining again
    sql("UPDATE CM_LIST_MEMBER SET ADDED_AT = ?", engine.now());
    assertEquals(0, engine.enrol(db, version, 1), "those who stayed in the list stay out");

    leavesAndJoinsAgain(engine, true);
    LocalDateTime again = engine.now();
    assertEquals(1, engine.enrol(db, version, 1));
    assertEquals(0, engine.enrol(db, version, 1), "inside: never twice at once");
    assertEquals(
        List.of("1:ENDED", "2:ACTIVE"),
        strings(
            "SELECT CONCAT(CAST(ENTRY AS VARCHAR(3)), ':', STATUS) FROM CM_ENROLMENT"
                + " WHERE PARTY_ID = 'P01' ORDER BY ENTRY"));

    advanceAndSend(engine);
    assertEquals(
        List.of("1", "2"),
        strings(
            "SELECT CAST(ENTRY AS VARCHAR(3)) FROM CM_OUTBOX WHERE MAILING_ID = 100"
                + " AND PARTY_ID = 'P01' ORDER BY ENTRY"),
        "the first email again, as a message of the second entry");
    // a second pass (a crash before the commit, another instance) enqueues nothing new
    assertEquals(
        Set.of("P01"),
        org.erpcampaigns.mailings.control.OutboxStore.enqueueContacts(
            db, 100, 1, 2, List.of("P01"), engine.now()),
        "P01 has the message of its second entry");
    assertEquals(
        2,
        count("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = 100" + " AND PARTY_ID = 'P01'"));
    assertEquals(
        9,
        count(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = 100 AND ENTRY = 1"
                + " AND PARTY_ID <> 'P01'"),
        "the others: their first entry's message only");

    // the first entry's open (five days ago) counts not for the second entry's condition
    assertEquals(0, engine.scanEvents(db));
    sql("UPDATE CM_WORKFLOW_WATERMARK SET LAST_EVENT_ID = 0, PREVIOUS_EVENT_ID = 0");
    assertEquals(0, engine.scanEvents(db), "the old open, read again, moves nobody");
    assertEquals("WAITING", strings("SELECT STATUS FROM CM_ENROLMENT WHERE ENTRY = 2").get(0));
    sql(
        "INSERT INTO CM_EVENT (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT)"
            + " VALUES (nextval('CM_EVENT_SEQ'), 100, 1, 'P01', 'OPENED', ?)",
        again.plusMinutes(5));
    assertEquals(1, engine.scanEvents(db), "an open of the second entry's email counts");
    advanceAndSend(engine);
    assertEquals("followup", strings("SELECT STATE_KEY FROM CM_ENROLMENT WHERE ENTRY = 2").get(0));
  }

  @Test
  void twoInstancesEnrollingAtOnceNeverPutAContactInTwice() throws Exception {
    publish(reminder());
    sql("UPDATE CM_WORKFLOW SET KEEP_ENROLLING = 'Y', RE_ENTRY = 'Y'");
    WorkflowEngine engine = withOutbox();
    everyoneThroughTheReminder(engine);
    sql("DELETE FROM CM_LIST_MEMBER");
    assertEquals(0, engine.enrol(db, version, 1));
    sql(
        "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
            + " SELECT 1, PARTY_ID, EMAIL, 'MANUAL', CURRENT_TIMESTAMP FROM CM_CONTACT_INDEX");
    try (Connection first = dataSource.getConnection();
        Connection second = dataSource.getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      assertEquals(10, engine.enrol(first, version, 1), "the first instance, not committed yet");
      java.util.concurrent.CompletableFuture<Integer> other =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  int n = engine.enrol(second, version, 1);
                  second.commit();
                  return n;
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      // the second one waits for the first one's lock (or, without it, would be done already)
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!other.isDone()
          && count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")
              == 0
          && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      first.commit();
      assertEquals(0, other.get(), "the second instance finds them all inside");
    }
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS <> 'ENDED'"));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE ENTRY = 2"));
  }

  @Test
  void anEventTheScanMissedStillCountsAtTheDueTime() throws SQLException {
    publish(reminder());
    cut.enrol(db, version, 1);
    advanceAll();
    // committed after the scan had passed its id: only the due-time check sees it
    sql("UPDATE CM_WORKFLOW_WATERMARK SET LAST_EVENT_ID = 1000000, PREVIOUS_EVENT_ID = 1000000");
    event(100, 7, "OPENED", 1);
    assertEquals(0, cut.scanEvents(db));
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertEquals(
        "followup", strings("SELECT STATE_KEY FROM CM_ENROLMENT WHERE PARTY_ID = 'P07'").get(0));
    assertTrue(!sentBy(101).contains("P07"), "no reminder to the late opener");
  }

  @Test
  void aPausedWorkflowDoesNothingUntilResumed() throws SQLException {
    publish(reminder());
    cut.enrol(db, version, 1);
    sql("UPDATE CM_WORKFLOW SET STATUS = 'PAUSED'");
    assertEquals(0, cut.advance(db, 100));
    assertEquals(Map.of(), sent);
    sql("UPDATE CM_WORKFLOW SET STATUS = 'ACTIVE'");
    assertEquals(10, advanceAll());
    assertEquals(10, sentBy(100).size());
  }

  @Test
  void aPausedContactWaitsAndCountsTheEventsOfItsPauseWhenResumed() throws SQLException {
    publish(reminder());
    cut.enrol(db, version, 1);
    // P03 is paused before its first mail, P04 while it waits for the open
    assertEquals(1, cut.hold(db, enrolments("P03")));
    advanceAll();
    assertEquals(parties(1, 10).stream().filter(p -> !p.equals("P03")).toList(), sentBy(100));
    assertEquals(1, cut.hold(db, enrolments("P04")));
    assertEquals(0, cut.hold(db, enrolments("P04")), "paused once");
    event(100, 4, "OPENED", 5);
    assertEquals(0, cut.scanEvents(db), "a paused contact's condition is not decided");

    // the three days pass: the others are reminded, the paused two get nothing
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertTrue(
        !sentBy(101).contains("P03") && !sentBy(101).contains("P04"), sentBy(101).toString());
    assertEquals(
        List.of("PAUSED", "PAUSED"),
        strings("SELECT STATUS FROM CM_ENROLMENT WHERE PARTY_ID IN ('P03', 'P04') ORDER BY 1"));

    // resumed: P04's open during the pause counts at once; P03's first mail goes now
    assertEquals(2, cut.release(db, enrolments("P03", "P04")));
    assertEquals(
        "followup", strings("SELECT STATE_KEY FROM CM_ENROLMENT WHERE PARTY_ID = 'P04'").get(0));
    advanceAll();
    assertTrue(sentBy(100).contains("P03"), "the first mail, after the pause");
    assertEquals(1, sentBy(100).stream().filter("P03"::equals).count());
    assertTrue(!sentBy(101).contains("P04"), "no reminder to the contact who opened");
    assertEquals(0, cut.release(db, enrolments("P03")), "nothing to resume");
  }

  @Test
  void costsSplitsListsAndTheGoal() throws SQLException {
    Step group =
        step(
            "together",
            StepKind.GROUP,
            s ->
                s.steps =
                    List.of(
                        step("fixed", StepKind.RECORD_COST, f -> f.cost = new BigDecimal("250.00")),
                        step(
                            "each",
                            StepKind.RECORD_COST,
                            f -> {
                              f.cost = new BigDecimal("0.50");
                              f.perContact = true;
                            }),
                        step("to-list", StepKind.ADD_TO_LIST, f -> f.listId = 1L)));
    Step split =
        step(
            "ab",
            StepKind.SPLIT,
            s -> s.branches = List.of(new Step.Branch(50, "a"), new Step.Branch(50, "b")));
    Step waitA =
        step(
            "wait-a",
            StepKind.WAIT,
            s -> {
              s.amount = 1;
              s.unit = TimeUnit.DAYS;
            });
    Step waitB =
        step(
            "wait-b",
            StepKind.WAIT,
            s -> {
              s.amount = 2;
              s.unit = TimeUnit.DAYS;
            });
    WorkflowDefinition d =
        new WorkflowDefinition(
            "start",
            ConditionEvent.ORDERED,
            List.of(
                new WorkflowState("start", "Start", List.of(group, split)),
                new WorkflowState(
                    "a", "A", List.of(waitA, step("end-a", StepKind.END, s -> s.outcome = null))),
                new WorkflowState(
                    "b",
                    "B",
                    List.of(
                        waitB, step("end-b", StepKind.END, s -> s.outcome = "NOT_INTERESTED")))));
    publish(d);
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals("250.00", costs.get(0), "a fixed cost once");
    assertEquals(
        new BigDecimal("5.00"),
        costs.stream().skip(1).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add),
        "0.50 for each of ten, per batch: " + costs);
    List<String> charged = List.copyOf(costs);
    assertEquals(parties(1, 10), added.get(1L).stream().sorted().toList());
    long inA = count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATE_KEY = 'a'");
    assertTrue(inA > 0 && inA < 10, "both branches are taken: " + inA);
    assertEquals(
        WorkflowEngine.branch(split, "1:ab:P03"),
        strings("SELECT STATE_KEY FROM CM_ENROLMENT WHERE PARTY_ID = 'P03'").get(0),
        "the branch is stable per contact");

    sql(
        "INSERT INTO TEST_ORDERS VALUES ('P09', ?, 'COMPLETED')",
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusHours(1));
    millis.addAndGet(Duration.ofHours(2).toMillis());
    cut.scanEvents(db);
    assertEquals(
        "CONVERTED", strings("SELECT OUTCOME FROM CM_ENROLMENT WHERE PARTY_ID = 'P09'").get(0));

    millis.addAndGet(Duration.ofDays(2).toMillis());
    advanceAll();
    assertEquals(
        9,
        count(
            "SELECT COUNT(*) FROM CM_ENROLMENT WHERE OUTCOME IN ('COMPLETED', 'NOT_INTERESTED')"));
    assertEquals(
        inA > 0 && !"a".equals(state("P09")) ? inA : inA - 1,
        count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE OUTCOME = 'COMPLETED'"),
        "branch a ends as completed, b as not interested");
    assertEquals(0, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS <> 'ENDED'"));
    assertEquals(charged, costs, "nothing charged twice");
  }

  @Test
  void ordersAreReadAtMostEveryOrderScanNotAtEveryEventScan() throws SQLException {
    Step wait =
        step(
            "w",
            StepKind.WAIT,
            s -> {
              s.amount = 10;
              s.unit = TimeUnit.DAYS;
            });
    Step end = step("end", StepKind.END, s -> s.outcome = "COMPLETED");
    publish(
        new WorkflowDefinition(
            "s", ConditionEvent.ORDERED, List.of(new WorkflowState("s", "S", List.of(wait, end)))));
    cut.enrol(db, version, 1);
    advanceAll();
    cut.scanEvents(db); // reads orders: none yet
    sql(
        "INSERT INTO TEST_ORDERS VALUES ('P04', ?, 'COMPLETED')",
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    millis.addAndGet(Duration.ofSeconds(10).toMillis());
    cut.scanEvents(db);
    assertEquals(
        java.util.Collections.singletonList(null),
        strings("SELECT OUTCOME FROM CM_ENROLMENT WHERE PARTY_ID = 'P04'"),
        "orders are not read at every scan");
    millis.addAndGet(Duration.ofSeconds(25).toMillis());
    cut.scanEvents(db);
    assertEquals(
        "CONVERTED", strings("SELECT OUTCOME FROM CM_ENROLMENT WHERE PARTY_ID = 'P04'").get(0));
  }

  @Test
  void contactsWhoMayNotBeMailedAreSkippedAndSaySo() throws SQLException {
    publish(reminder());
    unmailable.add("P03");
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(9, sentBy(100).size());
    assertEquals(
        List.of("P03"),
        strings("SELECT PARTY_ID FROM CM_WORKFLOW_ACTIVITY WHERE KIND = 'SKIPPED'"));
  }

  // send windows

  static final SendWindow OFFICE_HOURS = SendWindow.officeHours();

  /** The clock at a UTC time. */
  void at(String utc) {
    millis.set(Instant.parse(utc).toEpochMilli());
  }

  /** The contact's address in the contact index. */
  void address(int party, String country, String state) throws SQLException {
    sql(
        "INSERT INTO CM_CONTACT_INDEX (PARTY_ID, COUNTRY, STATE_PROVINCE) VALUES (?, ?, ?)",
        party(party),
        country,
        state);
  }

  String due(int party) throws SQLException {
    return strings("SELECT DUE_AT FROM CM_ENROLMENT WHERE PARTY_ID = '" + party(party) + "'")
        .get(0)
        .substring(0, 16);
  }

  List<String> details(String kind, int party) throws SQLException {
    return strings(
        "SELECT DETAIL FROM CM_WORKFLOW_ACTIVITY WHERE KIND = '"
            + kind
            + "' AND PARTY_ID = '"
            + party(party)
            + "' ORDER BY ID");
  }

  static WorkflowDefinition oneEmail(SendWindow window, Step... before) {
    List<Step> steps = new ArrayList<>(List.of(before));
    steps.add(step("send", StepKind.SEND_EMAIL, s -> s.templateId = 1L));
    steps.add(step("end", StepKind.END, s -> s.outcome = "COMPLETED"));
    return new WorkflowDefinition(
        "a", null, List.of(new WorkflowState("a", "Send", steps)), window);
  }

  @Test
  void anEmailDueOnSaturdayNightWaitsForMondayNineInEachContactsZoneAndSendsOnce()
      throws SQLException {
    publish(oneEmail(OFFICE_HOURS));
    address(1, "ITA", "IT-RM");
    address(2, "USA", "NY");
    address(3, "USA", "US-CA");
    address(4, "XXX", null); // no zone known: the default (UTC here)
    at("2026-12-05T21:00:00Z"); // Saturday 22:00 in Rome, 16:00 in New York
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(List.of(), sentBy(100), "nothing goes out on a Saturday night");
    assertEquals(
        List.of("EMAIL held until 2026-12-07 09:00 Europe/Rome: outside the send window"),
        details("HELD", 1));
    assertEquals(
        List.of("EMAIL held until 2026-12-07 09:00 America/New_York: outside the send window"),
        details("HELD", 2));
    assertEquals("2026-12-07 08:00", due(1));
    assertEquals("2026-12-07 14:00", due(2));
    assertEquals("2026-12-07 17:00", due(3), "Los Angeles");
    assertEquals("2026-12-07 09:00", due(4));

    at("2026-12-07T07:59:00Z");
    assertEquals(0, advanceAll());
    at("2026-12-07T08:00:00Z");
    advanceAll();
    assertEquals(List.of("P01"), sentBy(100), "Rome opens first");
    at("2026-12-07T09:00:00Z");
    advanceAll();
    assertEquals(8, sentBy(100).size(), "then P04..P10, in UTC");
    at("2026-12-07T14:00:00Z");
    advanceAll();
    assertTrue(sentBy(100).contains("P02"));
    assertTrue(!sentBy(100).contains("P03"));
    at("2026-12-07T17:00:00Z"); // 09:00 in Los Angeles
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100), "each exactly once");
    at("2026-12-08T12:00:00Z");
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100), "and never again");
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE KIND = 'HELD'"));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'ENDED'"));
  }

  @Test
  void insideTheWindowTheEmailGoesAtOnceWithoutAHold() throws SQLException {
    publish(oneEmail(OFFICE_HOURS));
    address(1, "ITA", null);
    at("2026-12-02T09:00:00Z"); // Wednesday: 10:00 in Rome, 04:00 in New York
    address(2, "USA", "NY");
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(9, sentBy(100).size());
    assertTrue(!sentBy(100).contains("P02"));
    assertEquals(List.of(), details("HELD", 1));
    assertEquals("2026-12-02 14:00", due(2));
  }

  @Test
  void holidaysOfTheWorkflowAndOfTheInstallationAreSkippedAndAnyTimeEmailsGoAtOnce()
      throws SQLException {
    cut =
        new WorkflowEngine(
            clock,
            effects,
            "TEST_ORDERS",
            WorkflowEngine.DEFAULT_ORDER_SCAN,
            SendTimes.configured("UTC", "12-08, 2027-01-01"));
    SendWindow window =
        new SendWindow(
            OFFICE_HOURS.days(),
            OFFICE_HOURS.from(),
            OFFICE_HOURS.to(),
            List.of("2026-12-07"),
            "Europe/Rome");
    publish(
        oneEmail(
            window,
            step(
                "now",
                StepKind.SEND_EMAIL,
                s -> {
                  s.templateId = 1L;
                  s.anyTime = true;
                })));
    at("2026-12-07T09:00:00Z"); // Monday 10:00 in Rome, the workflow's zone: its holiday
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100), "the step that sends at any time");
    assertEquals(List.of(), sentBy(101));
    // Tuesday the 8th is the installation's holiday: Wednesday
    assertEquals(
        List.of("EMAIL held until 2026-12-09 09:00 Europe/Rome: a holiday"), details("HELD", 5));
    at("2026-12-08T10:00:00Z");
    assertEquals(0, advanceAll());
    at("2026-12-09T08:00:00Z");
    advanceAll();
    assertEquals(parties(1, 10), sentBy(101));
    assertEquals(parties(1, 10), sentBy(100), "nothing twice");
  }

  @Test
  void aWaitUntilTheWindowOpensEndsAtEachZonesOpeningAcrossTheClockChange() throws SQLException {
    Step wait =
        step(
            "wait",
            StepKind.WAIT,
            s -> {
              s.amount = 1;
              s.unit = TimeUnit.DAYS;
              s.untilWindow = true;
            });
    publish(
        oneEmail(
            new SendWindow(
                OFFICE_HOURS.days(),
                OFFICE_HOURS.from(),
                OFFICE_HOURS.to(),
                List.of(),
                "Europe/Rome"),
            wait));
    address(2, "USA", "NY");
    at("2026-03-27T15:00:00Z"); // Friday; a day later is Saturday; Rome's clocks go forward on
    // Sunday
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(List.of(), sentBy(100));
    assertEquals(
        List.of("WAIT until 2026-03-30 09:00 Europe/Rome: the send window opens"),
        details("ACTION", 1));
    assertEquals("2026-03-30 07:00", due(1), "09:00 summer time in Rome");
    assertEquals("2026-03-30 13:00", due(2), "09:00 summer time in New York (since the 8th)");
    at("2026-03-30T07:00:00Z");
    advanceAll();
    assertEquals(9, sentBy(100).size());
    assertEquals(0, count("SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE KIND = 'HELD'"));
    at("2026-03-30T13:00:00Z");
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100));
  }

  @Test
  void aGroupWithAnEmailIsHeldWholeAndAStepsOwnWindowWinsOverTheWorkflows() throws SQLException {
    Step together =
        step(
            "together",
            StepKind.GROUP,
            g ->
                g.steps =
                    List.of(
                        step("group-mail", StepKind.SEND_EMAIL, s -> s.templateId = 1L),
                        step(
                            "call",
                            StepKind.TASK,
                            s -> {
                              s.taskKind = "CALL";
                              s.title = "Call";
                            })));
    Step saturdayMail =
        step(
            "saturday-mail",
            StepKind.SEND_EMAIL,
            s -> {
              s.templateId = 1L;
              s.window =
                  new SendWindow(
                      java.util.EnumSet.of(java.time.DayOfWeek.SATURDAY),
                      java.time.LocalTime.of(10, 0),
                      java.time.LocalTime.of(12, 0),
                      List.of(),
                      null);
            });
    publish(oneEmail(OFFICE_HOURS, together, saturdayMail));
    at("2026-12-05T08:00:00Z"); // Saturday 08:00 UTC
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(List.of(), sentBy(100));
    assertEquals(0, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"), "the call waits with the mail");
    assertEquals(
        List.of("EMAIL held until 2026-12-07 09:00 UTC: outside the send window"),
        details("HELD", 1));
    at("2026-12-07T09:00:00Z");
    advanceAll();
    assertEquals(parties(1, 10), sentBy(100));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"), "one call each");
    // the Saturday mail keeps to its own window, not to Monday's office hours
    assertEquals(List.of(), sentBy(101));
    assertEquals("2026-12-12 10:00", due(1));
    at("2026-12-12T10:00:00Z");
    advanceAll();
    assertEquals(parties(1, 10), sentBy(101));
    assertEquals(0, sentBy(102).size(), "the last mail waits for Monday");
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"));
  }

  // helpers

  java.sql.Array enrolments(String... parties) throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (String p : parties) {
      ids.add(count("SELECT ID FROM CM_ENROLMENT WHERE PARTY_ID = '" + p + "'"));
    }
    return db.createArrayOf("BIGINT", ids.toArray());
  }

  int advanceAll() throws SQLException {
    int total = 0;
    for (int n; (n = cut.advance(db, 3)) > 0; ) {
      total += n;
    }
    return total;
  }

  /**
   * The reminder workflow's second version: the open is awaited five days, the reminder and the
   * follow-up states have new keys (the steps inside keep theirs).
   */
  static WorkflowDefinition reminderV2() {
    WorkflowDefinition v1 = reminder();
    Step send = v1.state("send").orElseThrow().steps().get(0);
    Step opened =
        step(
            "opened",
            StepKind.WAIT_FOR,
            s -> {
              s.event = ConditionEvent.OPENED;
              s.amount = 5;
              s.unit = TimeUnit.DAYS;
              s.then = "engaged";
              s.otherwise = "nudge";
            });
    Step remind = v1.state("reminder").orElseThrow().steps().get(0);
    Step toEngaged = step("to-engaged", StepKind.MOVE, s -> s.target = "engaged");
    Step clicked =
        step(
            "clicked",
            StepKind.WAIT_FOR,
            s -> {
              s.event = ConditionEvent.CLICKED;
              s.amount = 2;
              s.unit = TimeUnit.DAYS;
              s.then = "call";
              s.otherwise = "done";
            });
    return new WorkflowDefinition(
        "send",
        null,
        List.of(
            new WorkflowState("send", "Email send", List.of(send, opened)),
            new WorkflowState("nudge", "Nudge", List.of(remind, toEngaged)),
            new WorkflowState("engaged", "Engaged", List.of(clicked)),
            v1.state("call").orElseThrow(),
            v1.state("done").orElseThrow()));
  }

  @Test
  void aMigrationKeepsEachContactsPlaceAndTheNewVersionsPeriods() throws SQLException {
    publish(reminder());
    cut.enrol(db, version, 1);
    advanceAll();
    event(100, 1, "OPENED", 1);
    event(100, 2, "OPENED", 1);
    cut.scanEvents(db);
    advanceAll();
    long held = count("SELECT ID FROM CM_ENROLMENT WHERE PARTY_ID = 'P03'");
    assertEquals(1, cut.hold(db, db.createArrayOf("BIGINT", new Object[] {held})));
    publishVersion(2, reminderV2(), 200);
    assertEquals(
        0, count("SELECT COUNT(*) FROM CM_MAILING WHERE ID >= 200"), "v2 sends v1's two emails");

    Map<String, String> mapping = Map.of("followup", "engaged");
    assertEquals(
        List.of(
            new WorkflowMigration.Row(1, 1, "followup", 2, "engaged", 2),
            new WorkflowMigration.Row(1, 1, "send", 8, "send", 8)),
        migration(2).preview(db, mapping));
    assertEquals(0, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE VERSION_ID = 2"), "a preview");
    assertEquals(10, migration(2).migrate(db, mapping, "marketer", cut.now()));
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE VERSION_ID = 2"));
    assertEquals(0, migration(2).migrate(db, mapping, "marketer", cut.now()), "nobody left");
    assertEquals(
        List.of("call", "call"),
        strings("SELECT THEN_STATE FROM CM_ENROLMENT WHERE STATE_KEY = 'engaged'"));
    assertEquals(
        "WAITING", strings("SELECT STATUS FROM CM_ENROLMENT WHERE PARTY_ID = 'P01'").get(0));
    assertEquals(
        "nudge",
        strings("SELECT OTHERWISE_STATE FROM CM_ENROLMENT WHERE PARTY_ID = 'P05'").get(0),
        "the new version's way");
    assertEquals(
        10,
        count(
            "SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE KIND = 'MANUAL' AND ACTOR ="
                + " 'marketer' AND DETAIL LIKE 'migrated from version 1 state % to version 2,"
                + " keeps its place'"));

    // three days: the old period would be over, the new one is not
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertEquals(List.of(), sentBy(101));
    // five days: the reminder, through v1's mailing, to the non-openers but the held one
    millis.addAndGet(Duration.ofDays(2).toMillis());
    advanceAll();
    assertEquals(List.of("P04", "P05", "P06", "P07", "P08", "P09", "P10"), sentBy(101));
    assertEquals(parties(1, 10), sentBy(100), "nobody got the first email twice");
    assertEquals(Set.of(100L, 101L), sent.keySet());
    assertEquals(
        List.of("nudge"),
        strings(
            "SELECT STATE_KEY FROM CM_WORKFLOW_ACTIVITY WHERE PARTY_ID = 'P04'"
                + " AND STEP_KEY = 'remind'"),
        "the new version's state");
    assertEquals(
        "PAUSED", strings("SELECT STATUS FROM CM_ENROLMENT WHERE PARTY_ID = 'P03'").get(0));
    assertEquals(1, cut.release(db, db.createArrayOf("BIGINT", new Object[] {held})));
    advanceAll();
    assertEquals("engaged", state("P03"), "released after its (new) period: reminded, moved on");
    assertEquals(parties(3, 10), sentBy(101));
  }

  @Test
  void aContactStartingAStateAgainGetsNoSecondEmailOrTask() throws SQLException {
    Step task = step("call-1", StepKind.TASK, s -> s.title = "Call first");
    Step mail = step("mail", StepKind.SEND_EMAIL, s -> s.templateId = 1L);
    java.util.function.Function<String, Step> wait =
        key ->
            step(
                key,
                StepKind.WAIT_FOR,
                s -> {
                  s.event = ConditionEvent.OPENED;
                  s.amount = 3;
                  s.unit = TimeUnit.DAYS;
                  s.then = "b";
                  s.otherwise = "b";
                });
    WorkflowState end =
        new WorkflowState("b", "B", List.of(step("end", StepKind.END, s -> s.outcome = null)));
    publish(
        new WorkflowDefinition(
            "a",
            null,
            List.of(new WorkflowState("a", "A", List.of(task, mail, wait.apply("w1"))), end)));
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"));
    // v2 waits under another key: nobody stands on a step it has, so all start "a" again
    Step other = step("mail-2", StepKind.SEND_EMAIL, s -> s.templateId = 2L);
    publishVersion(
        2,
        new WorkflowDefinition(
            "a",
            null,
            List.of(
                new WorkflowState("a", "A", List.of(task, mail, other, wait.apply("w2"))), end)),
        200);
    assertEquals(
        List.of(new WorkflowMigration.Row(1, 1, "a", 10, "a", 0)),
        migration(2).preview(db, Map.of()));
    java.util.HashMap<String, String> stay = new java.util.HashMap<>();
    stay.put("a", null);
    assertEquals(0, migration(2).migrate(db, stay, "marketer", cut.now()), "mapped to stay");
    assertEquals(10, migration(2).migrate(db, Map.of(), "marketer", cut.now()));
    advanceAll();
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"), "no second task");
    assertEquals(List.of("call-1"), strings("SELECT DISTINCT STEP_KEY FROM CM_WORKFLOW_TASK"));
    assertEquals(Set.of(100L, 200L), sent.keySet(), "the same mailing for the same email");
    assertEquals(parties(1, 10), sentBy(200), "the new email, once");
    assertEquals(
        10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'WAITING' AND VERSION_ID = 2"));
    try {
      migration(2).migrate(db, Map.of("a", "nowhere"), "marketer", cut.now());
      throw new AssertionError("an unknown state is refused");
    } catch (IllegalArgumentException e) {
      assertEquals("nowhere", e.getMessage());
    }
  }

  /**
   * "Update the CRM" and "notify the owner" in a state that contacts enter again after a day: a
   * classification, a role, a tag and a communication event per contact, and each contact in one
   * notice of the step, however often the state runs.
   */
  static WorkflowDefinition crmAndNotice() {
    Step crm =
        Step.of("mark", StepKind.UPDATE_CRM)
            .withCrm(
                new Step.CrmUpdate(
                    "PROSPECT", "VIP", "NO_ANSWER", true, "No answer", "Reminder due"));
    Step tell =
        Step.of("tell", StepKind.NOTIFY).withNotice(new Step.Notice("boss@shop.test", null));
    Step wait =
        step(
            "day",
            StepKind.WAIT,
            s -> {
              s.amount = 1;
              s.unit = TimeUnit.DAYS;
            });
    Step again = step("again", StepKind.MOVE, s -> s.target = "a");
    return new WorkflowDefinition(
        "a", null, List.of(new WorkflowState("a", "A", List.of(crm, tell, wait, again))));
  }

  @Test
  void withoutErpWritesTheCrmUpdateIsOursOncePerContactAndStepAndTheOwnerHearsOfEachOnce()
      throws SQLException {
    publish(crmAndNotice());
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(
        List.of(
            "CLASSIFICATION:VIP:OWN",
            "COMMUNICATION:null:OWN",
            "ROLE:PROSPECT:OWN",
            "TAG:NO_ANSWER:OWN"),
        strings(
            "SELECT DISTINCT CONCAT(KIND, ':', COALESCE(CODE, 'null'), ':', WRITTEN_TO)"
                + " FROM CM_CRM_UPDATE ORDER BY 1"));
    assertEquals(40, count("SELECT COUNT(*) FROM CM_CRM_UPDATE"));
    assertEquals(
        List.of("No answer"),
        strings("SELECT DISTINCT SUBJECT FROM CM_CRM_UPDATE WHERE SUBJECT IS NOT NULL"));
    // batches of three: four notices, together listing each contact once
    assertEquals(
        List.of(
            "boss@shop.test:PENDING:3",
            "boss@shop.test:PENDING:3",
            "boss@shop.test:PENDING:3",
            "boss@shop.test:PENDING:1"),
        strings(
            "SELECT CONCAT(RECIPIENT, ':', STATE, ':', CONTACTS) FROM CM_WORKFLOW_NOTICE ORDER BY ID"));
    assertEquals(
        parties(1, 10), strings("SELECT PARTY_ID FROM CM_WORKFLOW_NOTICE_CONTACT ORDER BY 1"));
    assertEquals(
        10,
        count(
            "SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE STEP_KEY = 'mark' AND DETAIL ="
                + " 'CRM role PROSPECT, classification VIP, tag NO_ANSWER, communication'"));

    // a day later every contact runs the state again: nothing is recorded or notified twice
    millis.addAndGet(Duration.ofDays(1).toMillis());
    advanceAll();
    assertEquals(
        20,
        count("SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE STEP_KEY = 'day'"),
        "the state ran twice");
    assertEquals(
        10,
        count("SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE STEP_KEY = 'mark'"),
        "a timeline line when the CRM was updated, none when it had been");
    assertEquals(40, count("SELECT COUNT(*) FROM CM_CRM_UPDATE"));
    assertEquals(4, count("SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE"), "no empty notices");
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE_CONTACT"));
  }

  /** The engine writing roles, classifications and events into the OFBiz demo schema. */
  void erpWrites() throws Exception {
    Migrations.erpDemoSchema(dataSource);
    CrmWrites writes =
        CrmWrites.of(
            CrmWrites.allowed("roles, communication-events, classifications"),
            file -> {
              try (var in = getClass().getResourceAsStream("/META-INF/erp-ofbiz/" + file)) {
                return java.util.Optional.of(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    cut =
        new WorkflowEngine(
            clock,
            new WorkflowEngine.Effects(
                effects.sendEmail(),
                effects.addToList(),
                effects.removeFromList(),
                effects.recordCost(),
                effects.matchSegment(),
                new WorkflowEngine.CrmWriter() {
                  @Override
                  public boolean toErp(String kind) {
                    return writes.toErp(CrmWrites.Kind.valueOf(kind));
                  }

                  @Override
                  public void write(String kind, String run) throws SQLException {
                    writes.write(db, CrmWrites.Kind.valueOf(kind), run);
                  }
                }),
            "TEST_ORDERS");
  }

  @Test
  void aRoleOrGroupTheErpDoesNotKnowIsNotWrittenAndHoldsNobodyUp() throws Exception {
    erpWrites();
    publish(
        new WorkflowDefinition(
            "a",
            null,
            List.of(
                new WorkflowState(
                    "a",
                    "A",
                    List.of(
                        Step.of("mark", StepKind.UPDATE_CRM)
                            .withCrm(
                                new Step.CrmUpdate(
                                    "NO_SUCH_ROLE", "NO_SUCH_GROUP", null, false, null, null)),
                        step("end", StepKind.END, s -> s.outcome = null))))));
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'ENDED'"));
    assertEquals(0, count("SELECT COUNT(*) FROM PARTY_ROLE"));
    assertEquals(0, count("SELECT COUNT(*) FROM PARTY_CLASSIFICATION"));
    assertEquals(
        20,
        count("SELECT COUNT(*) FROM CM_CRM_UPDATE"),
        "the updates stay recorded in CM_CRM_UPDATE");
  }

  @Test
  void withErpWritesTheRolesClassificationsAndEventsGoIntoOfbizOnceEvenAfterARollback()
      throws Exception {
    erpWrites();
    // P01 is a prospect and in the group already: OFBiz gets no second row for it
    sql("INSERT INTO PARTY_ROLE (PARTY_ID, ROLE_TYPE_ID) VALUES ('P01', 'PROSPECT')");
    sql(
        "INSERT INTO PARTY_CLASSIFICATION (PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE)"
            + " VALUES ('P01', 'VIP', TIMESTAMP '2026-01-01 00:00:00')");
    publish(crmAndNotice());
    cut.enrol(db, version, 1);

    db.setAutoCommit(false);
    assertTrue(cut.advance(db, 100) > 0);
    assertEquals(
        10,
        count("SELECT COUNT(*) FROM PARTY_ROLE WHERE ROLE_TYPE_ID = 'PROSPECT'"),
        "P01 and nine new");
    db.rollback();
    assertEquals(0, count("SELECT COUNT(*) FROM CM_CRM_UPDATE"), "rolled back: nothing done");
    assertEquals(1, count("SELECT COUNT(*) FROM PARTY_ROLE"));
    assertEquals(0, count("SELECT COUNT(*) FROM COMMUNICATION_EVENT"));
    assertEquals(0, count("SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE"));
    advanceAll();
    db.commit();
    millis.addAndGet(Duration.ofDays(1).toMillis());
    advanceAll();
    db.commit();
    db.setAutoCommit(true);

    assertEquals(
        parties(1, 10),
        strings("SELECT PARTY_ID FROM PARTY_ROLE WHERE ROLE_TYPE_ID = 'PROSPECT' ORDER BY 1"));
    assertEquals(
        parties(1, 10),
        strings(
            "SELECT PARTY_ID FROM PARTY_CLASSIFICATION WHERE PARTY_CLASSIFICATION_GROUP_ID ="
                + " 'VIP' ORDER BY 1"));
    assertEquals(
        parties(1, 10),
        strings(
            "SELECT PARTY_ID_TO FROM COMMUNICATION_EVENT WHERE COMMUNICATION_EVENT_TYPE_ID ="
                + " 'COMMENT_NOTE' AND STATUS_ID = 'COM_COMPLETE' AND SUBJECT = 'No answer'"
                + " ORDER BY 1"),
        "one event per contact");
    assertEquals(
        10,
        count("SELECT COUNT(*) FROM COMMUNICATION_EVENT WHERE COMMUNICATION_EVENT_ID LIKE 'CM%'"));
    assertEquals(
        List.of("CLASSIFICATION:ERP", "COMMUNICATION:ERP", "ROLE:ERP", "TAG:OWN"),
        strings("SELECT DISTINCT CONCAT(KIND, ':', WRITTEN_TO) FROM CM_CRM_UPDATE ORDER BY 1"),
        "a tag is always ours");
    assertEquals(10, count("SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE_CONTACT"));
    assertEquals(
        10,
        count(
            "SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE STEP_KEY = 'mark' AND DETAIL LIKE"
                + " 'CRM role PROSPECT (ERP), classification VIP (ERP), tag NO_ANSWER,"
                + " communication (ERP)'"));
  }

  /**
   * The outbox row of a workflow email, queued at the start, in {@code state}, sent at {@code
   * sent}.
   */
  void outbox(long mailing, int party, String state, LocalDateTime sent) throws SQLException {
    sql(
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
            + " SENT_AT, CREATED_AT) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)",
        mailing * 1000 + party,
        mailing,
        party(party),
        party(party) + "@example.test",
        state,
        at(0),
        sent,
        at(0));
  }

  LocalDateTime due(String party) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT DUE_AT FROM CM_ENROLMENT WHERE PARTY_ID = ?")) {
      ps.setString(1, party);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, LocalDateTime.class);
      }
    }
  }

  static LocalDateTime at(long minutesAfterStart) {
    return LocalDateTime.ofInstant(START, ZoneOffset.UTC).plusMinutes(minutesAfterStart);
  }

  @Test
  void aConditionsPeriodCountsFromWhenItsEmailWasSent() throws SQLException {
    publish(reminder());
    cut.enrol(db, version, 1);
    advanceAll();
    // a throttled send: P01's mail went out five hours after it was queued, P02's is still queued
    outbox(100, 1, "SENT", at(300));
    outbox(100, 2, "PENDING", null);
    for (int i = 3; i <= 10; i++) {
      outbox(100, i, "SENT", at(0));
    }
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertEquals(parties(3, 10), sentBy(101), "three days after their send");
    assertEquals(at(3 * 24 * 60 + 300), due("P01"), "P01: three days after its mail went out");
    assertEquals("send", state("P02"), "P02's mail is not out: its period has not begun");

    millis.addAndGet(Duration.ofHours(5).toMillis());
    advanceAll();
    assertEquals(parties(1, 10).stream().filter(p -> !p.equals("P02")).toList(), sentBy(101));
    // P02's mail goes out now: its three days begin now
    sql("UPDATE CM_OUTBOX SET STATE = 'SENT', SENT_AT = ? WHERE PARTY_ID = 'P02'", cut.now());
    millis.addAndGet(WorkflowEngine.UNSENT_RECHECK.toMillis());
    advanceAll();
    assertEquals("send", state("P02"));
    millis.addAndGet(Duration.ofDays(3).toMillis());
    advanceAll();
    assertEquals(parties(1, 10), sentBy(101), "everybody reminded once");
  }

  @Test
  void aSegmentConditionSendsItsMembersOneWayAndTheOthersTheOther() throws SQLException {
    segments.put(7L, Set.of("P02", "P05", "P99"));
    Step vip =
        new Step(
            "vip",
            StepKind.IF_SEGMENT,
            null,
            null,
            null,
            null,
            null,
            null,
            "vip-offer",
            "standard",
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
            7L,
            null,
            null);
    Step vipMail = step("vip-mail", StepKind.SEND_EMAIL, s -> s.templateId = 1L);
    Step standardMail = step("standard-mail", StepKind.SEND_EMAIL, s -> s.templateId = 1L);
    Step end = step("end", StepKind.END, s -> s.outcome = null);
    Step end2 = step("end-2", StepKind.END, s -> s.outcome = null);
    WorkflowDefinition d =
        new WorkflowDefinition(
            "check",
            null,
            List.of(
                new WorkflowState("check", "Check", List.of(vip)),
                new WorkflowState("vip-offer", "VIP offer", List.of(vipMail, end)),
                new WorkflowState("standard", "Standard offer", List.of(standardMail, end2))));
    assertEquals(d, WorkflowDefinition.parse(d.toJson().toString()), "JSON round trip");
    publish(d);
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(List.of("P02", "P05"), sentBy(100), "the segment's members: the VIP mail");
    assertEquals(8, sentBy(101).size(), "the others: the standard one");
    assertEquals(
        List.of("SEGMENT 7: yes, from check"),
        strings(
            "SELECT DETAIL FROM CM_WORKFLOW_ACTIVITY WHERE PARTY_ID = 'P05' AND KIND = 'ENTERED'"));
    assertEquals(
        List.of("noSegment"),
        WorkflowDefinition.parse(d.toJson().toString().replaceAll(",?\"segmentId\":7", ""))
            .problems()
            .stream()
            .map(p -> p.key().replace("workflow.problem.", ""))
            .toList());
  }

  @Test
  void aPersonsDecisionTakesThenOrOtherwiseAndNobodyDecidingIsANo() throws SQLException {
    Step decide =
        step(
            "qualified",
            StepKind.WAIT_FOR,
            s -> {
              s.event = ConditionEvent.DECIDED;
              s.amount = 2;
              s.unit = TimeUnit.DAYS;
              s.then = "call";
              s.otherwise = "done";
            });
    Step call = step("call-task", StepKind.TASK, s -> s.title = "Call the qualified lead");
    Step end = step("end", StepKind.END, s -> s.outcome = "NOT_INTERESTED");
    Step won = step("won", StepKind.END, s -> s.outcome = "CONVERTED");
    publish(
        new WorkflowDefinition(
            "qualify",
            null,
            List.of(
                new WorkflowState("qualify", "Qualify", List.of(decide)),
                new WorkflowState("call", "Call", List.of(call, won)),
                new WorkflowState("done", "Done", List.of(end)))));
    cut.enrol(db, version, 1);
    advanceAll();
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE WAIT_EVENT = 'DECIDED'"));
    // no event decides it: an open is not a decision
    event(100, 4, "OPENED", 1);
    cut.scanEvents(db);
    assertEquals(10, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE WAIT_EVENT = 'DECIDED'"));

    assertEquals(2, cut.decide(db, enrolments("P01", "P02"), true, "marketer"));
    assertEquals(1, cut.decide(db, enrolments("P03"), false, "marketer"));
    assertEquals(0, cut.decide(db, enrolments("P01"), false, "analyst"), "decided already");
    advanceAll();
    assertEquals(
        List.of("P01", "P02"),
        strings("SELECT PARTY_ID FROM CM_WORKFLOW_TASK ORDER BY 1"),
        "yes: the call");
    assertEquals(
        List.of("NOT_INTERESTED"),
        strings("SELECT OUTCOME FROM CM_ENROLMENT WHERE PARTY_ID = 'P03'"),
        "no: done");
    assertEquals(
        List.of("marketer"),
        strings(
            "SELECT ACTOR FROM CM_WORKFLOW_ACTIVITY WHERE PARTY_ID = 'P03'"
                + " AND DETAIL = 'DECIDED: no'"));
    assertEquals(7, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE STATUS = 'WAITING'"));

    // two days: nobody decided for the other seven, which is a no
    millis.addAndGet(Duration.ofDays(2).toMillis());
    advanceAll();
    assertEquals(
        8,
        count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE OUTCOME = 'NOT_INTERESTED'"),
        "P03 and the seven");
    assertEquals(2, count("SELECT COUNT(*) FROM CM_WORKFLOW_TASK"));
    assertEquals(0, cut.decide(db, enrolments("P05"), true, "marketer"), "the period is over");
  }

  @Test
  void machineOpensAndBotClicksResolveNoCondition() throws SQLException {
    publish(reminder());
    assertEquals(10, cut.enrol(db, version, 1));
    assertEquals(10, advanceAll());

    // Apple's proxy loads P01's pixel, P02's mail server prefetches it on delivery: nobody moves
    event(100, 1, "OPENED", 1, "MACHINE_OPEN");
    event(100, 2, "OPENED", 1, "MACHINE_OPEN");
    assertEquals(0, cut.scanEvents(db));
    assertEquals(0, advanceAll());
    // P03 opens it (an open recorded before origins existed counts as a person's, too)
    event(100, 3, "OPENED", 2, "HUMAN");
    event(100, 4, "OPENED", 2);
    assertEquals(2, cut.scanEvents(db));
    advanceAll();
    assertEquals(
        List.of("P03", "P04"),
        strings("SELECT PARTY_ID FROM CM_ENROLMENT WHERE STATE_KEY = 'followup' ORDER BY 1"));

    // a scanner's click does not call anyone; the reader's does
    event(100, 3, "CLICKED", 3, "BOT_CLICK");
    assertEquals(0, cut.scanEvents(db));
    event(100, 4, "CLICKED", 4, "HUMAN");
    assertEquals(1, cut.scanEvents(db));
    advanceAll();
    assertEquals(
        List.of("P04"),
        strings("SELECT PARTY_ID FROM CM_WORKFLOW_TASK WHERE KIND = 'CALL' ORDER BY 1"));
  }

  void event(long mailing, int party, String type, int minutesAfterStart, String origin)
      throws SQLException {
    sql(
        "INSERT INTO CM_EVENT (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT, ORIGIN)"
            + " VALUES (nextval('CM_EVENT_SEQ'), ?, 1, ?, ?, ?, ?)",
        mailing,
        party(party),
        type,
        LocalDateTime.ofInstant(START, ZoneOffset.UTC).plusMinutes(minutesAfterStart),
        origin);
  }

  void event(long mailing, int party, String type, int minutesAfterStart) throws SQLException {
    sql(
        "INSERT INTO CM_EVENT (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT)"
            + " VALUES (nextval('CM_EVENT_SEQ'), ?, 1, ?, ?, ?)",
        mailing,
        party(party),
        type,
        LocalDateTime.ofInstant(START, ZoneOffset.UTC).plusMinutes(minutesAfterStart));
  }

  static List<String> parties(int from, int to) {
    List<String> p = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      p.add(party(i));
    }
    return p;
  }

  /** A step built by setting the fields its kind reads. */
  static Step step(String key, StepKind kind, java.util.function.Consumer<StepFields> settings) {
    StepFields f = new StepFields();
    settings.accept(f);
    return new Step(
        key,
        kind,
        null,
        f.templateId,
        f.amount,
        f.unit,
        null,
        f.event,
        f.then,
        f.otherwise,
        f.taskKind,
        f.title,
        null,
        null,
        f.cost,
        f.perContact,
        f.listId,
        f.target,
        f.outcome,
        f.branches,
        f.steps,
        f.window,
        f.anyTime,
        f.untilWindow);
  }

  static final class StepFields {
    Long templateId;
    Integer amount;
    TimeUnit unit;
    ConditionEvent event;
    String then;
    String otherwise;
    String taskKind;
    String title;
    BigDecimal cost;
    Boolean perContact;
    Long listId;
    String target;
    String outcome;
    List<Step.Branch> branches;
    List<Step> steps;
    SendWindow window;
    Boolean anyTime;
    Boolean untilWindow;
  }

  String state(String party) throws SQLException {
    return strings("SELECT STATE_KEY FROM CM_ENROLMENT WHERE PARTY_ID = '" + party + "'").get(0);
  }

  List<String> sentBy(long mailing) {
    List<String> s = new ArrayList<>(sent.getOrDefault(mailing, List.of()));
    java.util.Collections.sort(s);
    return s;
  }

  void sql(String statement, Object... parameters) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }

  long count(String query) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  List<String> strings(String query) throws SQLException {
    List<String> r = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        r.add(rs.getString(1));
      }
    }
    return r;
  }
}
