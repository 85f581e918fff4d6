package org.erpcampaigns.campaigns.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.erpcampaigns.campaigns.entity.CampaignGoals;

/**
 * A campaign's goals against what happened, from the engagement events and the ERP's orders: leads,
 * conversions, attributed revenue, cost per lead, cost per conversion, conversion rate and ROI =
 * (attributed revenue − actual cost) / actual cost. A ratio whose divisor is zero is not defined
 * (null), never a made-up zero. Money keeps two decimals, percentages two decimals, rounded half
 * up.
 */
public record CampaignKpis(
    String currency,
    long leads,
    long reachedContacts,
    long conversions,
    BigDecimal revenue,
    BigDecimal actualCost,
    long ordersInOtherCurrencies,
    int attributionDays,
    List<Kpi> kpis) {

  /** How a KPI's figure reads: a count, money in the campaign's currency, or a percentage. */
  public enum Unit {
    COUNT,
    MONEY,
    PERCENT
  }

  /**
   * One KPI: its name (a bundle key under kpi.), the target (null: none set), the actual value
   * (null: not defined yet), and whether less is better (costs per lead/conversion).
   */
  public record Kpi(
      String name, Unit unit, BigDecimal target, BigDecimal actual, boolean lowerIsBetter) {
    /** Progress towards the target for a bar, 0-100; null without a target or an actual. */
    public Integer getProgress() {
      if (target == null || actual == null) {
        return null;
      }
      if (lowerIsBetter) {
        return actual.compareTo(target) <= 0 ? 100 : 0;
      }
      if (target.signum() <= 0) {
        return actual.compareTo(target) >= 0 ? 100 : 0;
      }
      BigDecimal p = actual.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.DOWN);
      return Math.max(0, Math.min(100, p.intValue()));
    }

    /** The target is met. */
    public boolean isMet() {
      Integer p = getProgress();
      return p != null && p >= 100;
    }
  }

  public static CampaignKpis of(
      String currency,
      CampaignGoals goals,
      long leads,
      long reachedContacts,
      long conversions,
      BigDecimal revenue,
      BigDecimal actualCost,
      long ordersInOtherCurrencies,
      int attributionDays) {
    BigDecimal rev =
        revenue == null ? BigDecimal.ZERO.setScale(2) : revenue.setScale(2, RoundingMode.HALF_UP);
    BigDecimal cost =
        actualCost == null
            ? BigDecimal.ZERO.setScale(2)
            : actualCost.setScale(2, RoundingMode.HALF_UP);
    BigDecimal targetLeads = goals.getLeads() == null ? null : BigDecimal.valueOf(goals.getLeads());
    List<Kpi> kpis =
        List.of(
            new Kpi("leads", Unit.COUNT, targetLeads, BigDecimal.valueOf(leads), false),
            new Kpi("conversions", Unit.COUNT, null, BigDecimal.valueOf(conversions), false),
            new Kpi(
                "conversionRate",
                Unit.PERCENT,
                goals.getConversionRate(),
                conversionRate(conversions, leads),
                false),
            new Kpi("revenue", Unit.MONEY, goals.getRevenue(), rev, false),
            new Kpi("actualCost", Unit.MONEY, null, cost, false),
            new Kpi("costPerLead", Unit.MONEY, null, perUnit(cost, leads), true),
            new Kpi("costPerConversion", Unit.MONEY, null, perUnit(cost, conversions), true),
            new Kpi("roi", Unit.PERCENT, goals.getRoi(), roi(rev, cost), false));
    return new CampaignKpis(
        currency,
        leads,
        reachedContacts,
        conversions,
        rev,
        cost,
        ordersInOtherCurrencies,
        attributionDays,
        kpis);
  }

  /** ROI in percent: (revenue − cost) / cost × 100; null when nothing was spent. */
  public static BigDecimal roi(BigDecimal revenue, BigDecimal cost) {
    if (cost == null || cost.signum() == 0) {
      return null;
    }
    BigDecimal rev = revenue == null ? BigDecimal.ZERO : revenue;
    return rev.subtract(cost)
        .multiply(BigDecimal.valueOf(100))
        .divide(cost, 2, RoundingMode.HALF_UP);
  }

  /** Cost per lead or per conversion; null when there are none. */
  public static BigDecimal perUnit(BigDecimal cost, long units) {
    if (units <= 0) {
      return null;
    }
    return cost.divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP);
  }

  /** Conversions per lead in percent; null without leads. */
  public static BigDecimal conversionRate(long conversions, long leads) {
    if (leads <= 0) {
      return null;
    }
    return BigDecimal.valueOf(conversions)
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(leads), 2, RoundingMode.HALF_UP);
  }

  public Kpi kpi(String name) {
    return kpis.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }
}
