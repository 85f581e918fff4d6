package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.contacts.boundary.CrmWriteBack;
import org.erpcampaigns.contacts.control.MappedViews;
import org.erpcampaigns.mailings.boundary.WorkflowMailings;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.workflows.control.SendTimes;
import org.erpcampaigns.workflows.control.WorkflowEngine;
import org.erpcampaigns.workflows.entity.Holidays;

/**
 * Runs the engine's work in transactions of their own: one claimed batch, one scan of new events,
 * one enrolment. The effects of steps go to the capabilities that own them (mailings, audiences,
 * campaigns), inside the same transaction, so a batch happens whole or not at all.
 */
@Stateless
@PermitAll
public class WorkflowRunner {
  /** Who the workflow engine is in lists' and campaigns' histories. */
  static final String ENGINE = "workflow";

  private static final Logger LOG = Logger.getLogger(WorkflowRunner.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PersistenceUnit EntityManagerFactory emf;
  @Inject Clock clock;
  @EJB WorkflowMailings mailings;
  @EJB DistributionLists lists;
  @EJB Campaigns campaigns;
  @EJB CrmWriteBack crm;

  @Inject
  @ConfigProperty(name = "campaigns.workflows.order-scan-seconds", defaultValue = "30")
  long orderScanSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.workflows.default-zone", defaultValue = "UTC")
  String defaultZone;

  @Inject
  @ConfigProperty(name = "campaigns.workflows.holidays")
  Optional<String> holidays;

  private WorkflowEngine engine;

  @PostConstruct
  void init() {
    String orderView = MappedViews.orders(emf);
    engine =
        new WorkflowEngine(
            clock,
            new WorkflowEngine.Effects(
                mailings::enqueue,
                (list, parties) -> lists.changeByWorkflow(list, parties, true, ENGINE),
                (list, parties) -> lists.changeByWorkflow(list, parties, false, ENGINE),
                (campaign, amount, text) ->
                    campaigns.recordWorkflowCost(campaign, amount, text, ENGINE),
                lists::matching,
                new WorkflowEngine.CrmWriter() {
                  @Override
                  public boolean toErp(String kind) {
                    return crm.toErp(kind);
                  }

                  @Override
                  public void write(String kind, String run) throws SQLException {
                    crm.write(kind, run);
                  }
                }),
            orderView,
            java.time.Duration.ofSeconds(orderScanSeconds),
            sendTimes());
  }

  /**
   * The configured default zone and holidays; a value that is not one is left out with a warning
   * (the default zone is then UTC), so a typo neither stops the workflows nor hides the others.
   */
  private SendTimes sendTimes() {
    String zone = defaultZone;
    try {
      ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      LOG.warning(
          () ->
              "event=config-invalid key=campaigns.workflows.default-zone value="
                  + defaultZone
                  + " using=UTC");
      zone = "UTC";
    }
    List<String> valid = new ArrayList<>();
    for (String day : holidays.orElse("").strip().split("[,;\\s]+")) {
      if (Holidays.valid(day)) {
        valid.add(day);
      } else if (!day.isEmpty()) {
        LOG.warning(
            () ->
                "event=config-invalid key=campaigns.workflows.holidays value="
                    + day
                    + " using=the others");
      }
    }
    return SendTimes.configured(zone, String.join(",", valid));
  }

  /** One batch of due contacts; returns how many were claimed. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int advance(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return engine.advance(c, limit);
    }
  }

  /** Matches new events and orders against waiting contacts and goals. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int scanEvents() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return engine.scanEvents(c);
    }
  }

  /**
   * Running workflows that keep enrolling take the members who joined their list since (a dynamic
   * list's refresh, additions by hand), on the newest published version. Returns how many.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int enrolLateJoiners() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<long[]> running = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT PUBLISHED_VERSION_ID, LIST_ID FROM CM_WORKFLOW WHERE STATUS = 'ACTIVE'"
                      + " AND KEEP_ENROLLING = 'Y' AND PUBLISHED_VERSION_ID IS NOT NULL"
                      + " AND LIST_ID IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          running.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      int enrolled = 0;
      for (long[] w : running) {
        enrolled += engine.enrol(c, w[0], w[1]);
      }
      return enrolled;
    }
  }

  /** Enrols a list's members who are not in the workflow yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int enrol(long versionId, long listId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return engine.enrol(c, versionId, listId);
    }
  }
}
