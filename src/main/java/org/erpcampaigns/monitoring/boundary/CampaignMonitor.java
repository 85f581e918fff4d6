package org.erpcampaigns.monitoring.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.contacts.control.MappedViews;
import org.erpcampaigns.monitoring.control.SplitResults;
import org.erpcampaigns.monitoring.entity.AbTest;
import org.erpcampaigns.monitoring.entity.DeliveryRates;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.tracking.boundary.Engagement;
import org.erpcampaigns.tracking.entity.EngagementCounts;
import org.erpcampaigns.workflows.boundary.Workflows;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.Workflow;
import org.erpcampaigns.workflows.entity.WorkflowState;
import org.erpcampaigns.workflows.entity.WorkflowVersion;

/**
 * What a campaign's dashboard shows, read in one call: the outbox by state, engagement by kind
 * (distinct contacts and totals), the rates, sends, opens and clicks per hour, the most clicked
 * links, each workflow's contacts per state, and the budget and goals of the campaigns capability.
 * Every figure is read from the rows that are the truth (outbox, events, enrolments), so the page
 * always agrees with the REST API and the database.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class CampaignMonitor {
  /** Hours of activity the series shows at most (the latest ones). */
  static final int HOURS = 72;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @EJB Campaigns campaigns;
  @EJB Engagement engagement;
  @EJB Workflows workflows;
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** One hour of activity (UTC). */
  public record Hour(LocalDateTime hour, long sent, long opened, long clicked) {}

  /**
   * A link of the campaign's messages: clicks, distinct contacts who clicked it, and the clicks of
   * people (without link scanners' and scripts').
   */
  public record Link(String url, long clicks, long contacts, long humanClicks) {}

  /** A state of a workflow with its contacts by status. */
  public record Stage(String key, String name, long active, long waiting, long paused, long ended) {
    public long getInside() {
      return active + waiting + paused;
    }
  }

  /** A workflow of the campaign as a funnel: its states in their order. */
  public record Funnel(long workflowId, String name, String status, List<Stage> stages) {}

  /** A split of a workflow (A/B/n) with what each of its ways achieved, and the winner if any. */
  public record Split(long workflowId, String workflow, String step, AbTest test) {}

  /** The dashboard's figures at one moment. */
  public record Snapshot(
      long campaignId,
      String campaign,
      String status,
      String currency,
      Map<String, Long> outbox,
      EngagementCounts engagement,
      DeliveryRates rates,
      List<Hour> series,
      List<Link> links,
      List<Funnel> funnels,
      List<Split> splits,
      CampaignKpis kpis,
      BudgetSummary budget,
      LocalDateTime at) {}

  public Snapshot snapshot(long campaignId) {
    Campaign c = campaigns.get(campaignId);
    EngagementCounts e = engagement.ofCampaign(campaignId);
    DeliveryRates rates = DeliveryRates.of(e);
    List<Workflow> ofCampaign = workflows.ofCampaign(campaignId);
    return new Snapshot(
        campaignId,
        c.getName(),
        c.getStatus().name(),
        c.getCurrency(),
        outbox(campaignId),
        e,
        rates,
        series(campaignId),
        links(campaignId),
        funnels(ofCampaign),
        splits(ofCampaign, campaignId, c.getCurrency()),
        campaigns.kpis(campaignId),
        campaigns.budget(campaignId),
        LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
  }

  private Map<String, Long> outbox(long campaignId) {
    Map<String, Long> byState = new TreeMap<>();
    query(
        "SELECT STATE, COUNT(*) FROM CM_OUTBOX WHERE CAMPAIGN_ID = ? GROUP BY STATE",
        campaignId,
        rs -> byState.put(rs.getString(1), rs.getLong(2)));
    return byState;
  }

  private List<Hour> series(long campaignId) {
    Map<LocalDateTime, long[]> hours = new TreeMap<>();
    query(
        "SELECT DATE_TRUNC('HOUR', OCCURRED_AT), TYPE, COUNT(*) FROM CM_EVENT"
            + " WHERE CAMPAIGN_ID = ? AND TYPE IN ('SENT', 'OPENED', 'CLICKED') GROUP BY 1, 2",
        campaignId,
        rs -> {
          long[] h = hours.computeIfAbsent(rs.getObject(1, LocalDateTime.class), k -> new long[3]);
          switch (rs.getString(2)) {
            case "SENT" -> h[0] = rs.getLong(3);
            case "OPENED" -> h[1] = rs.getLong(3);
            default -> h[2] = rs.getLong(3);
          }
        });
    List<Hour> all = new ArrayList<>();
    hours.forEach((at, h) -> all.add(new Hour(at, h[0], h[1], h[2])));
    return all.size() > HOURS ? all.subList(all.size() - HOURS, all.size()) : all;
  }

  private List<Link> links(long campaignId) {
    List<Link> links = new ArrayList<>();
    query(
        "SELECT DETAIL, COUNT(*), COUNT(DISTINCT COALESCE(PARTY_ID, EMAIL)),"
            + " SUM(CASE WHEN COALESCE(ORIGIN, 'HUMAN') = 'HUMAN' THEN 1 ELSE 0 END) FROM CM_EVENT"
            + " WHERE CAMPAIGN_ID = ? AND TYPE = 'CLICKED' AND DETAIL IS NOT NULL"
            + " GROUP BY DETAIL ORDER BY 2 DESC, 1 FETCH FIRST 10 ROWS ONLY",
        campaignId,
        rs -> links.add(new Link(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
    return links;
  }

  private List<Funnel> funnels(List<Workflow> of) {
    List<Funnel> funnels = new ArrayList<>();
    for (Workflow w : of) {
      Map<String, Map<String, Long>> counts = workflows.counts(w.getId());
      Map<String, String> names = new LinkedHashMap<>();
      for (WorkflowState s : w.draft().states()) {
        names.put(s.key(), s.name());
      }
      counts.keySet().forEach(k -> names.putIfAbsent(k, k)); // states of older versions
      List<Stage> stages = new ArrayList<>();
      names.forEach(
          (key, name) -> {
            Map<String, Long> n = counts.getOrDefault(key, Map.of());
            stages.add(
                new Stage(
                    key,
                    name,
                    n.getOrDefault("ACTIVE", 0L),
                    n.getOrDefault("WAITING", 0L),
                    n.getOrDefault("PAUSED", 0L),
                    n.getOrDefault("ENDED", 0L)));
          });
      funnels.add(new Funnel(w.getId(), w.getName(), w.getStatus().name(), stages));
    }
    return funnels;
  }

  /** Each split of the campaign's workflows (as their latest version has it), compared. */
  private List<Split> splits(List<Workflow> of, long campaignId, String currency) {
    List<Split> splits = new ArrayList<>();
    SplitResults results = new SplitResults(MappedViews.orders(em));
    for (Workflow w : of) {
      Map<String, Step> byKey = new LinkedHashMap<>();
      Map<String, String> names = new LinkedHashMap<>();
      for (WorkflowVersion v : workflows.versions(w.getId())) { // newest first
        for (WorkflowState s : v.definition().states()) {
          names.putIfAbsent(s.key(), s.name());
        }
        for (Step s : v.definition().allSteps()) {
          if (s.kind() == StepKind.SPLIT) {
            byKey.putIfAbsent(s.key(), s);
          }
        }
      }
      for (Step s : byKey.values()) {
        Map<String, String> ways = new LinkedHashMap<>();
        s.branches().forEach(b -> ways.put(b.state(), names.getOrDefault(b.state(), b.state())));
        try (Connection c = dataSource.getConnection()) {
          List<AbTest.Way> read = results.ways(c, w.getId(), campaignId, s.key(), ways, currency);
          splits.add(
              new Split(
                  w.getId(),
                  w.getName(),
                  s.name() == null || s.name().isBlank() ? s.key() : s.name(),
                  AbTest.of(read)));
        } catch (SQLException e) {
          throw new IllegalStateException("the dashboard could not be read", e);
        }
      }
    }
    return splits;
  }

  @FunctionalInterface
  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, long campaignId, Row row) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the dashboard could not be read", e);
    }
  }
}
