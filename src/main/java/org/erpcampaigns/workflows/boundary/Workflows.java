package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.mailings.boundary.WorkflowMailings;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.platform.control.RuleException;
import org.erpcampaigns.workflows.control.WorkflowEngine;
import org.erpcampaigns.workflows.control.WorkflowMigration;
import org.erpcampaigns.workflows.control.WorkflowTemplates;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.Workflow;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowRuleException;
import org.erpcampaigns.workflows.entity.WorkflowStatus;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * Workflows for the screens and the REST API: drafts, validation, publishing versions, the status
 * moves, the contacts per state, moving contacts by hand and running a state's steps now, the
 * timeline of a contact and the tasks workflows ask people to do. Reading is for every role;
 * changing is for admins and marketers; every manual act is in the workflow's activity with who did
 * it.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class Workflows {
  private static final Logger LOG = Logger.getLogger(Workflows.class.getName());

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @EJB WorkflowMailings mailings;
  @EJB Campaigns campaigns;
  @EJB DistributionLists lists;

  private LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
  }

  private String caller() {
    return session.getCallerPrincipal().getName();
  }

  public List<Workflow> all() {
    return em.createNamedQuery(Workflow.ALL, Workflow.class).getResultList();
  }

  public List<Workflow> ofCampaign(long campaignId) {
    return em.createNamedQuery(Workflow.OF_CAMPAIGN, Workflow.class)
        .setParameter("campaign", campaignId)
        .getResultList();
  }

  public Workflow get(long id) {
    Workflow w = em.find(Workflow.class, id);
    if (w == null) {
      throw WorkflowRuleException.notFound("workflow.error.unknown", id);
    }
    return w;
  }

  /** The published versions of a workflow, newest first. */
  public List<WorkflowVersion> versions(long id) {
    return em.createNamedQuery(WorkflowVersion.OF_WORKFLOW, WorkflowVersion.class)
        .setParameter("workflow", id)
        .getResultList();
  }

  public List<WorkflowTemplates.Template> templates() {
    return WorkflowTemplates.all();
  }

  /** A new draft, empty or from a ready-made workflow ({@code template}: its key). */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public Workflow create(
      long campaignId,
      String name,
      Long listId,
      boolean keepEnrolling,
      boolean reEntry,
      WorkflowDefinition definition,
      String template) {
    campaigns.get(campaignId);
    if (listId != null) {
      lists.list(listId);
    }
    Workflow w = new Workflow(campaignId, name, listId, keepEnrolling, reEntry, caller(), now());
    WorkflowDefinition d = definition;
    if (template != null && !template.isBlank()) {
      d =
          WorkflowTemplates.named(template.strip())
              .orElseThrow(() -> WorkflowRuleException.invalid("workflow.error.template", template))
              .definition();
    }
    if (d != null) {
      w.saveDraft(d, listId, keepEnrolling, reEntry, now());
    }
    em.persist(w);
    em.flush();
    LOG.info(() -> "event=workflow-created id=" + w.getId() + " by=" + caller());
    return w;
  }

  /** Saves the draft; {@code version} is the one read (a change made since is refused). */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public Workflow saveDraft(
      long id,
      Integer version,
      String name,
      Long listId,
      boolean keepEnrolling,
      boolean reEntry,
      WorkflowDefinition definition) {
    Workflow w = current(id, version);
    if (listId != null) {
      lists.list(listId);
    }
    if (name != null) {
      w.rename(name);
    }
    w.saveDraft(definition, listId, keepEnrolling, reEntry, now());
    flush();
    return w;
  }

  /**
   * Everything that keeps the definition from being published: its own problems, and templates or
   * lists that do not exist.
   */
  public List<WorkflowDefinition.Problem> problems(WorkflowDefinition d) {
    List<WorkflowDefinition.Problem> problems = new ArrayList<>(d.problems());
    for (var state : d.states()) {
      for (Step s : state.steps()) {
        for (Step step : s.kind() == StepKind.GROUP ? s.steps() : List.of(s)) {
          if (step.templateId() != null && mailings.template(step.templateId()).isEmpty()) {
            problems.add(
                new WorkflowDefinition.Problem(
                    "workflow.problem.unknownTemplate",
                    state.key(),
                    step.key(),
                    step.templateId()));
          }
          if (step.segmentId() != null && !segmentExists(step.segmentId())) {
            problems.add(
                new WorkflowDefinition.Problem(
                    "workflow.problem.unknownSegment", state.key(), step.key(), step.segmentId()));
          }
          if (step.listId() != null && !listExists(step.listId())) {
            problems.add(
                new WorkflowDefinition.Problem(
                    "workflow.problem.unknownList", state.key(), step.key(), step.listId()));
          }
        }
      }
    }
    return problems;
  }

  private boolean segmentExists(long segmentId) {
    try {
      lists.segment(segmentId);
      return true;
    } catch (RuleException e) {
      return false;
    }
  }

  private boolean listExists(long listId) {
    try {
      lists.list(listId);
      return true;
    } catch (RuleException e) {
      return false;
    }
  }

  /**
   * Publishes the draft as a new version: contacts enrolled from now on start on it; those inside
   * stay on theirs. Refused with the first problem while the draft has any.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public WorkflowVersion publish(long id, Integer version) {
    Workflow w = current(id, version);
    WorkflowDefinition d = w.draft();
    List<WorkflowDefinition.Problem> problems = problems(d);
    if (!problems.isEmpty()) {
      WorkflowDefinition.Problem p = problems.get(0);
      throw WorkflowRuleException.invalid(
          "workflow.error.cannotPublish",
          problems.size(),
          new WorkflowProblems.Label(p.key()),
          String.valueOf(p.state()),
          String.valueOf(p.step()));
    }
    if (w.getListId() == null) {
      throw WorkflowRuleException.invalid("workflow.error.noList");
    }
    int number =
        em.createNamedQuery(WorkflowVersion.OF_WORKFLOW, WorkflowVersion.class)
                .setParameter("workflow", id)
                .setMaxResults(1)
                .getResultStream()
                .map(WorkflowVersion::getNumber)
                .findFirst()
                .orElse(0)
            + 1;
    List<WorkflowVersion> earlier = new java.util.ArrayList<>(versions(id));
    java.util.Collections.reverse(earlier);
    WorkflowVersion v = new WorkflowVersion(id, number, d, caller(), now());
    em.persist(v);
    em.flush();
    MailingState state =
        w.getStatus() == WorkflowStatus.ACTIVE ? MailingState.SENDING : MailingState.PAUSED;
    for (Step step : d.allSteps()) {
      if (step.kind() == StepKind.SEND_EMAIL) {
        // the same email (key and template) as an earlier version sends through its mailing
        long sender =
            earlier.stream()
                .filter(e -> e.definition().sendsSameEmail(step))
                .map(WorkflowVersion::getId)
                .findFirst()
                .orElse(v.getId());
        sql(
            c -> {
              mailings.stepMailing(
                  id,
                  WorkflowEngine.stepReference(sender, step.key()),
                  w.getCampaignId(),
                  step.templateId(),
                  w.getListId(),
                  state,
                  caller());
              return null;
            });
      }
    }
    w.published(v.getId(), now());
    activity(id, null, "MANUAL", null, "published version " + number);
    LOG.info(() -> "event=workflow-published id=" + id + " version=" + number + " by=" + caller());
    return v;
  }

  /** START, PAUSE, RESUME, STOP. A start enrols the list's members at once. */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public Workflow perform(long id, Integer version, String action) {
    Workflow w = current(id, version);
    String a = action == null ? "" : action.strip().toUpperCase(java.util.Locale.ROOT);
    LocalDateTime now = now();
    switch (a) {
      case "START" -> {
        if (!"ACTIVE".equals(campaigns.get(w.getCampaignId()).getStatus().name())) {
          throw WorkflowRuleException.conflict("workflow.error.campaignNotActive");
        }
        w.start(now);
        follow(w, MailingState.SENDING);
        flush();
        int enrolled =
            sql(
                c ->
                    new WorkflowEngine(clock, null, null)
                        .enrol(c, w.getPublishedVersionId(), w.getListId()));
        activity(id, null, "MANUAL", null, "started, " + enrolled + " contacts enrolled");
      }
      case "PAUSE" -> {
        w.pause(now);
        follow(w, MailingState.PAUSED);
      }
      case "RESUME" -> {
        w.resume(now);
        follow(w, MailingState.SENDING);
      }
      case "STOP" -> {
        w.stop(now);
        follow(w, MailingState.CANCELLED);
      }
      default -> throw WorkflowRuleException.invalid("workflow.error.action", action);
    }
    if (!"START".equals(a)) {
      activity(id, null, "MANUAL", null, a);
    }
    flush();
    LOG.info(() -> "event=workflow-" + a.toLowerCase() + " id=" + id + " by=" + caller());
    return w;
  }

  private void follow(Workflow w, MailingState state) {
    sql(
        c -> {
          mailings.follow(w.getId(), state);
          return null;
        });
  }

  /** Contacts per state and status, for the designer's boxes and the API. */
  public Map<String, Map<String, Long>> counts(long id) {
    get(id);
    return sql(
        c -> {
          Map<String, Map<String, Long>> counts = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT STATE_KEY, STATUS, COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ?"
                      + " GROUP BY STATE_KEY, STATUS")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                counts
                    .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(rs.getString(2), rs.getLong(3));
              }
            }
          }
          return counts;
        });
  }

  /** One contact in a workflow, as the state's list shows it. */
  public record Member(
      long enrolmentId,
      String partyId,
      String state,
      String status,
      LocalDateTime dueAt,
      LocalDateTime stateSince,
      String outcome) {}

  /** A page of a workflow's contacts, optionally of one state. */
  public List<Member> members(long id, String state, int first, int size) {
    get(id);
    return sql(
        c -> {
          List<Member> result = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ID, PARTY_ID, STATE_KEY, STATUS, DUE_AT, STATE_SINCE, OUTCOME"
                      + " FROM CM_ENROLMENT WHERE WORKFLOW_ID = ? AND (? IS NULL OR STATE_KEY = ?)"
                      + " ORDER BY PARTY_ID, ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setLong(1, id);
            ps.setString(2, state);
            ps.setString(3, state);
            ps.setInt(4, Math.max(0, first));
            ps.setInt(5, Math.max(1, Math.min(size, 500)));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new Member(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDateTime.class),
                        rs.getObject(6, LocalDateTime.class),
                        rs.getString(7)));
              }
            }
          }
          return result;
        });
  }

  /**
   * Moves contacts by hand to a state of their version, where its steps run at once: the given
   * contacts, or everyone in {@code fromState} when none are given. Returns how many moved.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int move(long id, List<String> parties, String fromState, String toState) {
    Workflow w = get(id);
    if (w.getStatus() == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    if (toState == null || w.getPublishedVersionId() == null) {
      throw WorkflowRuleException.invalid("workflow.error.unknownState", String.valueOf(toState));
    }
    boolean some = parties != null && !parties.isEmpty();
    if (!some && fromState == null) {
      throw WorkflowRuleException.invalid("workflow.error.nobodyToMove");
    }
    LocalDateTime now = now();
    String who =
        " FROM CM_ENROLMENT e WHERE e.WORKFLOW_ID = ? AND e.STATUS <> 'ENDED'"
            + (some ? " AND e.PARTY_ID = ANY (?)" : " AND e.STATE_KEY = ?")
            + " AND e.VERSION_ID IN (SELECT v.ID FROM CM_WORKFLOW_VERSION v WHERE v.WORKFLOW_ID = ?)";
    return sql(
        c -> {
          // every version the contacts are on must know the state
          try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT e.VERSION_ID" + who)) {
            bindWho(c, ps, id, some, parties, fromState);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                WorkflowDefinition d = em.find(WorkflowVersion.class, rs.getLong(1)).definition();
                if (d.state(toState).isEmpty()) {
                  throw WorkflowRuleException.invalid("workflow.error.unknownState", toState);
                }
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                      + " STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                      + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), e.WORKFLOW_ID, e.ID, e.PARTY_ID,"
                      + " 'MANUAL', ?, CONCAT('moved by hand from ', e.STATE_KEY), ?, ?"
                      + who)) {
            ps.setString(1, toState);
            ps.setString(2, caller());
            ps.setObject(3, now);
            bindWho(c, ps, id, some, parties, fromState, 4);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE CM_ENROLMENT SET STATE_KEY = ?, STEP_INDEX = 0, STATUS = 'ACTIVE',"
                      + " DUE_AT = ?, STATE_SINCE = ?, WAIT_EVENT = NULL, WAIT_SINCE = NULL,"
                      + " THEN_STATE = NULL, OTHERWISE_STATE = NULL WHERE ID IN (SELECT e.ID"
                      + who
                      + ")")) {
            ps.setString(1, toState);
            ps.setObject(2, now);
            ps.setObject(3, now);
            bindWho(c, ps, id, some, parties, fromState, 4);
            int moved = ps.executeUpdate();
            LOG.info(
                () ->
                    "event=workflow-contacts-moved id="
                        + id
                        + " to="
                        + toState
                        + " count="
                        + moved
                        + " by="
                        + caller());
            return moved;
          }
        });
  }

  /**
   * Pauses contacts by hand where they are (the given ones, or everyone in {@code state}): none of
   * their steps runs and no condition of theirs is decided until they are resumed; the goal still
   * takes them out. Emails already handed to the outbox still go. Returns how many were paused.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int pauseContacts(long id, List<String> parties, String state) {
    return hold(id, parties, state, true);
  }

  /**
   * Resumes contacts paused by hand: they go on where they were; a condition whose event came
   * meanwhile takes "then" at once. Returns how many were resumed.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int resumeContacts(long id, List<String> parties, String state) {
    return hold(id, parties, state, false);
  }

  private int hold(long id, List<String> parties, String state, boolean hold) {
    Workflow w = get(id);
    if (w.getStatus() == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    boolean some = parties != null && !parties.isEmpty();
    if (!some && state == null) {
      throw WorkflowRuleException.invalid("workflow.error.nobodySelected");
    }
    LocalDateTime now = now();
    int done =
        sql(
            c -> {
              java.sql.Array selected =
                  WorkflowEngine.chosen(
                      c,
                      id,
                      hold ? "e.STATUS IN ('ACTIVE', 'WAITING')" : "e.STATUS = 'PAUSED'",
                      parties,
                      state);
              if (selected == null) {
                return 0;
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID,"
                          + " KIND, STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                          + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), e.WORKFLOW_ID, e.ID,"
                          + " e.PARTY_ID, 'MANUAL', e.STATE_KEY, ?, ?, ? FROM CM_ENROLMENT e"
                          + " WHERE e.ID = ANY (?)")) {
                ps.setString(1, hold ? "paused by hand" : "resumed by hand");
                ps.setString(2, caller());
                ps.setObject(3, now);
                ps.setArray(4, selected);
                ps.executeUpdate();
              }
              WorkflowEngine engine = new WorkflowEngine(clock, null, orderView());
              return hold ? engine.hold(c, selected) : engine.release(c, selected);
            });
    LOG.info(
        () ->
            "event=workflow-contacts-"
                + (hold ? "paused" : "resumed")
                + " id="
                + id
                + " count="
                + done
                + " by="
                + caller());
    return done;
  }

  /** The order view of the configured contact mapping (ORDERED conditions read it). */
  private String orderView() {
    return org.erpcampaigns.contacts.control.MappedViews.orders(em);
  }

  private static void bindWho(
      Connection c,
      PreparedStatement ps,
      long id,
      boolean some,
      List<String> parties,
      String fromState,
      int... start)
      throws SQLException {
    int i = start.length == 0 ? 1 : start[0];
    ps.setLong(i++, id);
    if (some) {
      ps.setArray(i++, c.createArrayOf("VARCHAR", parties.toArray()));
    } else {
      ps.setString(i++, fromState);
    }
    ps.setLong(i, id);
  }

  /** An ad-hoc send: its mailing and how many contacts it was queued for. */
  public record AdHocSend(long mailingId, int contacts) {}

  /**
   * Sends a template now to the contacts in a state of a running workflow (not those held or
   * ended), outside its steps: a mailing of its own, through the outbox (so suppression, throttling
   * and tracking apply, and contacts who may not be mailed are left out), paused and cancelled with
   * the workflow, its opens and clicks counted by the workflow's conditions. Each contact it is
   * queued for gets a line in its timeline with who sent it.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public AdHocSend sendNow(long id, String state, Long templateId) {
    Workflow w = get(id);
    if (w.getStatus() != WorkflowStatus.ACTIVE) {
      throw WorkflowRuleException.conflict("workflow.error.notRunning");
    }
    if (templateId == null) {
      throw WorkflowRuleException.invalid("workflow.error.adHocTemplate");
    }
    String templateName =
        mailings
            .template(templateId)
            .map(t -> t.getName())
            .orElseThrow(
                () -> WorkflowRuleException.invalid("mailing.error.unknownTemplate", templateId));
    WorkflowVersion published = em.find(WorkflowVersion.class, w.getPublishedVersionId());
    if (state == null || published.definition().state(state).isEmpty()) {
      throw WorkflowRuleException.invalid("workflow.error.unknownState", String.valueOf(state));
    }
    LocalDateTime now = now();
    String who =
        " FROM CM_ENROLMENT e WHERE e.WORKFLOW_ID = ? AND e.STATE_KEY = ?"
            + " AND e.STATUS IN ('ACTIVE', 'WAITING')";
    return sql(
        c -> {
          long mailing =
              mailings.stepMailing(
                  id,
                  "adhoc:" + java.util.UUID.randomUUID(),
                  w.getCampaignId(),
                  templateId,
                  w.getListId(),
                  MailingState.SENDING,
                  caller());
          List<String> parties = new java.util.ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT e.PARTY_ID" + who + " ORDER BY e.PARTY_ID")) {
            ps.setLong(1, id);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                parties.add(rs.getString(1));
              }
            }
          }
          int queued = 0;
          for (int from = 0; from < parties.size(); from += 1000) {
            queued +=
                mailings
                    .enqueue(
                        mailing, 1, parties.subList(from, Math.min(parties.size(), from + 1000)))
                    .size();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                      + " STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                      + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), e.WORKFLOW_ID, e.ID, e.PARTY_ID,"
                      + " 'MANUAL', e.STATE_KEY, ?, ?, ?"
                      + who
                      + " AND e.PARTY_ID IN (SELECT o.PARTY_ID FROM CM_OUTBOX o"
                      + " WHERE o.MAILING_ID = ?)")) {
            String detail = "ad-hoc email \"" + templateName + "\", mailing " + mailing;
            ps.setString(1, detail.length() <= 1000 ? detail : detail.substring(0, 1000));
            ps.setString(2, caller());
            ps.setObject(3, now);
            ps.setLong(4, id);
            ps.setString(5, state);
            ps.setLong(6, mailing);
            ps.executeUpdate();
          }
          int count = queued;
          LOG.info(
              () ->
                  "event=workflow-ad-hoc-send id="
                      + id
                      + " state="
                      + state
                      + " mailing="
                      + mailing
                      + " contacts="
                      + count
                      + " by="
                      + caller());
          return new AdHocSend(mailing, queued);
        });
  }

  /**
   * What {@link #migrate} would do with this mapping (state key of an earlier version to a state of
   * the published one; unnamed states go to the state of the same key, if there is one): per
   * earlier version and state, the contacts inside, where they would go and how many keep their
   * place. Nothing is changed.
   */
  public List<WorkflowMigration.Row> migrationPreview(long id, Map<String, String> mapping) {
    Workflow w = get(id);
    return sql(c -> migration(w).preview(c, mapping == null ? Map.of() : mapping));
  }

  /**
   * Moves the contacts of the earlier versions onto the published version as mapped (see {@link
   * #migrationPreview}); every contact moved gets a line in its timeline. Returns how many moved.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int migrate(long id, Map<String, String> mapping) {
    Workflow w = get(id);
    if (w.getStatus() == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    WorkflowMigration m = migration(w);
    LocalDateTime now = now();
    int moved =
        sql(
            c -> {
              try {
                return m.migrate(c, mapping == null ? Map.of() : mapping, caller(), now);
              } catch (IllegalArgumentException e) {
                throw WorkflowRuleException.invalid("workflow.error.unknownState", e.getMessage());
              }
            });
    activity(id, null, "MANUAL", null, "migrated " + moved + " contacts to the published version");
    LOG.info(() -> "event=workflow-migrated id=" + id + " contacts=" + moved + " by=" + caller());
    return moved;
  }

  private WorkflowMigration migration(Workflow w) {
    if (w.getPublishedVersionId() == null) {
      throw WorkflowRuleException.conflict("workflow.error.notPublished");
    }
    Map<Long, WorkflowDefinition> definitions = new java.util.HashMap<>();
    Map<Long, Integer> numbers = new java.util.HashMap<>();
    for (WorkflowVersion v : versions(w.getId())) {
      definitions.put(v.getId(), v.definition());
      numbers.put(v.getId(), v.getNumber());
    }
    return new WorkflowMigration(w.getId(), definitions, numbers, w.getPublishedVersionId());
  }

  /**
   * "Run now": the contacts of a state no longer wait; their waits end now and their timed
   * conditions are decided now (by the event if it came, else "otherwise"). Returns how many.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int runNow(long id, String state) {
    Workflow w = get(id);
    if (w.getStatus() != WorkflowStatus.ACTIVE) {
      throw WorkflowRuleException.conflict("workflow.error.notRunning");
    }
    LocalDateTime now = now();
    return sql(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, ENROLMENT_ID, PARTY_ID, KIND,"
                      + " STATE_KEY, DETAIL, ACTOR, OCCURRED_AT) SELECT"
                      + " nextval('CM_WORKFLOW_ACTIVITY_SEQ'), WORKFLOW_ID, ID, PARTY_ID, 'MANUAL',"
                      + " STATE_KEY, 'run now', ?, ? FROM CM_ENROLMENT WHERE WORKFLOW_ID = ?"
                      + " AND STATE_KEY = ? AND STATUS IN ('ACTIVE', 'WAITING') AND DUE_AT > ?")) {
            ps.setString(1, caller());
            ps.setObject(2, now);
            ps.setLong(3, id);
            ps.setString(4, state);
            ps.setObject(5, now);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  // WAIT_SECONDS: the period ends now, not at the email's send time plus it
                  "UPDATE CM_ENROLMENT SET DUE_AT = ?, WAIT_SECONDS = NULL WHERE WORKFLOW_ID = ?"
                      + " AND STATE_KEY = ?"
                      + " AND STATUS IN ('ACTIVE', 'WAITING') AND DUE_AT > ?")) {
            ps.setObject(1, now);
            ps.setLong(2, id);
            ps.setString(3, state);
            ps.setObject(4, now);
            return ps.executeUpdate();
          }
        });
  }

  /** One line of a contact's timeline in workflows. */
  public record Activity(
      long workflowId,
      String workflow,
      String kind,
      String state,
      String step,
      String detail,
      String actor,
      LocalDateTime at) {}

  /** A contact's timeline: enrolments, states entered, actions, conditions, manual acts. */
  public List<Activity> timeline(String partyId) {
    return sql(
        c -> {
          List<Activity> result = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.WORKFLOW_ID, w.NAME, a.KIND, a.STATE_KEY, a.STEP_KEY, a.DETAIL,"
                      + " a.ACTOR, a.OCCURRED_AT FROM CM_WORKFLOW_ACTIVITY a JOIN CM_WORKFLOW w"
                      + " ON w.ID = a.WORKFLOW_ID WHERE a.PARTY_ID = ?"
                      // a second entry reads "entered again", with its number
                      + " UNION ALL SELECT e.WORKFLOW_ID, w.NAME, CASE WHEN e.ENTRY > 1 THEN"
                      + " 'REENTERED' ELSE 'ENROLLED' END, NULL, NULL, CASE WHEN e.ENTRY > 1 THEN"
                      + " CONCAT('entry ', CAST(e.ENTRY AS VARCHAR(10))) END,"
                      + " NULL, e.ENROLLED_AT FROM CM_ENROLMENT e JOIN CM_WORKFLOW w"
                      + " ON w.ID = e.WORKFLOW_ID WHERE e.PARTY_ID = ?"
                      + " ORDER BY 8 DESC FETCH FIRST 500 ROWS ONLY")) {
            ps.setString(1, partyId);
            ps.setString(2, partyId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new Activity(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDateTime.class)));
              }
            }
          }
          return result;
        });
  }

  /**
   * What a workflow's UPDATE_CRM step recorded about a contact: a role, a classification, a tag or
   * a communication event, and whether it went into the ERP or stayed in erp-campaigns.
   */
  public record CrmUpdate(
      long workflowId,
      String workflow,
      String step,
      String kind,
      String code,
      String subject,
      String writtenTo,
      LocalDateTime at) {}

  /** A contact's CRM updates by workflows, newest first. */
  public List<CrmUpdate> crmUpdates(String partyId) {
    return sql(
        c -> {
          List<CrmUpdate> result = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.WORKFLOW_ID, w.NAME, u.STEP_KEY, u.KIND, u.CODE, u.SUBJECT,"
                      + " u.WRITTEN_TO, u.CREATED_AT FROM CM_CRM_UPDATE u JOIN CM_WORKFLOW w"
                      + " ON w.ID = u.WORKFLOW_ID WHERE u.PARTY_ID = ?"
                      + " ORDER BY u.CREATED_AT DESC, u.ID DESC FETCH FIRST 500 ROWS ONLY")) {
            ps.setString(1, partyId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new CrmUpdate(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDateTime.class)));
              }
            }
          }
          return result;
        });
  }

  /** An interaction a workflow asks for. */
  public record Task(
      long id,
      long workflowId,
      String workflow,
      String partyId,
      String contactName,
      String kind,
      String title,
      String assignee,
      LocalDateTime dueAt,
      String status,
      String result,
      String doneBy,
      LocalDateTime doneAt) {

    /** Open and past its due time (UTC) at {@code now}. */
    public boolean overdueAt(LocalDateTime now) {
      return "OPEN".equals(status) && dueAt != null && dueAt.isBefore(now);
    }
  }

  /** Open (or all) tasks, optionally of one workflow or one assignee, soonest due first. */
  public List<Task> tasks(Long workflowId, String assignee, boolean openOnly) {
    return tasks(workflowId, assignee, null, openOnly);
  }

  /** The tasks of one contact, open ones first, then the latest done. */
  public List<Task> tasksOf(String partyId) {
    return tasks(null, null, partyId, false);
  }

  /** The number of open tasks assigned to the caller (the navigation's badge). */
  public long openTasksOfCaller() {
    return sql(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM CM_WORKFLOW_TASK WHERE ASSIGNEE = ? AND STATUS = 'OPEN'")) {
            ps.setString(1, caller());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private List<Task> tasks(Long workflowId, String assignee, String partyId, boolean openOnly) {
    return sql(
        c -> {
          List<Task> result = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT t.ID, t.WORKFLOW_ID, w.NAME, t.PARTY_ID, ci.DISPLAY_NAME, t.KIND,"
                      + " t.TITLE, t.ASSIGNEE, t.DUE_AT, t.STATUS, t.RESULT, t.DONE_BY, t.DONE_AT"
                      + " FROM CM_WORKFLOW_TASK t JOIN CM_WORKFLOW w ON w.ID = t.WORKFLOW_ID"
                      + " LEFT JOIN CM_CONTACT_INDEX ci ON ci.PARTY_ID = t.PARTY_ID"
                      + " WHERE (? IS NULL OR t.WORKFLOW_ID = ?)"
                      + " AND (? IS NULL OR t.ASSIGNEE = ?) AND (? IS NULL OR t.PARTY_ID = ?)"
                      + " AND (? = 0 OR t.STATUS = 'OPEN')"
                      + " ORDER BY CASE WHEN t.STATUS = 'OPEN' THEN 0 ELSE 1 END,"
                      + " CASE WHEN t.STATUS = 'OPEN' THEN t.DUE_AT END, t.DONE_AT DESC, t.ID"
                      + " FETCH FIRST 500 ROWS ONLY")) {
            ps.setObject(1, workflowId);
            ps.setObject(2, workflowId);
            ps.setString(3, assignee);
            ps.setString(4, assignee);
            ps.setString(5, partyId);
            ps.setString(6, partyId);
            ps.setInt(7, openOnly ? 1 : 0);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new Task(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getObject(9, LocalDateTime.class),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getObject(13, LocalDateTime.class)));
              }
            }
          }
          return result;
        });
  }

  /**
   * Closes a task with its result; the contact's timeline records who closed it. A task closed by
   * someone else meanwhile is refused (nothing is overwritten).
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public void completeTask(long taskId, String result) {
    String text = result == null || result.isBlank() ? null : result.strip();
    if (text != null && text.length() > 1000) {
      throw WorkflowRuleException.invalid("workflow.error.tooLong", 1000);
    }
    Object[] task =
        sql(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE CM_WORKFLOW_TASK SET STATUS = 'DONE', DONE_AT = ?, DONE_BY = ?,"
                          + " RESULT = ? WHERE ID = ? AND STATUS = 'OPEN'")) {
                ps.setObject(1, now());
                ps.setString(2, caller());
                ps.setString(3, text);
                ps.setLong(4, taskId);
                if (ps.executeUpdate() == 0) {
                  return null;
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT WORKFLOW_ID, PARTY_ID, KIND, TITLE FROM CM_WORKFLOW_TASK"
                          + " WHERE ID = ?")) {
                ps.setLong(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return new Object[] {
                    rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)
                  };
                }
              }
            });
    if (task == null) {
      throw WorkflowRuleException.notFound("workflow.error.unknownTask", taskId);
    }
    String detail = task[2] + ": " + task[3] + (text == null ? "" : " — " + text);
    activity(
        (Long) task[0],
        (String) task[1],
        "TASK_DONE",
        null,
        detail.length() > 1000 ? detail.substring(0, 1000) : detail);
  }

  private void activity(long workflowId, String party, String kind, String state, String detail) {
    sql(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_WORKFLOW_ACTIVITY (ID, WORKFLOW_ID, PARTY_ID, KIND, STATE_KEY,"
                      + " DETAIL, ACTOR, OCCURRED_AT) VALUES (nextval('CM_WORKFLOW_ACTIVITY_SEQ'),"
                      + " ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, workflowId);
            ps.setString(2, party);
            ps.setString(3, kind);
            ps.setString(4, state);
            ps.setString(5, detail);
            ps.setString(6, caller());
            ps.setObject(7, now());
            return ps.executeUpdate();
          }
        });
  }

  private Workflow current(long id, Integer version) {
    Workflow w = get(id);
    em.lock(w, LockModeType.OPTIMISTIC);
    if (version != null && version != w.getVersion()) {
      throw WorkflowRuleException.conflict("workflow.error.changed");
    }
    return w;
  }

  private void flush() {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw WorkflowRuleException.conflict("workflow.error.changed");
    }
  }

  @FunctionalInterface
  interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(Sql<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
