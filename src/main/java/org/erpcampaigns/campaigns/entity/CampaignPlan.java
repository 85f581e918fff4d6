package org.erpcampaigns.campaigns.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What a user plans for a campaign, as the editor and the REST API hand it over; {@link
 * Campaign#plan} checks it. Optional values may be null: the campaign keeps its defaults (warning
 * at 80 %, leads from clicks and replies, a 30-day attribution window, the server's time zone).
 */
public record CampaignPlan(
    String name,
    String description,
    CampaignType type,
    AudienceKind audience,
    String owner,
    Long parentId,
    LocalDate plannedStart,
    LocalDate plannedEnd,
    String currency,
    String timeZone,
    BigDecimal budget,
    Map<CostCategory, BigDecimal> budgetByCategory,
    Integer warningPercent,
    BigDecimal costPerEmail,
    Long targetLeads,
    BigDecimal targetConversionRate,
    BigDecimal expectedRevenue,
    BigDecimal targetRoi,
    Set<String> leadEventTypes,
    Integer attributionDays) {}
