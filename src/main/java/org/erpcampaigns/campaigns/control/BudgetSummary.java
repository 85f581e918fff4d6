package org.erpcampaigns.campaigns.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostState;

/**
 * Actual against budget, per cost category and in total: committed and spent money, the share of
 * the budget used, and whether the warning threshold or the budget itself is passed.
 */
public record BudgetSummary(
    String currency, int warningPercent, List<Line> categories, Line total) {

  /** Where a budget stands. */
  public enum State {
    /** No budget planned for it (and nothing spent against a zero total). */
    NONE,
    WITHIN,
    /** Actual costs reached the warning threshold (default 80 %) of the budget. */
    WARNING,
    /** Actual costs are above the budget. */
    EXCEEDED
  }

  /** One row: budget (null when not planned separately), committed, spent, actual = both. */
  public record Line(
      CostCategory category,
      BigDecimal budget,
      BigDecimal committed,
      BigDecimal spent,
      BigDecimal actual,
      BigDecimal percentUsed,
      State state) {
    public BigDecimal getRemaining() {
      return budget == null ? null : budget.subtract(actual);
    }

    /** The share for a progress bar, 0-100. */
    public int getBarPercent() {
      return percentUsed == null ? 0 : Math.min(100, percentUsed.intValue());
    }
  }

  /**
   * The categories past their own budget or its warning threshold, the exceeded ones first: the
   * total can be within budget while one category is not.
   */
  public List<Line> categoryAlerts() {
    return categories.stream()
        .filter(l -> l.state() == State.EXCEEDED || l.state() == State.WARNING)
        .sorted(java.util.Comparator.comparing(l -> l.state() == State.EXCEEDED ? 0 : 1))
        .toList();
  }

  /**
   * Computes the summary. {@code split} holds the budget per category (may be empty), {@code costs}
   * the sums per category and state.
   */
  public static BudgetSummary of(
      String currency,
      BigDecimal totalBudget,
      Map<CostCategory, BigDecimal> split,
      int warningPercent,
      Map<CostCategory, Map<CostState, BigDecimal>> costs) {
    List<Line> lines = new ArrayList<>();
    BigDecimal committedTotal = zero();
    BigDecimal spentTotal = zero();
    for (CostCategory category : CostCategory.values()) {
      BigDecimal budget = split.get(category);
      Map<CostState, BigDecimal> byState = costs.getOrDefault(category, Map.of());
      BigDecimal committed = byState.getOrDefault(CostState.COMMITTED, zero());
      BigDecimal spent = byState.getOrDefault(CostState.SPENT, zero());
      committedTotal = committedTotal.add(committed);
      spentTotal = spentTotal.add(spent);
      if (budget == null && committed.signum() == 0 && spent.signum() == 0) {
        continue;
      }
      lines.add(line(category, budget, committed, spent, warningPercent));
    }
    Line total =
        line(
            null,
            totalBudget == null ? zero() : totalBudget,
            committedTotal,
            spentTotal,
            warningPercent);
    return new BudgetSummary(currency, warningPercent, List.copyOf(lines), total);
  }

  static Line line(
      CostCategory category,
      BigDecimal budget,
      BigDecimal committed,
      BigDecimal spent,
      int warningPercent) {
    BigDecimal actual = committed.add(spent);
    return new Line(
        category,
        budget,
        committed,
        spent,
        actual,
        percent(actual, budget),
        state(actual, budget, warningPercent));
  }

  /** Actual as a percentage of the budget, two decimals; null without a budget. */
  static BigDecimal percent(BigDecimal actual, BigDecimal budget) {
    if (budget == null || budget.signum() == 0) {
      return null;
    }
    return actual.multiply(BigDecimal.valueOf(100)).divide(budget, 2, RoundingMode.HALF_UP);
  }

  static State state(BigDecimal actual, BigDecimal budget, int warningPercent) {
    if (budget == null) {
      return State.NONE;
    }
    if (budget.signum() == 0) {
      return actual.signum() > 0 ? State.EXCEEDED : State.NONE;
    }
    if (actual.compareTo(budget) > 0) {
      return State.EXCEEDED;
    }
    BigDecimal threshold =
        budget.multiply(BigDecimal.valueOf(warningPercent)).divide(BigDecimal.valueOf(100));
    return actual.compareTo(threshold) >= 0 ? State.WARNING : State.WITHIN;
  }

  /** An empty cost map, for callers that fill it. */
  public static Map<CostCategory, Map<CostState, BigDecimal>> emptyCosts() {
    return new EnumMap<>(CostCategory.class);
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(2);
  }
}
