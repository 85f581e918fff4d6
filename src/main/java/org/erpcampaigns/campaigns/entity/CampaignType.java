package org.erpcampaigns.campaigns.entity;

/** What kind of campaign it is. */
public enum CampaignType {
  MARKETING,
  SALES,
  PUBLIC_RELATIONS,
  INTERNAL
}
