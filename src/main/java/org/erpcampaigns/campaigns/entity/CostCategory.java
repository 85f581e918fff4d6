package org.erpcampaigns.campaigns.entity;

/** What money is spent on; the budget may be split by these. */
public enum CostCategory {
  CONTACT_LISTS,
  DESIGN,
  PRINTING,
  ADVERTISING,
  EVENTS,
  AGENCY,
  /** Recorded automatically for each email sent, when the campaign has a cost per email. */
  EMAIL_DELIVERY,
  OTHER
}
