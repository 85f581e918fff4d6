package org.erpcampaigns.campaigns.entity;

/**
 * Where a campaign is in its life (the words of OFBiz's MKTG_CAMP_* statuses): planned, approved,
 * active and paused are open; completed and cancelled are final.
 */
public enum CampaignStatus {
  PLANNED,
  APPROVED,
  ACTIVE,
  PAUSED,
  COMPLETED,
  CANCELLED;

  public boolean isOpen() {
    return this != COMPLETED && this != CANCELLED;
  }
}
