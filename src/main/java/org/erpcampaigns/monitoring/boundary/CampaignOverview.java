package org.erpcampaigns.monitoring.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignFilter;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.campaigns.control.CampaignQuery;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignStatus;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;
import org.erpcampaigns.tracking.boundary.Engagement;
import org.erpcampaigns.tracking.entity.EngagementCounts;

/**
 * The running campaigns side by side: each one's activity of the last {@link #DAYS} days (people's
 * opens and clicks per day, for a sparkline), what was sent, opened and clicked, the budget used
 * and how far its goals are; read in one pass (one statement for every campaign's days).
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class CampaignOverview {
  /** Days of activity a row shows. */
  public static final int DAYS = 14;

  /** The most campaigns the overview shows. */
  static final int MAX = 200;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @EJB Campaigns campaigns;
  @EJB Engagement engagement;
  @Inject Clock clock;

  /**
   * One running campaign. {@code goals}: the average progress (0-100) of the goals that have a
   * target, null without any; {@code activity}: people's opens and clicks per day, oldest first.
   */
  public record Row(
      long id,
      String name,
      String type,
      String owner,
      long sent,
      long opened,
      long clicked,
      BigDecimal budgetUsed,
      BudgetSummary.State budgetState,
      Integer goals,
      long goalsMet,
      long goalsSet,
      List<Long> activity) {
    public long getSent() {
      return sent;
    }

    public long getOpened() {
      return opened;
    }

    public long getClicked() {
      return clicked;
    }

    public BigDecimal getBudgetUsed() {
      return budgetUsed;
    }

    public Integer getGoals() {
      return goals;
    }

    public String getName() {
      return name;
    }

    public long getActivityTotal() {
      return activity.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The active and paused campaigns, latest start first. */
  public List<Row> rows() {
    List<Campaign> running = new ArrayList<>();
    for (CampaignStatus status : List.of(CampaignStatus.ACTIVE, CampaignStatus.PAUSED)) {
      for (CampaignQuery.Row r :
          campaigns.search(
              new CampaignFilter(null, status, null, null, null),
              CampaignQuery.Sort.START,
              false,
              0,
              MAX)) {
        running.add(r.campaign());
      }
    }
    LocalDate today = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).toLocalDate();
    Map<Long, long[]> days = days(running, today);
    List<Row> rows = new ArrayList<>();
    for (Campaign c : running) {
      EngagementCounts e = engagement.ofCampaign(c.getId());
      BudgetSummary b = campaigns.budget(c.getId());
      CampaignKpis k = campaigns.kpis(c.getId());
      List<Integer> progress =
          k.kpis().stream().map(CampaignKpis.Kpi::getProgress).filter(p -> p != null).toList();
      long[] d = days.getOrDefault(c.getId(), new long[DAYS]);
      List<Long> activity = new ArrayList<>();
      for (long n : d) {
        activity.add(n);
      }
      rows.add(
          new Row(
              c.getId(),
              c.getName(),
              c.getType().name(),
              c.getOwner(),
              e.sent().contacts(),
              e.humanOpened().contacts(),
              e.humanClicked().contacts(),
              b.total().percentUsed(),
              b.total().state(),
              progress.isEmpty()
                  ? null
                  : (int)
                      Math.round(progress.stream().mapToInt(Integer::intValue).average().orElse(0)),
              k.kpis().stream().filter(CampaignKpis.Kpi::isMet).count(),
              progress.size(),
              activity));
    }
    return rows;
  }

  /** People's opens and clicks per campaign and day, the last DAYS days up to today (UTC). */
  private Map<Long, long[]> days(List<Campaign> running, LocalDate today) {
    Map<Long, long[]> days = new HashMap<>();
    if (running.isEmpty()) {
      return days;
    }
    LocalDate first = today.minusDays(DAYS - 1L);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT CAMPAIGN_ID, CAST(OCCURRED_AT AS DATE), COUNT(*) FROM CM_EVENT"
                    + " WHERE CAMPAIGN_ID = ANY (?) AND TYPE IN ('OPENED', 'CLICKED')"
                    + " AND COALESCE(ORIGIN, 'HUMAN') = 'HUMAN' AND OCCURRED_AT >= ?"
                    + " GROUP BY CAMPAIGN_ID, CAST(OCCURRED_AT AS DATE)")) {
      ps.setArray(1, c.createArrayOf("BIGINT", running.stream().map(Campaign::getId).toArray()));
      ps.setObject(2, first.atStartOfDay());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate day = rs.getObject(2, LocalDate.class);
          int i = (int) (day.toEpochDay() - first.toEpochDay());
          if (i >= 0 && i < DAYS) {
            days.computeIfAbsent(rs.getLong(1), k -> new long[DAYS])[i] = rs.getLong(3);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the overview could not be read", e);
    }
    return days;
  }

  /** A sparkline of the values as SVG (numbers only, so safe to write as markup). */
  public static String sparkline(List<Long> values) {
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder points = new StringBuilder();
    int width = 112;
    int height = 24;
    for (int i = 0; i < values.size(); i++) {
      long x = values.size() == 1 ? 0 : Math.round((double) i * width / (values.size() - 1));
      long y = height - Math.round((double) values.get(i) * (height - 2) / max) - 1;
      points.append(i == 0 ? "" : " ").append(x).append(',').append(y);
    }
    return "<svg class=\"sparkline\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" aria-hidden=\"true\"><polyline fill=\"none\" stroke=\"currentColor\""
        + " stroke-width=\"1.5\" points=\""
        + points
        + "\"/></svg>";
  }
}
