package org.erpcampaigns.campaigns.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostState;
import org.junit.jupiter.api.Test;

/** Actual against budget: committed + spent, the warning threshold, the exceeded state. */
class BudgetSummaryTest {
  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  static Map<CostCategory, Map<CostState, BigDecimal>> costs(Object... categoryStateAmount) {
    Map<CostCategory, Map<CostState, BigDecimal>> m = BudgetSummary.emptyCosts();
    for (int i = 0; i < categoryStateAmount.length; i += 3) {
      m.computeIfAbsent((CostCategory) categoryStateAmount[i], k -> new EnumMap<>(CostState.class))
          .put((CostState) categoryStateAmount[i + 1], d((String) categoryStateAmount[i + 2]));
    }
    return m;
  }

  @Test
  void warningFromTheThresholdOnExceededAboveTheBudget() {
    assertEquals(BudgetSummary.State.WITHIN, BudgetSummary.state(d("799.99"), d("1000"), 80));
    assertEquals(BudgetSummary.State.WARNING, BudgetSummary.state(d("800.00"), d("1000"), 80));
    assertEquals(BudgetSummary.State.WARNING, BudgetSummary.state(d("1000.00"), d("1000"), 80));
    assertEquals(BudgetSummary.State.EXCEEDED, BudgetSummary.state(d("1000.01"), d("1000"), 80));
    assertEquals(BudgetSummary.State.WITHIN, BudgetSummary.state(d("850"), d("1000"), 90));
  }

  @Test
  void withoutABudgetAnyCostExceedsIt() {
    assertEquals(BudgetSummary.State.NONE, BudgetSummary.state(d("0"), d("0"), 80));
    assertEquals(BudgetSummary.State.EXCEEDED, BudgetSummary.state(d("0.01"), d("0"), 80));
    assertEquals(BudgetSummary.State.NONE, BudgetSummary.state(d("50"), null, 80));
  }

  @Test
  void perCategoryAndTotalWithCommittedAndSpent() {
    BudgetSummary cut =
        BudgetSummary.of(
            "EUR",
            d("1000.00"),
            Map.of(CostCategory.DESIGN, d("300.00"), CostCategory.PRINTING, d("200.00")),
            80,
            costs(
                CostCategory.DESIGN,
                CostState.SPENT,
                "250.00",
                CostCategory.DESIGN,
                CostState.COMMITTED,
                "100.00",
                CostCategory.PRINTING,
                CostState.COMMITTED,
                "100.00",
                CostCategory.ADVERTISING,
                CostState.SPENT,
                "400.00"));
    assertEquals(
        List.of(CostCategory.DESIGN, CostCategory.PRINTING, CostCategory.ADVERTISING),
        cut.categories().stream().map(BudgetSummary.Line::category).toList());
    BudgetSummary.Line design = cut.categories().get(0);
    assertEquals(d("350.00"), design.actual());
    assertEquals(BudgetSummary.State.EXCEEDED, design.state());
    assertEquals(d("116.67"), design.percentUsed());
    assertEquals(d("-50.00"), design.getRemaining());
    BudgetSummary.Line printing = cut.categories().get(1);
    assertEquals(BudgetSummary.State.WITHIN, printing.state());
    assertEquals(d("50.00"), printing.percentUsed());
    BudgetSummary.Line advertising = cut.categories().get(2);
    assertNull(advertising.budget(), "not planned separately");
    assertEquals(BudgetSummary.State.NONE, advertising.state());

    assertEquals(d("200.00"), cut.total().committed());
    assertEquals(d("650.00"), cut.total().spent());
    assertEquals(d("850.00"), cut.total().actual());
    assertEquals(d("85.00"), cut.total().percentUsed());
    assertEquals(BudgetSummary.State.WARNING, cut.total().state());
    assertEquals(85, cut.total().getBarPercent());
    assertEquals(
        List.of(CostCategory.DESIGN),
        cut.categoryAlerts().stream().map(BudgetSummary.Line::category).toList(),
        "design over its own budget is flagged, whatever the total says");
  }

  @Test
  void aCategoryOverItsBudgetIsFlaggedWhileTheTotalIsWithin() {
    BudgetSummary cut =
        BudgetSummary.of(
            "EUR",
            d("10000.00"),
            Map.of(CostCategory.PRINTING, d("1500.00"), CostCategory.DESIGN, d("1000.00")),
            80,
            costs(
                CostCategory.PRINTING,
                CostState.SPENT,
                "1700.00",
                CostCategory.DESIGN,
                CostState.SPENT,
                "850.00"));
    assertEquals(BudgetSummary.State.WITHIN, cut.total().state());
    assertEquals(
        List.of(CostCategory.PRINTING, CostCategory.DESIGN),
        cut.categoryAlerts().stream().map(BudgetSummary.Line::category).toList(),
        "printing exceeded (113 %) first, then design at its warning threshold (85 %)");
  }
}
