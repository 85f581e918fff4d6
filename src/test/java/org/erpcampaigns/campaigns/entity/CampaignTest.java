package org.erpcampaigns.campaigns.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The campaign's own rules: the lifecycle, the plan's checks, costs only in its currency. */
class CampaignTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 10, 0);

  static CampaignPlan plan(String currency, String budget, Map<CostCategory, BigDecimal> split) {
    return new CampaignPlan(
        "Spring sale",
        null,
        CampaignType.MARKETING,
        AudienceKind.B2C,
        "marketer",
        null,
        LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 31),
        currency,
        "Europe/Rome",
        budget == null ? null : new BigDecimal(budget),
        split,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static Campaign campaign() {
    return new Campaign(plan("eur", "1000", Map.of()), null, "marketer", NOW);
  }

  @Test
  void aNewCampaignIsPlannedWithTheDefaults() {
    Campaign cut = campaign();
    assertEquals(CampaignStatus.PLANNED, cut.getStatus());
    assertEquals("EUR", cut.getCurrency(), "currency codes are upper-cased");
    assertEquals(ZoneId.of("Europe/Rome"), cut.getZoneId());
    assertEquals(80, cut.getWarningPercent());
    assertEquals(30, cut.getAttributionDays());
    assertEquals(List.of("CLICKED", "REPLIED"), cut.getLeadEvents());
    assertEquals(new BigDecimal("1000.00"), cut.getBudget());
  }

  @Test
  void theTimeZoneDefaultsToTheServersOne() {
    CampaignPlan p = plan("EUR", "0", null);
    CampaignPlan noZone =
        new CampaignPlan(
            p.name(),
            null,
            p.type(),
            p.audience(),
            p.owner(),
            null,
            null,
            null,
            "EUR",
            " ",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertEquals(ZoneId.systemDefault(), new Campaign(noZone, null, "m", NOW).getZoneId());
  }

  @Test
  void lifecycleGoesPlannedApprovedActivePausedCompleted() {
    Campaign cut = campaign();
    assertEquals(List.of(CampaignAction.APPROVE, CampaignAction.CANCEL), cut.getAllowedActions());
    cut.perform(CampaignAction.APPROVE);
    assertEquals(List.of(CampaignAction.START, CampaignAction.CANCEL), cut.getAllowedActions());
    cut.perform(CampaignAction.START);
    assertEquals(CampaignStatus.ACTIVE, cut.getStatus());
    cut.perform(CampaignAction.PAUSE);
    assertEquals(
        List.of(CampaignAction.RESUME, CampaignAction.COMPLETE, CampaignAction.CANCEL),
        cut.getAllowedActions());
    cut.perform(CampaignAction.RESUME);
    assertEquals(CampaignStatus.ACTIVE, cut.getStatus());
    cut.perform(CampaignAction.PAUSE);
    cut.perform(CampaignAction.COMPLETE);
    assertEquals(CampaignStatus.COMPLETED, cut.getStatus());
    assertEquals(List.of(), cut.getAllowedActions(), "completed is final");
  }

  @Test
  void movesTheLifecycleDoesNotHaveAreRefusedWithTheStatusNamed() {
    Campaign cut = campaign();
    CampaignRuleException e =
        assertThrows(CampaignRuleException.class, () -> cut.perform(CampaignAction.START));
    assertEquals("campaign.error.move", e.getKey());
    assertEquals(
        List.of(
            new CampaignRuleException.Label("campaign.action.START"),
            new CampaignRuleException.Label("campaign.status.PLANNED")),
        List.of(e.getArguments()));
    assertEquals(CampaignStatus.PLANNED, cut.getStatus(), "nothing changed");
    assertThrows(CampaignRuleException.class, () -> cut.perform(CampaignAction.PAUSE));
    assertThrows(CampaignRuleException.class, () -> cut.perform(CampaignAction.COMPLETE));
  }

  @Test
  void cancelledFromEveryOpenStateAndFinal() {
    for (int steps = 0; steps <= 3; steps++) {
      Campaign cut = campaign();
      List<CampaignAction> path =
          List.of(CampaignAction.APPROVE, CampaignAction.START, CampaignAction.PAUSE);
      for (int i = 0; i < steps; i++) {
        cut.perform(path.get(i));
      }
      assertTrue(cut.getStatus().isOpen());
      cut.perform(CampaignAction.CANCEL);
      assertEquals(CampaignStatus.CANCELLED, cut.getStatus());
      assertFalse(cut.getStatus().isOpen());
      assertThrows(CampaignRuleException.class, () -> cut.perform(CampaignAction.RESUME));
      assertThrows(CampaignRuleException.class, () -> cut.perform(CampaignAction.CANCEL));
    }
  }

  @Test
  void endBeforeStartIsRefused() {
    CampaignPlan p = plan("EUR", "10", null);
    CampaignPlan backwards =
        new CampaignPlan(
            p.name(),
            null,
            p.type(),
            p.audience(),
            p.owner(),
            null,
            LocalDate.of(2026, 4, 1),
            LocalDate.of(2026, 3, 1),
            "EUR",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    CampaignRuleException e =
        assertThrows(CampaignRuleException.class, () -> new Campaign(backwards, null, "m", NOW));
    assertEquals("campaign.error.endBeforeStart", e.getKey());
  }

  @Test
  void plannedDatesOutsideTheDocumentedRangeAreRefusedWithTheRange() {
    CampaignPlan p = plan("EUR", "10", null);
    for (LocalDate date :
        List.of(
            LocalDate.of(+999_999_999, 12, 31),
            LocalDate.of(0, 1, 1),
            LocalDate.of(1899, 12, 31))) {
      CampaignPlan far =
          new CampaignPlan(
              p.name(),
              null,
              p.type(),
              p.audience(),
              p.owner(),
              null,
              date,
              null,
              "EUR",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null);
      CampaignRuleException e =
          assertThrows(CampaignRuleException.class, () -> new Campaign(far, null, "m", NOW));
      assertEquals("campaign.error.dateRange", e.getKey());
      assertEquals(
          List.of(date.toString(), "1900-01-01", "2999-12-31"),
          List.of(e.getArguments()).subList(1, 4));
    }
  }

  @Test
  void moneyRules() {
    assertEquals(
        "campaign.error.negative",
        assertThrows(
                CampaignRuleException.class,
                () -> new Campaign(plan("EUR", "-1", null), null, "m", NOW))
            .getKey());
    assertEquals(
        "campaign.error.decimals",
        assertThrows(
                CampaignRuleException.class,
                () -> new Campaign(plan("EUR", "10.005", null), null, "m", NOW))
            .getKey());
    assertEquals(
        "campaign.error.currency",
        assertThrows(
                CampaignRuleException.class,
                () -> new Campaign(plan("EURO", "10", null), null, "m", NOW))
            .getKey());
    assertEquals(
        "campaign.error.splitExceedsBudget",
        assertThrows(
                CampaignRuleException.class,
                () ->
                    new Campaign(
                        plan(
                            "EUR",
                            "100",
                            Map.of(
                                CostCategory.DESIGN,
                                new BigDecimal("60"),
                                CostCategory.PRINTING,
                                new BigDecimal("50"))),
                        null,
                        "m",
                        NOW))
            .getKey());
  }

  @Test
  void aFailedPlanChangesNothing() {
    Campaign cut = campaign();
    List<String> changes =
        cut.plan(plan("EUR", "1500", Map.of(CostCategory.DESIGN, new BigDecimal("500"))), null);
    assertTrue(changes.contains("budget: 1000.00 → 1500.00"), changes.toString());
    assertThrows(CampaignRuleException.class, () -> cut.plan(plan("EUR", "-5", null), null));
    assertEquals(new BigDecimal("1500.00"), cut.getBudget());
    assertEquals(Map.of(CostCategory.DESIGN, new BigDecimal("500.00")), cut.getBudgetByCategory());
  }

  @Test
  void costsOnlyInTheCampaignsCurrencyAndNeverNegative() {
    Campaign cut = campaign();
    CostEntry ok =
        cut.recordCost(
            LocalDate.of(2026, 3, 2),
            CostCategory.DESIGN,
            new BigDecimal("120.5"),
            null,
            null,
            "Key visual",
            "Studio A",
            null,
            "marketer",
            NOW);
    assertEquals(new BigDecimal("120.50"), ok.getAmount());
    assertEquals("EUR", ok.getCurrency());
    assertEquals(CostState.SPENT, ok.getState());

    CampaignRuleException usd =
        assertThrows(
            CampaignRuleException.class,
            () ->
                cut.recordCost(
                    LocalDate.of(2026, 3, 2),
                    CostCategory.DESIGN,
                    BigDecimal.TEN,
                    "usd",
                    null,
                    null,
                    null,
                    null,
                    "marketer",
                    NOW));
    assertEquals("campaign.error.costCurrency", usd.getKey());
    assertEquals(List.of("USD", "EUR"), List.of(usd.getArguments()));

    assertEquals(
        "campaign.error.negative",
        assertThrows(
                CampaignRuleException.class,
                () ->
                    cut.recordCost(
                        LocalDate.of(2026, 3, 2),
                        CostCategory.DESIGN,
                        new BigDecimal("-0.01"),
                        "EUR",
                        null,
                        null,
                        null,
                        null,
                        "marketer",
                        NOW))
            .getKey());
    assertEquals(
        "campaign.error.required",
        assertThrows(
                CampaignRuleException.class,
                () ->
                    cut.recordCost(
                        LocalDate.of(2026, 3, 2),
                        CostCategory.DESIGN,
                        null,
                        "EUR",
                        null,
                        null,
                        null,
                        null,
                        "marketer",
                        NOW))
            .getKey());
  }

  @Test
  void leadEventsAreCheckedAndOrdered() {
    CampaignPlan p = plan("EUR", "0", null);
    CampaignPlan opened =
        new CampaignPlan(
            p.name(),
            null,
            p.type(),
            p.audience(),
            p.owner(),
            null,
            null,
            null,
            "EUR",
            null,
            null,
            null,
            90,
            new BigDecimal("0.0025"),
            100L,
            null,
            null,
            null,
            Set.of("replied", "OPENED"),
            14);
    Campaign cut = new Campaign(opened, null, "m", NOW);
    assertEquals(List.of("OPENED", "REPLIED"), cut.getLeadEvents());
    assertEquals(90, cut.getWarningPercent());
    assertEquals(new BigDecimal("0.0025"), cut.getCostPerEmail());
    CampaignPlan bad =
        new CampaignPlan(
            p.name(),
            null,
            p.type(),
            p.audience(),
            p.owner(),
            null,
            null,
            null,
            "EUR",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Set.of("VISITED"),
            null);
    assertEquals(
        "campaign.error.leadEvent",
        assertThrows(CampaignRuleException.class, () -> new Campaign(bad, null, "m", NOW))
            .getKey());
  }
}
