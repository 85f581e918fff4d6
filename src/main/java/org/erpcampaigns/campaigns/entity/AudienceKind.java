package org.erpcampaigns.campaigns.entity;

/** Whom the campaign addresses: businesses, consumers, or both. */
public enum AudienceKind {
  B2B,
  B2C,
  BOTH
}
