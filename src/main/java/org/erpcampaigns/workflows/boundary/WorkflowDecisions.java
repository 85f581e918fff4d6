package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.workflows.control.WorkflowEngine;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowRuleException;
import org.erpcampaigns.workflows.entity.WorkflowState;
import org.erpcampaigns.workflows.entity.WorkflowStatus;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * The decisions queue: contacts whose workflow waits for a person's decision (a DECIDED condition),
 * soonest due first, and the decision itself, for some contacts or for everyone a state holds — yes
 * takes the condition's "then", no its "otherwise"; nobody deciding within the period is a no,
 * taken by the engine.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class WorkflowDecisions {
  private static final Logger LOG = Logger.getLogger(WorkflowDecisions.class.getName());

  /** The most decisions the queue lists at once. */
  static final int MAX = 500;

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @EJB Workflows workflows;

  /** A contact waiting for a decision: what is asked (the condition's name), by when. */
  public record Decision(
      long enrolmentId,
      long workflowId,
      String workflow,
      String partyId,
      String contactName,
      String state,
      String question,
      LocalDateTime dueAt) {}

  /** The contacts waiting for a decision (of one workflow, or all), soonest due first. */
  public List<Decision> pending(Long workflowId) {
    record Row(
        long id,
        long workflowId,
        String workflow,
        String party,
        String name,
        long version,
        String state,
        int step,
        LocalDateTime due) {}
    List<Row> rows = new ArrayList<>();
    sql(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT e.ID, e.WORKFLOW_ID, w.NAME, e.PARTY_ID, ci.DISPLAY_NAME, e.VERSION_ID,"
                      + " e.STATE_KEY, e.STEP_INDEX, e.DUE_AT FROM CM_ENROLMENT e"
                      + " JOIN CM_WORKFLOW w ON w.ID = e.WORKFLOW_ID"
                      + " LEFT JOIN CM_CONTACT_INDEX ci ON ci.PARTY_ID = e.PARTY_ID"
                      + " WHERE e.STATUS = 'WAITING' AND e.WAIT_EVENT = 'DECIDED'"
                      + (workflowId == null ? "" : " AND e.WORKFLOW_ID = ?")
                      + " ORDER BY e.DUE_AT, e.ID LIMIT "
                      + MAX)) {
            if (workflowId != null) {
              ps.setLong(1, workflowId);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getObject(9, LocalDateTime.class)));
              }
            }
          }
          return null;
        });
    Map<Long, WorkflowDefinition> definitions = new HashMap<>();
    List<Decision> result = new ArrayList<>();
    for (Row r : rows) {
      WorkflowDefinition d =
          definitions.computeIfAbsent(
              r.version(), v -> em.find(WorkflowVersion.class, v).definition());
      WorkflowState state = d.state(r.state()).orElse(null);
      String question = r.state();
      String stateName = r.state();
      if (state != null) {
        stateName = state.name();
        if (r.step() < state.steps().size()) {
          Step step = state.steps().get(r.step());
          question = step.name() == null || step.name().isBlank() ? step.key() : step.name();
        }
      }
      result.add(
          new Decision(
              r.id(),
              r.workflowId(),
              r.workflow(),
              r.party(),
              r.name(),
              stateName,
              question,
              r.due()));
    }
    return result;
  }

  /**
   * Decides for the given contacts of the workflow, or for everyone in {@code state} who waits for
   * a decision: yes ("then") or no ("otherwise"). Returns how many were decided.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public int decide(long workflowId, List<String> parties, String state, Boolean yes) {
    if (workflows.get(workflowId).getStatus() == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    boolean some = parties != null && !parties.isEmpty();
    if (!some && state == null) {
      throw WorkflowRuleException.invalid("workflow.error.nobodySelected");
    }
    if (yes == null) {
      throw WorkflowRuleException.invalid("workflow.error.decision");
    }
    String actor = session.getCallerPrincipal().getName();
    int decided =
        sql(
            c -> {
              java.sql.Array ids =
                  WorkflowEngine.chosen(
                      c,
                      workflowId,
                      "e.STATUS = 'WAITING' AND e.WAIT_EVENT = 'DECIDED'",
                      parties,
                      state);
              return ids == null
                  ? 0
                  : new WorkflowEngine(clock, null, null).decide(c, ids, yes, actor);
            });
    LOG.info(
        () ->
            "event=workflow-decided id="
                + workflowId
                + " decision="
                + (yes ? "yes" : "no")
                + " count="
                + decided
                + " by="
                + actor);
    return decided;
  }

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
