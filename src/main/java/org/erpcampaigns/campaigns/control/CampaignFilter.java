package org.erpcampaigns.campaigns.control;

import java.time.LocalDate;
import org.erpcampaigns.campaigns.entity.CampaignStatus;
import org.erpcampaigns.campaigns.entity.CampaignType;

/**
 * The campaign list's filters, each optional: type, status, owner, and a period that the planned
 * dates overlap (a campaign without dates overlaps every period).
 */
public record CampaignFilter(
    CampaignType type, CampaignStatus status, String owner, LocalDate from, LocalDate to) {
  public static CampaignFilter none() {
    return new CampaignFilter(null, null, null, null, null);
  }
}
