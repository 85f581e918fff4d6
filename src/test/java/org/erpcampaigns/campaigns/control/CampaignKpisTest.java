package org.erpcampaigns.campaigns.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.erpcampaigns.campaigns.entity.CampaignGoals;
import org.junit.jupiter.api.Test;

/** The KPI arithmetic: ROI with zero cost and without revenue, per-unit costs, rounding. */
class CampaignKpisTest {
  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  @Test
  void roiIsRevenueMinusCostOverCost() {
    assertEquals(d("150.00"), CampaignKpis.roi(d("2500.00"), d("1000.00")));
    assertEquals(d("0.00"), CampaignKpis.roi(d("1000.00"), d("1000.00")));
  }

  @Test
  void roiWithoutRevenueIsATotalLoss() {
    assertEquals(d("-100.00"), CampaignKpis.roi(BigDecimal.ZERO, d("800.00")));
    assertEquals(d("-100.00"), CampaignKpis.roi(null, d("800.00")));
  }

  @Test
  void roiWithZeroCostIsNotDefined() {
    assertNull(CampaignKpis.roi(d("500.00"), BigDecimal.ZERO));
    assertNull(CampaignKpis.roi(d("500.00"), d("0.00")));
  }

  @Test
  void roundingIsHalfUpToTwoDecimals() {
    // (100 - 30) / 30 = 2.3333.. -> 233.33 %
    assertEquals(d("233.33"), CampaignKpis.roi(d("100"), d("30")));
    // (1 - 3) / 3 = -0.66666.. -> -66.67 %
    assertEquals(d("-66.67"), CampaignKpis.roi(d("1"), d("3")));
    assertEquals(d("3.33"), CampaignKpis.perUnit(d("10.00"), 3));
    assertEquals(d("0.01"), CampaignKpis.perUnit(d("0.05"), 6), "0.00833 rounds to 0.01");
    assertEquals(d("33.33"), CampaignKpis.conversionRate(1, 3));
    assertEquals(d("66.67"), CampaignKpis.conversionRate(2, 3));
  }

  @Test
  void perUnitCostsWithoutUnitsAreNotDefined() {
    assertNull(CampaignKpis.perUnit(d("100"), 0));
    assertNull(CampaignKpis.conversionRate(5, 0));
  }

  @Test
  void kpisCompareActualsWithTargets() {
    CampaignKpis cut =
        CampaignKpis.of(
            "EUR",
            new CampaignGoals(200L, d("5"), d("10000"), d("50")),
            150,
            400,
            6,
            d("1800.456"),
            d("1200"),
            2,
            30);
    assertEquals(d("150"), cut.kpi("leads").actual());
    assertEquals(75, cut.kpi("leads").getProgress());
    assertFalse(cut.kpi("leads").isMet());
    assertEquals(d("4.00"), cut.kpi("conversionRate").actual());
    assertEquals(80, cut.kpi("conversionRate").getProgress());
    assertEquals(d("1800.46"), cut.revenue(), "revenue kept to cents");
    assertEquals(d("8.00"), cut.kpi("costPerLead").actual());
    assertEquals(d("200.00"), cut.kpi("costPerConversion").actual());
    assertEquals(d("50.04"), cut.kpi("roi").actual(), "(1800.46 - 1200) / 1200");
    assertTrue(cut.kpi("roi").isMet());
    assertNull(cut.kpi("conversions").getProgress(), "no target, no bar");
    assertEquals(2, cut.ordersInOtherCurrencies());
  }

  @Test
  void aCampaignWithNothingYetHasNoMadeUpFigures() {
    CampaignKpis cut = CampaignKpis.of("EUR", CampaignGoals.none(), 0, 0, 0, null, null, 0, 30);
    assertEquals(d("0.00"), cut.kpi("revenue").actual());
    assertNull(cut.kpi("roi").actual());
    assertNull(cut.kpi("costPerLead").actual());
    assertNull(cut.kpi("conversionRate").actual());
    assertNull(cut.kpi("leads").getProgress());
  }
}
