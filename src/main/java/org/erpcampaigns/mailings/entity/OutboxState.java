package org.erpcampaigns.mailings.entity;

/** The states of an outbox row (CM_OUTBOX.STATE). */
public enum OutboxState {
  PENDING,
  SENDING,
  SENT,
  FAILED,
  BOUNCED,
  CANCELLED,
  SUPPRESSED
}
