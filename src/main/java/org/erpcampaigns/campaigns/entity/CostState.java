package org.erpcampaigns.campaigns.entity;

/** Committed money is ordered but not yet invoiced; spent money is invoiced or paid. */
public enum CostState {
  COMMITTED,
  SPENT
}
