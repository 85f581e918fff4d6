package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * The mailings a workflow sends through: one per published version and email step, open (SENDING)
 * while the workflow runs, so the sender, its throttles, suppression at send time, tracking and RFC
 * 8058 unsubscribe work for workflow emails as for any send; the outbox's (mailing, contact, entry)
 * key makes each email step exactly once per contact and entry into the workflow. Called by the
 * workflow engine inside its transaction.
 */
@Stateless
@PermitAll
public class WorkflowMailings {
  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "campaigns.mail.max-attempts", defaultValue = "6")
  int maxAttempts;

  private final Clock clock = Clock.systemUTC();

  public Optional<MailTemplate> template(long templateId) {
    return Optional.ofNullable(em.find(MailTemplate.class, templateId));
  }

  /**
   * The mailing of a workflow version's email step ({@code step}: its reference), created on the
   * first call, in {@code state}.
   */
  public long stepMailing(
      long workflowId,
      String step,
      long campaignId,
      long templateId,
      long listId,
      MailingState state,
      String by)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT ID FROM CM_MAILING WHERE WORKFLOW_STEP = ?")) {
        ps.setString(1, step);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement("SELECT nextval('CM_MAILING_SEQ')");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
      LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_MAILING (ID, TEMPLATE_ID, CAMPAIGN_ID, LIST_ID, STATE, SEND_AT,"
                  + " TIME_ZONE, CREATED_BY, CREATED_AT, STARTED_AT, WORKFLOW_ID, WORKFLOW_STEP)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 'UTC', ?, ?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setLong(2, templateId);
        ps.setLong(3, campaignId);
        ps.setLong(4, listId);
        ps.setString(5, state.name());
        ps.setObject(6, now);
        ps.setString(7, by);
        ps.setObject(8, now);
        ps.setObject(9, now);
        ps.setLong(10, workflowId);
        ps.setString(11, step);
        ps.executeUpdate();
      }
      return id;
    }
  }

  /**
   * Enqueues a step's message of the contacts' {@code entry} into the workflow for those who may be
   * mailed; returns who has it.
   */
  public Set<String> enqueue(long mailingId, int entry, List<String> parties) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long campaignId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT CAMPAIGN_ID FROM CM_MAILING WHERE ID = ?")) {
        ps.setLong(1, mailingId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no mailing " + mailingId);
          }
          campaignId = rs.getLong(1);
        }
      }
      return OutboxStore.enqueueContacts(
          c,
          mailingId,
          campaignId,
          entry,
          parties,
          LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }
  }

  /**
   * The workflow's mailings follow its status: SENDING while it runs, PAUSED while it is paused,
   * CANCELLED (with what they have not sent) when it stops.
   */
  public void follow(long workflowId, MailingState state) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_MAILING SET STATE = ?, VERSION = VERSION + 1,"
                  + " FINISHED_AT = CASE WHEN ? = 'CANCELLED' THEN ? ELSE FINISHED_AT END"
                  + " WHERE WORKFLOW_ID = ? AND STATE NOT IN ('CANCELLED', 'COMPLETED')")) {
        ps.setString(1, state.name());
        ps.setString(2, state.name());
        ps.setObject(3, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        ps.setLong(4, workflowId);
        ps.executeUpdate();
      }
      if (state == MailingState.CANCELLED) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT ID FROM CM_MAILING WHERE WORKFLOW_ID = ?")) {
          ps.setLong(1, workflowId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              OutboxStore.cancelUnsent(c, rs.getLong(1), maxAttempts);
            }
          }
        }
      }
    }
  }
}
