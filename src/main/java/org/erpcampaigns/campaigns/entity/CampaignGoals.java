package org.erpcampaigns.campaigns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/**
 * What the campaign must achieve; each is optional. Rates are percentages (12.5 = 12.5 %), revenue
 * is in the campaign's currency.
 */
@Embeddable
public class CampaignGoals {
  @Column(name = "TARGET_LEADS")
  private Long leads;

  @Column(name = "TARGET_CONVERSION_RATE", precision = 7, scale = 2)
  private BigDecimal conversionRate;

  @Column(name = "EXPECTED_REVENUE", precision = 18, scale = 2)
  private BigDecimal revenue;

  @Column(name = "TARGET_ROI", precision = 9, scale = 2)
  private BigDecimal roi;

  protected CampaignGoals() {}

  public CampaignGoals(Long leads, BigDecimal conversionRate, BigDecimal revenue, BigDecimal roi) {
    if (leads != null && leads < 0) {
      throw CampaignRuleException.invalid(
          "campaign.error.negative", new CampaignRuleException.Label("campaign.targetLeads"));
    }
    this.leads = leads;
    this.conversionRate =
        Money.scaled(conversionRate, 2, "campaign.targetConversionRate", false, true);
    if (this.conversionRate != null && this.conversionRate.compareTo(new BigDecimal(100)) > 0) {
      throw CampaignRuleException.invalid("campaign.error.percentTooHigh");
    }
    this.revenue = Money.scaled(revenue, 2, "campaign.expectedRevenue", false, true);
    // a target ROI may be negative (a loss accepted for reach), so no sign check
    this.roi = Money.scaled(roi, 2, "campaign.targetRoi", true, true);
  }

  public static CampaignGoals none() {
    return new CampaignGoals();
  }

  public Long getLeads() {
    return leads;
  }

  public BigDecimal getConversionRate() {
    return conversionRate;
  }

  public BigDecimal getRevenue() {
    return revenue;
  }

  public BigDecimal getRoi() {
    return roi;
  }
}
